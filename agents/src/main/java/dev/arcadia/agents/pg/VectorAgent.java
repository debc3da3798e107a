package dev.arcadia.agents.pg;

import dev.arcadia.env.vector.VectorEnv;
import java.util.Map;

/**
 * An agent that learns from a {@link VectorEnv}: each step it picks an action for every copy from the batch of
 * observations, the environment steps all copies, and the agent reads the results. The training loop is
 * <pre>{@code
 * env.reset(seed);
 * while (agent.steps() < budget) {
 *     agent.act(env.observations());
 *     agent.applyActions(env);   // env.step(agent.discreteActions()) or env.step(agent.boxActions())
 *     agent.observe(env);        // stores the step; updates when its rollout is full
 * }
 * }</pre>
 * The environment must have {@link #numEnvs()} copies and follow the same-step autoreset of {@link VectorEnv}.
 */
public interface VectorAgent {

    /** Copies of the environment the agent expects. */
    int numEnvs();

    /** Threads the agent's config asks for to step the copies (1 = a {@code SyncVectorEnv}). */
    int envThreads();

    /** The training length in environment steps (all copies together), for annealed schedules; 0 = unknown. */
    void setTrainingBudget(long environmentSteps);

    /** Chooses training actions for every copy from {@code observations} ({@code float[numEnvs * observationSize]}). */
    void act(float[] observations);

    /** The actions chosen by the last {@link #act} for a Discrete action space, one per copy. */
    int[] discreteActions();

    /** The actions chosen by the last {@link #act} for a Box action space, flat and clipped to the space. */
    float[] boxActions();

    /** Steps {@code env} with the actions chosen by the last {@link #act}. */
    default void applyActions(VectorEnv env) {
        if (env.discreteActions()) {
            env.step(discreteActions());
        } else {
            env.step(boxActions());
        }
    }

    /** Reads the results of the step (rewards, endings, final observations); returns true if it updated. */
    boolean observe(VectorEnv env);

    /** Environment steps observed so far (all copies together). */
    long steps();

    /** Updates (rollouts learned from) so far. */
    long updates();

    /** Statistics of the last update (losses, entropy, KL, ...), all finite, in a fixed order; empty before one. */
    Map<String, Double> updateStats();
}
