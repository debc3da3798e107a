package dev.arcadia.agents.tabular;

import dev.arcadia.agents.Transition;
import dev.arcadia.env.space.Space;

/**
 * Q-learning (Watkins, 1989): {@code Q(s,a) <- (1 - alpha) Q(s,a) + alpha [r + gamma max_a' Q(s',a')]}, with no
 * bootstrap from a terminal state. The seed notes' ladder is this one algorithm under different configs:
 * <ul>
 *   <li>"dummy" Q-learning {@code Q(s,a) = r + max Q(s',a')}: alpha 1, gamma 1, exploration none;</li>
 *   <li>with exploration and discount: alpha 1, gamma 0.99, epsilon-greedy or noise;</li>
 *   <li>for a slippery (stochastic) lake: alpha below 1, so that Q averages over outcomes.</li>
 * </ul>
 * Config: {@link TabularAgent.Config}.
 */
public final class QLearning extends TabularAgent {

    public QLearning(Config config, Space<?> observationSpace, Space<?> actionSpace, long seed) {
        super("q-learning", config, observationSpace, actionSpace, seed);
    }

    @Override
    public String algorithm() {
        return "q-learning";
    }

    @Override
    protected double target(Transition<Integer, Integer> t) {
        return t.terminated() ? t.reward() : t.reward() + config.gamma * maxQ(t.nextObservation());
    }
}
