package dev.arcadia.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.toytext.FrozenLake;
import dev.arcadia.env.toytext.FrozenLakeMap;
import dev.arcadia.env.wrappers.OneHotObservation;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvCheckerTest {

    static Stream<String> registeredIds() {
        return Envs.ids().stream();
    }

    @ParameterizedTest
    @MethodSource("registeredIds")
    void everyRegisteredEnvironmentPasses(String id) {
        EnvChecker.check(Envs.make(id));
        EnvChecker.check(Envs.make(id).unwrapped());
    }

    @Test
    void registryHoldsTheFrozenLakes() {
        assertTrue(Envs.ids().containsAll(List.of("FrozenLake-v1", "FrozenLake8x8-v1")));
    }

    @Test
    void wrappedVariantsPass() {
        EnvChecker.check(new OneHotObservation<>(Envs.<Integer, Integer>make("FrozenLake-v1")));
        EnvChecker.check(Envs.make("FrozenLake-v1", Map.of("is_slippery", false)));
        EnvChecker.check(new FrozenLake(FrozenLakeMap.of("SFFHF", "FFHFG"), true));
    }

    /** An environment that breaks the contract in three ways; the checker must say so. */
    static final class BrokenEnv implements Env<Integer, Integer> {
        private final Discrete space = new Discrete(3);
        private int t;

        @Override
        public Step<Integer> reset(long seed) {
            return reset();
        }

        @Override
        public Step<Integer> reset() {
            return Step.ofReset(t++ % 3, Map.of()); // the start ignores the seed
        }

        @Override
        public Step<Integer> step(Integer action) {
            return new Step<>(3, Double.NaN, false, false, Map.of()); // accepts any action; 3 is outside; NaN reward
        }

        @Override
        public Space<Integer> observationSpace() {
            return space;
        }

        @Override
        public Space<Integer> actionSpace() {
            return space;
        }
    }

    @Test
    void brokenEnvironmentIsReported() {
        List<String> problems = EnvChecker.problems(new BrokenEnv());
        assertFalse(problems.isEmpty());
        String all = String.join("\n", problems);
        assertTrue(all.contains("non-finite reward"), all);
        assertTrue(all.contains("not deterministic"), all);
        assertTrue(all.contains("accepted an action outside Discrete(3)"), all);
        assertTrue(all.contains("observation 3 (Integer) is outside Discrete(3)"), all);
    }

    @Test
    void spacesSampleInsideThemselves() {
        var rng = new dev.arcadia.env.util.Rng(1);
        var box = new dev.arcadia.env.space.Box(new float[] {-1, Float.NEGATIVE_INFINITY, 0},
                new float[] {1, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}, 3);
        for (int i = 0; i < 1000; i++) {
            assertTrue(box.contains(box.sample(rng)));
        }
        assertFalse(box.contains(new float[] {2, 0, 0}));
        assertFalse(box.contains(new float[] {0, 0}));
        assertFalse(box.contains(new float[] {0, Float.NaN, 0}));
        assertEquals("action element 0 = 2.0 is outside [-1.0, 1.0] of Box[3]",
                box.explainNotContained("action", new float[] {2, 0, 0}));
        Discrete d = new Discrete(3, 5);
        for (int i = 0; i < 100; i++) {
            int x = d.sample(rng);
            assertTrue(x >= 5 && x < 8);
        }
        assertFalse(d.contains(8));
    }
}
