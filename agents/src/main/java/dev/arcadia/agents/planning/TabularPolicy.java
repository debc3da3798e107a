package dev.arcadia.agents.planning;

import dev.arcadia.agents.Mode;
import dev.arcadia.agents.Policy;
import dev.arcadia.env.util.Rng;
import java.util.Arrays;

/**
 * A stationary stochastic policy over finitely many states and actions: {@code probability(s, a)}. Acting samples
 * from it with the policy's own generator (the mode does not matter: the policy is what it is).
 */
public final class TabularPolicy implements Policy<Integer, Integer> {

    private final int states;
    private final int actions;
    private final double[] probabilities;
    private final Rng rng;

    private TabularPolicy(int states, int actions, double[] probabilities, long seed) {
        this.states = states;
        this.actions = actions;
        this.probabilities = probabilities;
        this.rng = new Rng(seed);
        for (int s = 0; s < states; s++) {
            double total = 0;
            for (int a = 0; a < actions; a++) {
                double p = probabilities[s * actions + a];
                if (!(p >= 0)) {
                    throw new IllegalArgumentException("policy probability of state " + s + " action " + a + " is " + p);
                }
                total += p;
            }
            if (Math.abs(total - 1) > 1e-9) {
                throw new IllegalArgumentException("policy probabilities of state " + s + " sum to " + total + ", expected 1");
            }
        }
    }

    /** Every action with probability {@code 1 / actions}. */
    public static TabularPolicy uniform(int states, int actions, long seed) {
        double[] p = new double[states * actions];
        Arrays.fill(p, 1.0 / actions);
        return new TabularPolicy(states, actions, p, seed);
    }

    /** Always {@code choice[s]} in state {@code s}. */
    public static TabularPolicy deterministic(int[] choice, int actions, long seed) {
        double[] p = new double[choice.length * actions];
        for (int s = 0; s < choice.length; s++) {
            p[s * actions + choice[s]] = 1;
        }
        return new TabularPolicy(choice.length, actions, p, seed);
    }

    /**
     * The greedy policy of a Q-table {@code q[s * actions + a]}: uniform over the actions whose value equals the
     * state's maximum exactly (random tie-breaking, as the seed notes' {@code rargmax}).
     */
    public static TabularPolicy greedy(double[] q, int states, int actions, long seed) {
        double[] p = new double[states * actions];
        for (int s = 0; s < states; s++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < actions; a++) {
                best = Math.max(best, q[s * actions + a]);
            }
            int ties = 0;
            for (int a = 0; a < actions; a++) {
                ties += q[s * actions + a] == best ? 1 : 0;
            }
            for (int a = 0; a < actions; a++) {
                p[s * actions + a] = q[s * actions + a] == best ? 1.0 / ties : 0;
            }
        }
        return new TabularPolicy(states, actions, p, seed);
    }

    public int states() {
        return states;
    }

    public int actions() {
        return actions;
    }

    public double probability(int state, int action) {
        return probabilities[state * actions + action];
    }

    @Override
    public Integer act(Integer observation, Mode mode) {
        double u = rng.nextDouble();
        int base = observation * actions;
        double c = 0;
        for (int a = 0; a < actions - 1; a++) {
            c += probabilities[base + a];
            if (u < c) {
                return a;
            }
        }
        for (int a = actions - 1; a > 0; a--) {
            if (probabilities[base + a] > 0) {
                return a;
            }
        }
        return 0;
    }
}
