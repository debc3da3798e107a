package dev.arcadia.agents.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.env.TransitionTable;
import dev.arcadia.env.toytext.FrozenLake;
import dev.arcadia.env.toytext.FrozenLakeMap;
import org.junit.jupiter.api.Test;

class PlanningTest {

    private static TransitionTable lake(FrozenLakeMap map, boolean slippery) {
        return new FrozenLake(map, slippery).transitionTable();
    }

    @Test
    void finiteHorizonGivesTheKnownOptima() {
        assertEquals(0.7442, FiniteHorizon.solve(lake(FrozenLakeMap.MAP_4X4, true), 100).optimum(), 5e-5);
        assertEquals(0.9132, FiniteHorizon.solve(lake(FrozenLakeMap.MAP_8X8, true), 200).optimum(), 5e-5);
        assertEquals(1.0, FiniteHorizon.solve(lake(FrozenLakeMap.MAP_4X4, false), 100).optimum(), 1e-12);
        assertEquals(0.0, FiniteHorizon.solve(lake(FrozenLakeMap.MAP_4X4, false), 5).optimum(), 1e-12,
                "the goal is 6 moves away");
        assertEquals(1.0, FiniteHorizon.solve(lake(FrozenLakeMap.MAP_4X4, false), 6).optimum(), 1e-12);
    }

    @Test
    void randomPolicyReachesTheGoalWithProbabilityPointZeroOneThreeNine() {
        for (boolean slippery : new boolean[] {true, false}) {
            TransitionTable t = lake(FrozenLakeMap.MAP_4X4, slippery);
            double p = PolicyEvaluation.finiteHorizon(t, TabularPolicy.uniform(16, 4, 0), 100);
            assertEquals(0.0139, p, 5e-5, "slippery=" + slippery);
        }
    }

    @Test
    void valueIterationPolicyIsNearTheFiniteHorizonOptimum() {
        TransitionTable t = lake(FrozenLakeMap.MAP_4X4, true);
        ValueIteration.Result vi = ValueIteration.solve(t, 0.99, 1e-12, 100_000);
        double stationary = PolicyEvaluation.finiteHorizon(t, vi.greedyPolicy(4, 0), 100);
        double optimum = FiniteHorizon.solve(t, 100).optimum();
        assertTrue(stationary <= optimum + 1e-12);
        assertTrue(stationary > optimum - 0.01, "stationary " + stationary + " vs optimum " + optimum);
        // discounted evaluation of the same policy agrees with value iteration's own value
        assertEquals(vi.startValue(), PolicyEvaluation.discounted(t, vi.greedyPolicy(4, 0), 0.99, 1e-13), 1e-9);
        // undiscounted infinite horizon: the classic 0.8235 success probability of the optimal policy
        assertEquals(0.8235, ValueIteration.solve(t, 1.0, 1e-13, 1_000_000).startValue(), 1e-4);
    }

    @Test
    void greedyPolicySplitsTiesEvenly() {
        double[] q = {1, 3, 3, 0};
        TabularPolicy p = TabularPolicy.greedy(q, 1, 4, 0);
        assertEquals(0.5, p.probability(0, 1));
        assertEquals(0.5, p.probability(0, 2));
        assertEquals(0.0, p.probability(0, 0));
        int[] counts = new int[4];
        for (int i = 0; i < 10_000; i++) {
            counts[p.act(0, dev.arcadia.agents.Mode.EVAL)]++;
        }
        assertEquals(0, counts[0] + counts[3]);
        assertEquals(0.5, counts[1] / 10_000.0, 0.03);
    }
}
