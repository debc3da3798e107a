package dev.arcadia.env.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.env.classic.CartPole;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.Rng;
import dev.arcadia.env.wrappers.EpisodeStatistics;
import dev.arcadia.env.wrappers.Wrapper;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorEnvTest {

    /**
     * "sync", or "threads-T" (T threads, stealing, default spin), "threads-T-fixed" (no stealing) or
     * "threads-T-park" (no spinning: every wait parks).
     */
    private static VectorEnv make(String kind, String id, Map<String, ?> options, int n) {
        if (kind.equals("sync")) {
            return new SyncVectorEnv(id, options, n);
        }
        String[] parts = kind.split("-");
        int threads = Integer.parseInt(parts[1]);
        String mode = parts.length > 2 ? parts[2] : "";
        long spin = mode.equals("park") ? 0 : ThreadedVectorEnv.DEFAULT_SPIN_MICROS;
        return new ThreadedVectorEnv(CopyBatch.make(id, options, n), threads, !mode.equals("fixed"), spin);
    }

    /** N independent environments stepped by hand with the documented same-step autoreset. */
    private static final class ByHand {
        final List<Env<float[], Object>> envs = new ArrayList<>();
        final int obsSize;
        final float[] obs;
        final float[] finalObs;
        final double[] rewards;
        final boolean[] terminated;
        final boolean[] truncated;
        final List<Map<String, Object>> infos = new ArrayList<>();

        ByHand(String id, Map<String, ?> options, int n) {
            for (int i = 0; i < n; i++) {
                envs.add(Envs.make(id, options));
                infos.add(Map.of());
            }
            obsSize = ((Box) envs.get(0).observationSpace()).size();
            obs = new float[n * obsSize];
            finalObs = new float[n * obsSize];
            rewards = new double[n];
            terminated = new boolean[n];
            truncated = new boolean[n];
        }

        void reset(long seed) {
            for (int i = 0; i < envs.size(); i++) {
                float[] o = envs.get(i).reset(seed + i).observation();
                System.arraycopy(o, 0, obs, i * obsSize, obsSize);
                System.arraycopy(o, 0, finalObs, i * obsSize, obsSize);
            }
        }

        void step(int i, Object action) {
            Step<float[]> s = envs.get(i).step(action);
            rewards[i] = s.reward();
            terminated[i] = s.terminated();
            truncated[i] = s.truncated();
            infos.set(i, s.info());
            System.arraycopy(s.observation(), 0, finalObs, i * obsSize, obsSize);
            float[] next = s.done() ? envs.get(i).reset().observation() : s.observation();
            System.arraycopy(next, 0, obs, i * obsSize, obsSize);
        }
    }

    private static void assertSameBatch(ByHand hand, VectorEnv v, String where) {
        assertArrayEquals(hand.obs, v.observations(), where + ": observations");
        assertArrayEquals(hand.finalObs, v.finalObservations(), where + ": final observations");
        assertArrayEquals(hand.rewards, v.rewards(), where + ": rewards");
        assertArrayEquals(hand.terminated, v.terminated(), where + ": terminated");
        assertArrayEquals(hand.truncated, v.truncated(), where + ": truncated");
        for (int i = 0; i < v.numEnvs(); i++) {
            assertEquals(hand.infos.get(i), v.info(i), where + ": info of copy " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "threads-1", "threads-2", "threads-3", "threads-2-fixed", "threads-3-fixed",
            "threads-2-park"})
    void equalsIndependentEnvironmentsSteppedByHand(String kind) {
        int n = 5; // uneven slices for 2 and 3 threads
        Rng rng = new Rng(17);
        // CartPole: discrete actions, random play terminates every ~20 steps.
        ByHand hand = new ByHand("CartPole-v1", Map.of(), n);
        int ended = 0;
        try (VectorEnv v = make(kind, "CartPole-v1", Map.of(), n)) {
            hand.reset(40);
            v.reset(40);
            assertSameBatch(hand, v, kind + " reset");
            int[] actions = new int[n];
            for (int t = 0; t < 400; t++) {
                for (int i = 0; i < n; i++) {
                    actions[i] = rng.nextInt(2);
                    hand.step(i, actions[i]);
                }
                v.step(actions);
                assertSameBatch(hand, v, kind + " CartPole step " + t);
                for (int i = 0; i < n; i++) {
                    ended += v.done(i) ? 1 : 0;
                }
            }
        }
        assertTrue(ended > 50, "autoresets exercised: " + ended);

        // Pendulum: box actions, truncated by the time limit (30 steps here).
        Map<String, Object> options = Map.of("max_episode_steps", 30);
        ByHand pendulums = new ByHand("Pendulum-v1", options, n);
        try (VectorEnv v = make(kind, "Pendulum-v1", options, n)) {
            pendulums.reset(7);
            v.reset(7);
            float[] actions = new float[n];
            for (int t = 0; t < 100; t++) {
                for (int i = 0; i < n; i++) {
                    actions[i] = (float) (4 * rng.nextDouble() - 2);
                    pendulums.step(i, new float[] {actions[i]});
                }
                v.step(actions);
                assertSameBatch(pendulums, v, kind + " Pendulum step " + t);
            }
        }
    }

    @Test
    void terminalStepReturnsTheResetObservationAndKeepsTheFinalOne() {
        try (VectorEnv v = new SyncVectorEnv("CartPole-v1", 3)) {
            Env<float[], Integer> hand = Envs.make("CartPole-v1");
            v.reset(10);
            assertArrayEquals(hand.reset(10).observation(), Arrays.copyOfRange(v.observations(), 0, 4));
            int[] actions = {CartPole.RIGHT, CartPole.LEFT, CartPole.RIGHT};
            Step<float[]> h;
            int t = 0;
            do {
                v.step(actions);
                h = hand.step(CartPole.RIGHT);
                t++;
                assertEquals(h.terminated(), v.terminated()[0], "step " + t);
            } while (!h.done());
            // The step that ended copy 0's episode.
            assertTrue(v.terminated()[0]);
            assertFalse(v.truncated()[0]);
            assertTrue(v.done(0));
            assertEquals(1.0, v.rewards()[0], "the terminating step's own reward");
            float[] last = Arrays.copyOfRange(v.finalObservations(), 0, 4);
            assertArrayEquals(h.observation(), last, "the final observation is kept");
            assertTrue(Math.abs(last[2]) > CartPole.THETA_THRESHOLD_RADIANS || Math.abs(last[0]) > CartPole.X_THRESHOLD,
                    "the final observation is terminal: " + Arrays.toString(last));
            float[] first = Arrays.copyOfRange(v.observations(), 0, 4);
            assertArrayEquals(hand.reset().observation(), first, "the observation is the new episode's first");
            for (float x : first) {
                assertTrue(Math.abs(x) <= 0.05f, "a fresh CartPole start: " + Arrays.toString(first));
            }
            assertEquals(new EpisodeStatistics.Episode(t, t), v.info(0).get(EpisodeStatistics.INFO_KEY),
                    "the info is the final step's, with the episode statistics");
            assertEquals(Map.of(), v.resetInfo(0));
            // Copies whose episode did not end: final observation row = observation row.
            for (int i = 1; i < 3; i++) {
                if (!v.done(i)) {
                    assertArrayEquals(Arrays.copyOfRange(v.observations(), 4 * i, 4 * i + 4),
                            Arrays.copyOfRange(v.finalObservations(), 4 * i, 4 * i + 4));
                }
            }
            // The next action acts on the new episode.
            v.step(actions);
            h = hand.step(CartPole.RIGHT);
            assertFalse(v.terminated()[0]);
            assertEquals(1.0, v.rewards()[0]);
            assertArrayEquals(h.observation(), Arrays.copyOfRange(v.observations(), 0, 4));
            assertFalse(v.info(0).containsKey(EpisodeStatistics.INFO_KEY));
        }
    }

    @Test
    void timeLimitTruncationKeepsTheFinalObservationForBootstrapping() {
        try (VectorEnv v = new ThreadedVectorEnv("Pendulum-v1", Map.of("max_episode_steps", 7), 2, 2)) {
            assertFalse(v.discreteActions());
            assertEquals(1, v.actionSize());
            assertEquals(3, v.observationSize());
            v.reset(3);
            Env<float[], float[]> hand = Envs.make("Pendulum-v1", Map.of("max_episode_steps", 7));
            hand.reset(4); // copy 1's seed
            float[] actions = {0.5f, -1.5f};
            for (int t = 1; t <= 15; t++) {
                v.step(actions);
                Step<float[]> h = hand.step(new float[] {-1.5f});
                boolean limit = t == 7 || t == 14;
                for (int i = 0; i < 2; i++) {
                    assertEquals(limit, v.truncated()[i], "step " + t + " copy " + i);
                    assertFalse(v.terminated()[i], "Pendulum never terminates");
                }
                assertArrayEquals(h.observation(), Arrays.copyOfRange(v.finalObservations(), 3, 6), "step " + t);
                assertEquals(h.reward(), v.rewards()[1], 0.0);
                if (limit) {
                    assertEquals(7, ((EpisodeStatistics.Episode) v.info(1).get(EpisodeStatistics.INFO_KEY)).l());
                    float[] bootstrap = Arrays.copyOfRange(v.finalObservations(), 3, 6);
                    float[] next = Arrays.copyOfRange(v.observations(), 3, 6);
                    assertNotEquals(Arrays.toString(bootstrap), Arrays.toString(next),
                            "bootstrap from the final observation, not from the next episode's first");
                    assertArrayEquals(hand.reset().observation(), next);
                }
            }
        }
    }

    @Test
    void resetSeedsCopyIWithSeedPlusIAndPlainResetContinuesTheStreams() {
        try (VectorEnv v = new ThreadedVectorEnv("Acrobot-v1", 4, 2)) {
            v.reset(100);
            List<Env<float[], Integer>> hands = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Env<float[], Integer> e = Envs.make("Acrobot-v1");
                hands.add(e);
                assertArrayEquals(e.reset(100 + i).observation(), Arrays.copyOfRange(v.observations(), 6 * i, 6 * i + 6),
                        "copy " + i);
            }
            v.reset();
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(hands.get(i).reset().observation(),
                        Arrays.copyOfRange(v.observations(), 6 * i, 6 * i + 6), "copy " + i + " continues its stream");
            }
            v.reset(101);
            float[] shifted = v.observations().clone();
            v.reset(100);
            assertArrayEquals(Arrays.copyOfRange(v.observations(), 6, 24), Arrays.copyOfRange(shifted, 0, 18),
                    "seed 101 for copy 0 is seed 100 + 1 for copy 1");
        }
    }

    @Test
    void sameSeedsGiveIdenticalBatchesForOneTwoAndThreeThreads() {
        int n = 6;
        List<VectorEnv> vs = List.of(new ThreadedVectorEnv("Acrobot-v1", n, 1), new ThreadedVectorEnv("Acrobot-v1", n, 2),
                new ThreadedVectorEnv("Acrobot-v1", n, 3), make("threads-2-fixed", "Acrobot-v1", Map.of(), n),
                new SyncVectorEnv("Acrobot-v1", n));
        try {
            Rng rng = new Rng(8);
            int[] actions = new int[n];
            int ended = 0;
            for (VectorEnv v : vs) {
                v.reset(2024);
            }
            for (int t = 0; t < 600; t++) {
                for (int i = 0; i < n; i++) {
                    actions[i] = rng.nextInt(3);
                }
                for (VectorEnv v : vs) {
                    v.step(actions);
                }
                VectorEnv one = vs.get(0);
                for (VectorEnv v : vs.subList(1, vs.size())) {
                    String where = v + " step " + t;
                    assertArrayEquals(one.observations(), v.observations(), where);
                    assertArrayEquals(one.finalObservations(), v.finalObservations(), where);
                    assertArrayEquals(one.rewards(), v.rewards(), where);
                    assertArrayEquals(one.terminated(), v.terminated(), where);
                    assertArrayEquals(one.truncated(), v.truncated(), where);
                }
                for (int i = 0; i < n; i++) {
                    ended += one.done(i) ? 1 : 0;
                }
            }
            assertTrue(ended >= n, "every copy ended at least once (500-step limit): " + ended);
        } finally {
            vs.forEach(VectorEnv::close);
        }
    }

    @Test
    void failureOnAPoolThreadPropagatesWithTheCopyAndTheCause() {
        try (ThreadedVectorEnv v = new ThreadedVectorEnv(CopyBatch.make("CartPole-v1", Map.of(), 4), 2, false, 50)) {
            assertFalse(v.steals());
            assertArrayEquals(new int[] {2, 4}, v.slice(1), "copy 3 belongs to the pool thread");
            v.reset(1);
            VectorEnvException e = assertThrows(VectorEnvException.class, () -> v.step(new int[] {0, 1, 0, 7}));
            assertEquals(3, e.copy());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            String m = e.getMessage();
            assertTrue(m.startsWith("copy 3 of 4 (CartPole-v1) failed in step() on thread 'arcadia-vector-"), m);
            assertTrue(m.contains("-worker-1'"), m);
            assertTrue(m.contains("action 7 (Integer) is outside Discrete(2)"), m);

            IllegalStateException again = assertThrows(IllegalStateException.class, () -> v.step(new int[4]));
            assertTrue(again.getMessage().contains("after a failed call") && again.getMessage().contains("reset"),
                    again.getMessage());
            v.reset(1);
            v.step(new int[] {0, 1, 0, 1}); // usable again after a reset
        }
        try (ThreadedVectorEnv v = new ThreadedVectorEnv("CartPole-v1", 4, 2)) {
            assertTrue(v.steals());
            v.reset(1);
            VectorEnvException e = assertThrows(VectorEnvException.class, () -> v.step(new int[] {0, 1, 0, 7}));
            assertEquals(3, e.copy());
            assertTrue(e.getMessage().startsWith("copy 3 of 4 (CartPole-v1) failed in step() on thread '"), e.getMessage());
        }
    }

    /** CartPole that throws on its third step. */
    private static Env<float[], Integer> failingOnThirdStep(AtomicInteger closed) {
        return new Wrapper<>(Envs.<float[], Integer>make("CartPole-v1")) {
            private int steps;

            @Override
            public Step<float[]> step(Integer action) {
                if (++steps == 3) {
                    throw new ArithmeticException("boom on step 3");
                }
                return super.step(action);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
                super.close();
            }
        };
    }

    @Test
    void theLowestFailingCopyIsReportedWhateverTheThreads() {
        for (int threads = 1; threads <= 3; threads++) {
            AtomicInteger closed = new AtomicInteger();
            List<Env<float[], ?>> copies = new ArrayList<>();
            copies.add(Envs.make("CartPole-v1"));
            copies.add(failingOnThirdStep(closed));
            copies.add(Envs.make("CartPole-v1"));
            copies.add(failingOnThirdStep(closed));
            try (ThreadedVectorEnv v = new ThreadedVectorEnv(copies, threads)) {
                v.reset(5);
                v.step(new int[4]);
                v.step(new int[4]);
                VectorEnvException e = assertThrows(VectorEnvException.class, () -> v.step(new int[4]));
                assertEquals(1, e.copy(), threads + " threads");
                assertEquals("boom on step 3", e.getCause().getMessage());
                assertEquals(1, e.getSuppressed().length);
                assertEquals(3, ((VectorEnvException) e.getSuppressed()[0]).copy());
            }
            assertEquals(2, closed.get(), "close() closes every copy");
        }
    }

    @Test
    void closeStopsThePoolThreads() throws Exception {
        ThreadedVectorEnv v = new ThreadedVectorEnv("CartPole-v1", 6, 3);
        List<Thread> pool = v.workerThreads();
        assertEquals(2, pool.size());
        for (Thread t : pool) {
            assertTrue(t.isAlive() && t.isDaemon(), t.getName());
        }
        v.reset(0);
        v.step(new int[6]);
        Thread.sleep(5); // the pool parks after spinning; the next call must wake it
        v.step(new int[6]);
        v.close();
        for (Thread t : pool) {
            assertFalse(t.isAlive(), t.getName() + " stopped");
        }
        assertTrue(v.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.step(new int[6]));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> v.reset(0));
        v.close(); // twice is harmless
    }

    @Test
    void misuseFailsWithAMessage() {
        try (VectorEnv v = new SyncVectorEnv("CartPole-v1", 2)) {
            IllegalStateException early = assertThrows(IllegalStateException.class, () -> v.step(new int[2]));
            assertTrue(early.getMessage().contains("before reset()"), early.getMessage());
            v.reset(0);
            IllegalArgumentException len = assertThrows(IllegalArgumentException.class, () -> v.step(new int[3]));
            assertTrue(len.getMessage().contains("2 ints, got 3"), len.getMessage());
            IllegalStateException kind = assertThrows(IllegalStateException.class, () -> v.step(new float[2]));
            assertTrue(kind.getMessage().contains("step(int[])"), kind.getMessage());
        }
        try (VectorEnv v = new SyncVectorEnv("Pendulum-v1", 2)) {
            v.reset(0);
            assertThrows(IllegalStateException.class, () -> v.step(new int[2]));
            assertThrows(IllegalArgumentException.class, () -> v.step(new float[3]));
            VectorEnvException outside = assertThrows(VectorEnvException.class, () -> v.step(new float[] {0f, 2.5f}));
            assertEquals(1, outside.copy(), "out-of-box torques fail in OrderEnforcing; agents clip first");
        }
        IllegalArgumentException discreteObs = assertThrows(IllegalArgumentException.class,
                () -> new SyncVectorEnv("FrozenLake-v1", 2));
        assertTrue(discreteObs.getMessage().contains("OneHotObservation"), discreteObs.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ThreadedVectorEnv("CartPole-v1", 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new ThreadedVectorEnv("CartPole-v1", 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new SyncVectorEnv("CartPole-v1", 0));
        Env<float[], Integer> one = Envs.make("CartPole-v1");
        assertThrows(IllegalArgumentException.class, () -> new SyncVectorEnv(List.of(one, one)));
        assertThrows(IllegalArgumentException.class,
                () -> new SyncVectorEnv(List.of(Envs.make("CartPole-v1"), Envs.make("Acrobot-v1"))));
    }

    @Test
    void buffersArePreallocatedAndDescribeTheCopies() {
        try (VectorEnv v = new ThreadedVectorEnv("CartPole-v1", 4, 2)) {
            assertEquals(4, v.numEnvs());
            assertEquals(new Discrete(2), v.singleActionSpace());
            assertEquals(4, v.singleObservationSpace().size());
            assertEquals("CartPole-v1", v.spec().orElseThrow().id());
            assertEquals(16, v.observations().length);
            assertInstanceOf(CartPole.class, v.env(3).unwrapped());
            float[] obs = v.observations();
            float[] fin = v.finalObservations();
            double[] rew = v.rewards();
            boolean[] term = v.terminated();
            boolean[] trunc = v.truncated();
            v.reset(0);
            for (int t = 0; t < 50; t++) {
                v.step(new int[] {0, 1, 1, 0});
            }
            assertSame(obs, v.observations());
            assertSame(fin, v.finalObservations());
            assertSame(rew, v.rewards());
            assertSame(term, v.terminated());
            assertSame(trunc, v.truncated());
        }
    }

    /** An environment that allocates nothing per step, to see what the vector environment itself allocates. */
    private static final class StaticEnv implements Env<float[], Integer> {
        private final Box obsSpace = Box.uniform(-1, 1, 3);
        private final Discrete actSpace = new Discrete(3);
        private final float[] obs = new float[3];
        private final Step<float[]> step = new Step<>(obs, 1.0, false, false, Map.of());

        @Override
        public Step<float[]> reset(long seed) {
            return step;
        }

        @Override
        public Step<float[]> reset() {
            return step;
        }

        @Override
        public Step<float[]> step(Integer action) {
            obs[0] = action;
            return step;
        }

        @Override
        public Space<float[]> observationSpace() {
            return obsSpace;
        }

        @Override
        public Space<Integer> actionSpace() {
            return actSpace;
        }
    }

    @Test
    void aSyncStepAllocatesNothingOfItsOwn() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        List<Env<float[], ?>> copies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            copies.add(new StaticEnv());
        }
        try (VectorEnv v = new SyncVectorEnv(copies)) {
            v.reset(0);
            int[] actions = {0, 1, 2, 0, 1, 2, 0, 1};
            for (int t = 0; t < 20_000; t++) { // warm up (JIT)
                v.step(actions);
            }
            long before = mx.getThreadAllocatedBytes(id);
            for (int t = 0; t < 100_000; t++) {
                v.step(actions);
            }
            long allocated = mx.getThreadAllocatedBytes(id) - before;
            assertTrue(allocated < 10_000, "100,000 steps of 8 copies allocated " + allocated + " bytes");
            assertEquals(2.0f, v.observations()[3 * 2]);
        }
    }

    @Test
    void aSnapshotRestoredIntoAnotherVectorEnvContinuesIdentically() {
        int n = 5;
        try (VectorEnv a = new SyncVectorEnv("CartPole-v1", n);
             VectorEnv b = new ThreadedVectorEnv("CartPole-v1", n, 2);
             VectorEnv c = new SyncVectorEnv("CartPole-v1", n)) {
            Rng rng = new Rng(3);
            int[] actions = new int[n];
            a.reset(11);
            for (int t = 0; t < 57; t++) { // past some episode ends: autoreset state is part of the copies
                for (int i = 0; i < n; i++) {
                    actions[i] = rng.nextInt(2);
                }
                a.step(actions);
            }
            byte[] snap = ((dev.arcadia.env.Snapshotable) a).snapshot();
            ((dev.arcadia.env.Snapshotable) b).restore(snap);
            assertArrayEquals(a.observations(), b.observations());
            assertArrayEquals(a.finalObservations(), b.finalObservations());
            assertArrayEquals(a.rewards(), b.rewards());
            assertArrayEquals(a.terminated(), b.terminated());
            int ended = 0;
            for (int t = 0; t < 300; t++) {
                for (int i = 0; i < n; i++) {
                    actions[i] = rng.nextInt(2);
                }
                a.step(actions);
                b.step(actions);
                String where = "step " + t + " after the restore";
                assertArrayEquals(a.observations(), b.observations(), where);
                assertArrayEquals(a.finalObservations(), b.finalObservations(), where);
                assertArrayEquals(a.rewards(), b.rewards(), where);
                assertArrayEquals(a.truncated(), b.truncated(), where);
                for (int i = 0; i < n; i++) {
                    ended += a.done(i) ? 1 : 0;
                    assertEquals(a.info(i).get("episode"), b.info(i).get("episode"), where);
                }
            }
            assertTrue(ended >= n, "episodes ended after the restore: " + ended);
            // a restore is allowed before any reset, and a step right after it works
            ((dev.arcadia.env.Snapshotable) c).restore(((dev.arcadia.env.Snapshotable) a).snapshot());
            c.step(actions);
        }
    }

    @Test
    void badSnapshotsFailWithTheReasonAndChangeNothing() {
        try (VectorEnv four = new SyncVectorEnv("CartPole-v1", 4);
             VectorEnv three = new SyncVectorEnv("CartPole-v1", 3);
             VectorEnv acrobot = new SyncVectorEnv("Acrobot-v1", 4)) {
            var s4 = (dev.arcadia.env.Snapshotable) four;
            IllegalStateException early = assertThrows(IllegalStateException.class, s4::snapshot);
            assertTrue(early.getMessage().contains("before reset()"), early.getMessage());
            four.reset(1);
            three.reset(2);
            float[] before = three.observations().clone();
            byte[] snap = s4.snapshot();
            IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                    () -> ((dev.arcadia.env.Snapshotable) three).restore(snap));
            assertTrue(count.getMessage().contains("of 4 copies") && count.getMessage().contains("expected 3 copies"),
                    count.getMessage());
            assertArrayEquals(before, three.observations(), "a rejected snapshot changes nothing");
            float[] fourBefore = four.observations().clone();
            four.step(new int[] {0, 1, 0, 1});
            float[] fourAfter = four.observations().clone();
            IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                    () -> s4.restore(Arrays.copyOf(snap, snap.length / 2)));
            assertTrue(cut.getMessage().contains("corrupt"), cut.getMessage());
            assertArrayEquals(fourAfter, four.observations(), "a truncated snapshot changes nothing");
            s4.restore(snap);
            assertArrayEquals(fourBefore, four.observations(), "the intact snapshot still restores");
            acrobot.reset(0);
            IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                    () -> ((dev.arcadia.env.Snapshotable) acrobot).restore(snap));
            assertTrue(kind.getMessage().contains("with 4 observation floats, expected 4 copies with 6"),
                    kind.getMessage());
        }
    }
}
