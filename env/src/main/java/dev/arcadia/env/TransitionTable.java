package dev.arcadia.env;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exact model of a finite MDP, in Gymnasium's {@code P[s][a] = [(prob, next, reward, terminated), ...]} form,
 * stored in flat primitive arrays so that dynamic programming and environment steps read it without allocating.
 *
 * <p>Outcomes of {@code (s, a)} are the indices {@code start(s, a) <= i < end(s, a)}; their order is the order they
 * were added (Gymnasium lists the slip directions in order and keeps duplicates, and so does this table).
 */
public final class TransitionTable {

    /** One possible result of taking an action in a state. */
    public record Outcome(double probability, int nextState, double reward, boolean terminated) {
    }

    private final int states;
    private final int actions;
    private final int[] offsets;
    private final double[] probability;
    private final int[] next;
    private final double[] reward;
    private final boolean[] terminated;
    private final double[] initial;

    private TransitionTable(int states, int actions, int[] offsets, double[] probability, int[] next, double[] reward,
                            boolean[] terminated, double[] initial) {
        this.states = states;
        this.actions = actions;
        this.offsets = offsets;
        this.probability = probability;
        this.next = next;
        this.reward = reward;
        this.terminated = terminated;
        this.initial = initial;
    }

    public int states() {
        return states;
    }

    public int actions() {
        return actions;
    }

    /** First outcome index of {@code (state, action)}. */
    public int start(int state, int action) {
        return offsets[state * actions + action];
    }

    /** One past the last outcome index of {@code (state, action)}. */
    public int end(int state, int action) {
        return offsets[state * actions + action + 1];
    }

    public double probability(int outcome) {
        return probability[outcome];
    }

    public int nextState(int outcome) {
        return next[outcome];
    }

    public double reward(int outcome) {
        return reward[outcome];
    }

    public boolean terminated(int outcome) {
        return terminated[outcome];
    }

    /** Probability that an episode starts in {@code state}. */
    public double initialProbability(int state) {
        return initial[state];
    }

    /** The outcomes of {@code (state, action)} as records, in table order (convenient, allocates). */
    public List<Outcome> outcomes(int state, int action) {
        List<Outcome> list = new ArrayList<>();
        for (int i = start(state, action); i < end(state, action); i++) {
            list.add(new Outcome(probability[i], next[i], reward[i], terminated[i]));
        }
        return List.copyOf(list);
    }

    /** A copy of the initial-state distribution. */
    public double[] initialDistribution() {
        return initial.clone();
    }

    /** Collects outcomes state by state, action by action, in order. */
    public static final class Builder {
        private final int states;
        private final int actions;
        private final int[] offsets;
        private final double[] initial;
        private double[] probability = new double[64];
        private int[] next = new int[64];
        private double[] reward = new double[64];
        private boolean[] terminated = new boolean[64];
        private int size;
        private int cursor; // the next (state, action) pair expected

        public Builder(int states, int actions) {
            if (states <= 0 || actions <= 0) {
                throw new IllegalArgumentException("a table needs at least one state and one action, got states="
                        + states + ", actions=" + actions);
            }
            this.states = states;
            this.actions = actions;
            this.offsets = new int[states * actions + 1];
            this.initial = new double[states];
        }

        /**
         * Adds an outcome to {@code (state, action)}. Pairs must be filled in order: state 0 action 0, state 0
         * action 1, ..., and each pair needs at least one outcome.
         */
        public Builder add(int state, int action, double prob, int nextState, double r, boolean term) {
            int pair = state * actions + action;
            if (pair == cursor + 1 && size > offsets[cursor]) {
                cursor = pair;
                offsets[pair] = size;
            } else if (pair != cursor) {
                throw new IllegalStateException("outcomes must be added pair by pair in order: expected state "
                        + (cursor / actions) + " action " + (cursor % actions) + " or the next pair, got state "
                        + state + " action " + action);
            }
            if (nextState < 0 || nextState >= states) {
                throw new IllegalArgumentException("next state " + nextState + " is outside 0.." + (states - 1));
            }
            if (size == probability.length) {
                int n = size * 2;
                probability = Arrays.copyOf(probability, n);
                next = Arrays.copyOf(next, n);
                reward = Arrays.copyOf(reward, n);
                terminated = Arrays.copyOf(terminated, n);
            }
            probability[size] = prob;
            next[size] = nextState;
            reward[size] = r;
            terminated[size] = term;
            size++;
            return this;
        }

        public Builder initialProbability(int state, double p) {
            initial[state] = p;
            return this;
        }

        public TransitionTable build() {
            if (cursor != states * actions - 1) {
                throw new IllegalStateException("table incomplete: filled up to state " + (cursor / actions)
                        + " action " + (cursor % actions) + " of " + states + " states x " + actions + " actions");
            }
            offsets[states * actions] = size;
            for (int pair = 0; pair < states * actions; pair++) {
                double total = 0;
                for (int i = offsets[pair]; i < offsets[pair + 1]; i++) {
                    total += probability[i];
                }
                if (offsets[pair + 1] == offsets[pair] || Math.abs(total - 1.0) > 1e-9) {
                    throw new IllegalStateException("outcome probabilities of state " + (pair / actions) + " action "
                            + (pair % actions) + " sum to " + total + ", expected 1");
                }
            }
            double init = Arrays.stream(initial).sum();
            if (Math.abs(init - 1.0) > 1e-9) {
                throw new IllegalStateException("initial-state probabilities sum to " + init + ", expected 1");
            }
            return new TransitionTable(states, actions, offsets.clone(), Arrays.copyOf(probability, size),
                    Arrays.copyOf(next, size), Arrays.copyOf(reward, size), Arrays.copyOf(terminated, size),
                    initial.clone());
        }
    }
}
