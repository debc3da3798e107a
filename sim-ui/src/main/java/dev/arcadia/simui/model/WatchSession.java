package dev.arcadia.simui.model;

import dev.arcadia.agents.Mode;
import dev.arcadia.agents.Policy;
import dev.arcadia.agents.PolicyDistribution;
import dev.arcadia.agents.QValues;
import dev.arcadia.agents.tabular.TabularAgent;
import dev.arcadia.env.Env;
import dev.arcadia.env.Renderable;
import dev.arcadia.env.Step;
import dev.arcadia.env.render.Frame;
import dev.arcadia.env.space.Discrete;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy playing an environment greedily ({@link Mode#EVAL}) on a clock: pause, single step and speeds 1x to 60x
 * (1x = {@value #BASE_STEPS_PER_SECOND} steps per second). Episodes follow each other ({@code reset(seed)} once,
 * then {@code reset()}), with a short hold on each final state. When the policy reports {@link QValues}, the
 * Q-values of the current observation are available for an overlay, and for discrete observations the values of
 * every state (a value map); when it reports a {@link PolicyDistribution} (policy-gradient agents), the action
 * probabilities, or the Gaussian's mean and standard deviation, of the current observation.
 */
public final class WatchSession {

    public static final double BASE_STEPS_PER_SECOND = 5;
    /** The speeds offered, as multiples of the base rate. */
    public static final int[] SPEEDS = {1, 2, 5, 10, 20, 30, 60};

    private final Env<Object, Object> env;
    private final Policy<Object, Object> policy;
    private final QValues<Object> qValues;
    private final PolicyDistribution<Object> distribution;
    private final int actions;
    private Object observation;
    private boolean paused;
    private int speedIndex;
    private double clock;
    private boolean done;
    private double holdLeft;
    private int steps;
    private int episode = 1;
    private double episodeReturn;
    private Object lastAction;
    private final List<Double> returns = new ArrayList<>();

    @SuppressWarnings("unchecked")
    public WatchSession(Env<Object, Object> env, Policy<Object, Object> policy, long seed) {
        if (!(env instanceof Renderable)) {
            throw new IllegalArgumentException(env + " cannot be watched: it does not render frames");
        }
        this.env = env;
        this.policy = policy;
        this.qValues = qValuesOf(policy);
        this.distribution = policy instanceof PolicyDistribution<?> d ? (PolicyDistribution<Object>) d : null;
        this.actions = (Object) env.actionSpace() instanceof Discrete d ? d.n() : 0;
        this.observation = env.reset(seed).observation();
    }

    /**
     * The Q-values a policy reports: its own {@link QValues}, or for a tabular agent (which exposes its table but not
     * that interface) a view of its Q-table; null if it has neither.
     */
    @SuppressWarnings("unchecked")
    public static QValues<Object> qValuesOf(Policy<?, ?> policy) {
        if (policy instanceof QValues<?> q) {
            return (QValues<Object>) q;
        }
        if (policy instanceof TabularAgent t) {
            return (observation, out) -> {
                double[] table = t.qTable();
                System.arraycopy(table, (Integer) observation * t.actions(), out, 0, t.actions());
            };
        }
        return null;
    }

    /** Advances the clock; returns the steps taken. Nothing happens while paused. */
    public int update(double seconds) {
        if (paused) {
            return 0;
        }
        clock += seconds * stepsPerSecond();
        int taken = 0;
        while (clock >= 1) {
            clock -= 1;
            if (done && holdLeft > 0) {
                holdLeft -= 1;
                continue;
            }
            stepOnce();
            taken++;
        }
        return taken;
    }

    /** One step of the policy (or, after an episode ended, the reset that starts the next). */
    public void stepOnce() {
        if (done) {
            observation = env.reset().observation();
            done = false;
            steps = 0;
            episodeReturn = 0;
            lastAction = null;
            episode++;
            return;
        }
        Object action = policy.act(observation, Mode.EVAL);
        Step<Object> s = env.step(action);
        lastAction = action;
        observation = s.observation();
        steps++;
        episodeReturn += s.reward();
        if (s.done()) {
            done = true;
            returns.add(episodeReturn);
            holdLeft = Math.max(2, stepsPerSecond() / 2); // hold the final state about half a second
        }
    }

    /** Pausing also allows single steps with {@link #stepOnce()}. */
    public void togglePause() {
        paused = !paused;
        clock = 0;
    }

    public boolean paused() {
        return paused;
    }

    public void faster() {
        speedIndex = Math.min(SPEEDS.length - 1, speedIndex + 1);
    }

    public void slower() {
        speedIndex = Math.max(0, speedIndex - 1);
    }

    /** The speed multiple, 1 to 60. */
    public int speed() {
        return SPEEDS[speedIndex];
    }

    public double stepsPerSecond() {
        return BASE_STEPS_PER_SECOND * speed();
    }

    /** Q(observation, a) of the current observation, or null when the policy has no Q-values. */
    public double[] currentQ() {
        if (qValues == null || actions == 0) {
            return null;
        }
        double[] q = new double[actions];
        qValues.qValues(observation, q);
        return q;
    }

    /**
     * Q-values of every state {@code [state][action]} when observations are {@code Discrete} (tabular), else null.
     */
    public double[][] stateValues() {
        if (qValues == null || actions == 0 || !((Object) env.observationSpace() instanceof Discrete obs)) {
            return null;
        }
        double[][] q = new double[obs.n()][actions];
        for (int s = 0; s < obs.n(); s++) {
            qValues.qValues(obs.start() + s, q[s]);
        }
        return q;
    }

    public boolean hasQValues() {
        return qValues != null;
    }

    /** The policy's action distribution at the current observation, or null when it reports none. */
    public PolicyDistribution.Distribution currentDistribution() {
        return distribution == null ? null : distribution.distribution(observation);
    }

    public boolean hasDistribution() {
        return distribution != null;
    }

    public Frame frame() {
        return ((Renderable) env).render();
    }

    public Object observation() {
        return observation;
    }

    public Object lastAction() {
        return lastAction;
    }

    public boolean episodeDone() {
        return done;
    }

    public int steps() {
        return steps;
    }

    public int episode() {
        return episode;
    }

    public double episodeReturn() {
        return episodeReturn;
    }

    /** Returns of the finished episodes. */
    public List<Double> returns() {
        return List.copyOf(returns);
    }

    public Env<Object, Object> env() {
        return env;
    }

    /** Number of discrete actions, 0 for a continuous action space. */
    public int actions() {
        return actions;
    }
}
