package dev.arcadia.agents.tabular;

import dev.arcadia.agents.Transition;
import dev.arcadia.env.space.Space;

/**
 * Expected SARSA (van Seijen et al., 2009): the target averages over the epsilon-greedy policy instead of sampling
 * the next action, {@code r + gamma sum_a' pi(a'|s') Q(s', a')}, where pi puts {@code 1 - epsilon} on the greedy
 * actions (shared among exact ties) and {@code epsilon / |A|} on every action. Needs exploration epsilon-greedy or
 * none. Config: {@link TabularAgent.Config}.
 */
public final class ExpectedSarsa extends TabularAgent {

    public ExpectedSarsa(Config config, Space<?> observationSpace, Space<?> actionSpace, long seed) {
        super("expected-sarsa", config, observationSpace, actionSpace, seed);
        if (config.exploration == Exploration.NOISE) {
            throw new IllegalArgumentException("expected-sarsa needs exploration epsilon-greedy or none (its target is "
                    + "the expectation under an epsilon-greedy policy), got noise");
        }
    }

    @Override
    public String algorithm() {
        return "expected-sarsa";
    }

    @Override
    protected double target(Transition<Integer, Integer> t) {
        if (t.terminated()) {
            return t.reward();
        }
        int base = t.nextObservation() * actions;
        double eps = config.exploration == Exploration.NONE ? 0 : epsilon();
        double best = maxQ(t.nextObservation());
        double sum = 0;
        for (int a = 0; a < actions; a++) {
            sum += q[base + a];
        }
        double expected = (1 - eps) * best + eps * sum / actions;
        return t.reward() + config.gamma * expected;
    }
}
