package dev.arcadia.agents.tabular;

import dev.arcadia.agents.Transition;
import dev.arcadia.env.space.Space;

/**
 * SARSA (Rummery and Niranjan, 1994), on-policy TD control: the target uses the action the agent will actually take
 * next, {@code r + gamma Q(s', a')}. The next action is chosen when the transition is observed and returned by the
 * following {@code act(s', TRAIN)}. Config: {@link TabularAgent.Config}.
 */
public final class Sarsa extends TabularAgent {

    public Sarsa(Config config, Space<?> observationSpace, Space<?> actionSpace, long seed) {
        super("sarsa", config, observationSpace, actionSpace, seed);
    }

    @Override
    public String algorithm() {
        return "sarsa";
    }

    @Override
    protected double target(Transition<Integer, Integer> t) {
        if (t.terminated()) {
            return t.reward();
        }
        if (t.truncated()) {
            return t.reward() + config.gamma * maxQ(t.nextObservation()); // no next action will be taken
        }
        int next = t.nextObservation();
        return t.reward() + config.gamma * q[next * actions + commitNextAction(next)];
    }
}
