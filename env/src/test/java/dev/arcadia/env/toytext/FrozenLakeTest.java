package dev.arcadia.env.toytext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.env.render.GridFrame;
import dev.arcadia.env.util.Rng;
import dev.arcadia.env.wrappers.EpisodeStatistics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrozenLakeTest {

    private static FrozenLake deterministic4x4() {
        return new FrozenLake(FrozenLakeMap.MAP_4X4, false);
    }

    @Test
    void deterministicMovesFollowTheMapAndWalls() {
        FrozenLake lake = deterministic4x4();
        assertEquals(0, lake.reset(0).observation());
        assertEquals(0, lake.step(FrozenLake.LEFT).observation(), "walking into the left wall stays put");
        assertEquals(0, lake.step(FrozenLake.UP).observation(), "walking into the top wall stays put");
        assertEquals(1, lake.step(FrozenLake.RIGHT).observation());
        Step<Integer> hole = lake.step(FrozenLake.DOWN);
        assertEquals(5, hole.observation());
        assertTrue(hole.terminated());
        assertEquals(0.0, hole.reward());
    }

    @Test
    void goalGivesRewardOneAndTerminates() {
        FrozenLake lake = deterministic4x4();
        lake.reset(0);
        int[] path = {FrozenLake.DOWN, FrozenLake.DOWN, FrozenLake.RIGHT, FrozenLake.RIGHT, FrozenLake.DOWN, FrozenLake.RIGHT};
        Step<Integer> s = null;
        for (int a : path) {
            assertFalse(s != null && s.terminated());
            s = lake.step(a);
        }
        assertEquals(15, s.observation());
        assertEquals(1.0, s.reward());
        assertTrue(s.terminated());
        assertEquals(1.0, s.info().get("prob"));
    }

    @Test
    void slipperyMovesSplitIntoThirds() {
        FrozenLake lake = new FrozenLake(FrozenLakeMap.of("FFF", "FSF", "FFG"), true);
        lake.reset(42);
        int[] counts = new int[9];
        int n = 60_000;
        for (int i = 0; i < n; i++) {
            assertEquals(4, lake.reset().observation());
            counts[lake.step(FrozenLake.DOWN).observation()]++;
        }
        // DOWN from the centre: slips LEFT (3) or RIGHT (5) with 1/3 each, moves DOWN (7) with 1/3.
        for (int cell : new int[] {3, 5, 7}) {
            assertEquals(1.0 / 3.0, counts[cell] / (double) n, 0.01, "cell " + cell);
        }
        assertEquals(n, counts[3] + counts[5] + counts[7]);
    }

    @Test
    void ansiRenderingMatchesGymnasium() {
        FrozenLake lake = deterministic4x4();
        lake.reset(0);
        assertEquals("\n\u001b[41mS\u001b[0mFFF\nFHFH\nFFFH\nHFFG\n", lake.renderAnsi());
        lake.step(FrozenLake.DOWN);
        assertEquals("  (Down)\nSFFF\n\u001b[41mF\u001b[0mHFH\nFFFH\nHFFG\n", lake.renderAnsi());
    }

    @Test
    void gridFrameShowsTilesAndAgent() {
        FrozenLake lake = deterministic4x4();
        lake.reset(0);
        lake.step(FrozenLake.RIGHT);
        GridFrame f = (GridFrame) lake.render();
        assertEquals(4, f.rows());
        assertEquals("goal", f.tileName(3, 3));
        assertEquals("hole", f.tileName(1, 1));
        assertEquals("start", f.tileName(0, 0));
        assertEquals(0, f.agentRow());
        assertEquals(1, f.agentCol());
        assertEquals("Right", f.caption());
    }

    @Test
    void randomMapsAreValidAndReproducible() {
        for (int size : new int[] {2, 5, 12, 30}) {
            FrozenLakeMap a = FrozenLakeMap.random(size, 0.7, new Rng(size));
            FrozenLakeMap b = FrozenLakeMap.random(size, 0.7, new Rng(size));
            assertEquals(a, b);
            assertEquals(size, a.nrow());
            assertEquals('S', a.tile(0, 0));
            assertEquals('G', a.tile(size - 1, size - 1));
            // a valid map has a start-to-goal path: value iteration style flood fill over the deterministic lake
            FrozenLake lake = new FrozenLake(a, false);
            assertTrue(reachable(lake), "goal reachable on " + a);
        }
        assertNotEquals(FrozenLakeMap.random(8, 0.8, new Rng(1)), FrozenLakeMap.random(8, 0.8, new Rng(2)));
        Env<Integer, Integer> env = Envs.make("FrozenLake-v1", Map.of("map_name", "random", "map_size", 11, "map_seed", 3));
        assertEquals(121, ((FrozenLake) env.unwrapped()).transitionTable().states());
    }

    private static boolean reachable(FrozenLake lake) {
        var t = lake.transitionTable();
        boolean[] seen = new boolean[t.states()];
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(0));
        seen[0] = true;
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int a = 0; a < 4; a++) {
                for (int i = t.start(s, a); i < t.end(s, a); i++) {
                    if (t.reward(i) > 0) {
                        return true;
                    }
                    if (!t.terminated(i) && !seen[t.nextState(i)]) {
                        seen[t.nextState(i)] = true;
                        queue.add(t.nextState(i));
                    }
                }
            }
        }
        return false;
    }

    @Test
    void invalidMapsAreRejectedWithTheReason() {
        assertMessage("no start tile", () -> FrozenLakeMap.of("FFF", "FHF", "FFG"));
        assertMessage("no goal tile", () -> FrozenLakeMap.of("SFF", "FHF", "FFF"));
        assertMessage("ragged rows: row 1 \"FH\" has 2 columns, expected 3", () -> FrozenLakeMap.of("SFF", "FH", "FFG"));
        assertMessage("unknown letter 'X' at row 1, column 2", () -> FrozenLakeMap.of("SFF", "FHX", "FFG"));
        assertMessage("no rows", () -> new FrozenLakeMap(List.of()));
        assertMessage("unknown letter 'x'", () -> Envs.make("FrozenLake-v1", Map.of("desc", List.of("Sx", "FG"))));
        assertMessage("unknown FrozenLake map_name '5x5'", () -> Envs.make("FrozenLake-v1", Map.of("map_name", "5x5")));
    }

    @Test
    void badActionsAndCallOrderAreRejected() {
        FrozenLake raw = deterministic4x4();
        assertMessage("before reset", () -> raw.step(0));
        raw.reset(0);
        assertMessage("action 4 (Integer) is outside Discrete(4): expected an Integer in 0..3", () -> raw.step(4));
        assertMessage("action null is outside Discrete(4)", () -> raw.step(null));

        Env<Integer, Integer> env = Envs.make("FrozenLake-v1", Map.of("is_slippery", false));
        assertMessage("step() called before reset()", () -> env.step(0));
        env.reset(0);
        assertMessage("action -1 (Integer) is outside Discrete(4)", () -> env.step(-1));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Env<Object, Object> untyped = (Env) env;
        assertMessage("action 1.5 (Double) is outside Discrete(4): expected an Integer in 0..3", () -> untyped.step(1.5));
        env.step(FrozenLake.RIGHT);
        env.step(FrozenLake.DOWN); // hole
        assertMessage("step() called after the episode ended", () -> env.step(0));
        assertEquals(0, env.reset().observation());
    }

    @Test
    void timeLimitTruncatesAtOneHundredSteps() {
        Env<Integer, Integer> env = Envs.make("FrozenLake-v1", Map.of("is_slippery", false));
        env.reset(0);
        Step<Integer> s = null;
        for (int t = 1; t <= 100; t++) {
            s = env.step(FrozenLake.LEFT);
            assertEquals(t == 100, s.truncated(), "step " + t);
            assertFalse(s.terminated());
        }
        EpisodeStatistics.Episode ep = (EpisodeStatistics.Episode) s.info().get(EpisodeStatistics.INFO_KEY);
        assertEquals(100, ep.l());
        assertEquals(0.0, ep.r());
        Env<Integer, Integer> big = Envs.make("FrozenLake8x8-v1", Map.of("max_episode_steps", 3));
        big.reset(0);
        big.step(0);
        big.step(0);
        assertTrue(big.step(0).truncated());
    }

    @Test
    void registryErrorsSuggestFixes() {
        assertMessage("unknown environment id 'FrozenLak-v1' (did you mean one of 'FrozenLake-v1', ", () -> Envs.make("FrozenLak-v1"));
        assertMessage("registered versions of FrozenLake: FrozenLake-v1", () -> Envs.make("FrozenLake-v0"));
        assertMessage("unknown option 'is_slipery' for FrozenLake-v1 (did you mean 'is_slippery'?)",
                () -> Envs.make("FrozenLake-v1", Map.of("is_slipery", true)));
        assertMessage("option 'is_slippery' of FrozenLake-v1: expected true or false, got \"yes\" (String)",
                () -> Envs.make("FrozenLake-v1", Map.of("is_slippery", "yes")));
        assertMessage("option 'map_size' of FrozenLake-v1: expected an integer, got 2.5 (Double)",
                () -> Envs.make("FrozenLake-v1", Map.of("map_name", "random", "map_size", 2.5)));
    }

    @Test
    void stackIsShownAndSnapshotsRejectOtherEnvs() {
        Env<Integer, Integer> env = Envs.make("FrozenLake-v1");
        assertEquals("EpisodeStatistics<OrderEnforcing<TimeLimit<PassiveEnvChecker<FrozenLake[4x4, slippery]>>>>",
                env.toString());
        FrozenLake a = deterministic4x4();
        FrozenLake b = new FrozenLake(FrozenLakeMap.MAP_8X8, false);
        a.reset(1);
        assertMessage("snapshot is of FrozenLake map SFFF/FHFH/FFFH/HFFG", () -> b.restore(a.snapshot()));
        assertMessage("snapshot is of 'FrozenLake', expected 'EpisodeStatistics'",
                () -> ((dev.arcadia.env.Snapshotable) env).restore(a.snapshot()));
        byte[] snap = a.snapshot();
        assertMessage("truncated or corrupt", () -> a.restore(java.util.Arrays.copyOf(snap, snap.length - 3)));
    }

    @Test
    void seededResetsAreReproducibleAndResetContinuesTheStream() {
        Env<Integer, Integer> a = Envs.make("FrozenLake8x8-v1");
        Env<Integer, Integer> b = Envs.make("FrozenLake8x8-v1");
        int[] ta = run(a, 5);
        int[] tb = run(b, 5);
        assertArrayEquals(ta, tb);
        assertFalse(java.util.Arrays.equals(ta, run(b, 6)));
    }

    private static int[] run(Env<Integer, Integer> env, long seed) {
        int[] out = new int[400];
        env.reset(seed);
        for (int t = 0; t < out.length; t++) {
            Step<Integer> s = env.step(t % 4 == 0 ? FrozenLake.DOWN : FrozenLake.RIGHT);
            out[t] = s.observation();
            if (s.done()) {
                env.reset();
            }
        }
        return out;
    }

    @Test
    void rawStepsAllocateNothing() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        FrozenLake lake = new FrozenLake(FrozenLakeMap.MAP_8X8, true);
        Integer[] actions = {0, 1, 2, 3};
        long tid = Thread.currentThread().getId();
        long[] allocated = new long[3];
        for (int round = 0; round < allocated.length; round++) { // the first rounds warm up the JIT
            lake.reset(round);
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 1_000_000; i++) {
                if (lake.step(actions[i & 3]).terminated()) {
                    lake.reset();
                }
            }
            allocated[round] = threads.getThreadAllocatedBytes(tid) - before;
        }
        assertTrue(allocated[2] < 10_000, "1M steps with resets allocated " + allocated[2] + " bytes");
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(expected),
                "expected a message containing <" + expected + "> but was <" + e.getMessage() + ">");
    }
}
