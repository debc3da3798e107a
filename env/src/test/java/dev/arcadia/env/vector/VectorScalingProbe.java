package dev.arcadia.env.vector;

import dev.arcadia.env.util.Rng;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Splits {@link ThreadedVectorEnv}'s 1 → 2 thread speed-up into its parts (a diagnostic, not a test): the same
 * environment steps per second for (1) one thread stepping all copies, (2) the threaded env on two threads, (3) two
 * threads each stepping its own half of the copies in lock step (a barrier after every step, as a vector step
 * implies), and (4) two threads each stepping its own half freely. (4) / (1) is what the hardware gives; (3) adds
 * only the per-step synchronisation; (2) adds the shared batch and the hand-off.
 *
 * <pre>
 * java -cp env/target/classes:env/target/test-classes dev.arcadia.env.vector.VectorScalingProbe [env] [copies] [seconds] [runs]
 * </pre>
 */
public final class VectorScalingProbe {

    private VectorScalingProbe() {
    }

    public static void main(String[] args) throws Exception {
        String id = args.length > 0 ? args[0] : "Acrobot-v1";
        int copies = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int[][] actions = new int[256][copies];
        Rng rng = new Rng(1);
        for (int[] row : actions) {
            for (int i = 0; i < copies; i++) {
                row[i] = rng.nextInt(3);
            }
        }
        String[] names = {"1 thread (sync)", "threaded, 2 threads", "2 threads, own halves, lock step",
                "2 threads, own halves, free"};
        double[][] r = new double[names.length][runs];
        for (int run = -1; run < runs; run++) { // run -1 warms up
            double s = run < 0 ? Math.min(1.0, seconds) : seconds;
            for (int c = 0; c < names.length; c++) {
                int k = (c + Math.max(run, 0)) % names.length;
                double v = switch (k) {
                    case 0 -> single(id, copies, actions, s);
                    case 1 -> threaded(id, copies, actions, s);
                    case 2 -> halves(id, copies, actions, s, true);
                    default -> halves(id, copies, actions, s, false);
                };
                if (run >= 0) {
                    r[k][run] = v;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s x %d copies, %.1f s x %d runs%n", id, copies, seconds, runs);
        double base = median(r[0]);
        for (int c = 0; c < names.length; c++) {
            System.out.printf(Locale.ROOT, "  %-34s %,14.0f steps/s  %.2fx%n", names[c], median(r[c]), median(r[c]) / base);
        }
    }

    private static double single(String id, int copies, int[][] actions, double seconds) {
        try (SyncVectorEnv v = new SyncVectorEnv(id, copies)) {
            v.reset(0);
            return loop(v, actions, seconds, null);
        }
    }

    private static double threaded(String id, int copies, int[][] actions, double seconds) {
        try (ThreadedVectorEnv v = new ThreadedVectorEnv(id, copies, 2)) {
            v.reset(0);
            return loop(v, actions, seconds, null);
        }
    }

    /** Two threads, each with its own SyncVectorEnv of half the copies; with {@code lockStep} they meet after each step. */
    private static double halves(String id, int copies, int[][] actions, double seconds, boolean lockStep) throws Exception {
        int half = copies / 2;
        int[][] halfActions = new int[actions.length][];
        for (int i = 0; i < actions.length; i++) {
            halfActions[i] = Arrays.copyOf(actions[i], half);
        }
        AtomicLong barrier = new AtomicLong();
        double[] result = new double[2];
        SyncVectorEnv a = new SyncVectorEnv(id, half);
        SyncVectorEnv b = new SyncVectorEnv(id, half);
        a.reset(0);
        b.reset(1000);
        Thread other = new Thread(() -> result[1] = loop(b, halfActions, seconds, lockStep ? barrier : null));
        other.start();
        result[0] = loop(a, halfActions, seconds, lockStep ? barrier : null);
        other.join();
        a.close();
        b.close();
        return result[0] + result[1];
    }

    /**
     * Steps {@code v} for about {@code seconds}; with a barrier, each of the two parties waits after each step until
     * the other has finished the same step, and both stop after the same fixed number of steps (so that lock step
     * cannot deadlock at the end; the count is sized for Acrobot-like speeds).
     */
    private static double loop(VectorEnv v, int[][] actions, double seconds, AtomicLong barrier) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long steps = 0;
        long target = barrier != null ? (long) (seconds * 2e5) : Long.MAX_VALUE; // lock step: a fixed count
        while (true) {
            v.step(actions[(int) (steps % actions.length)]);
            steps++;
            if (barrier != null) {
                barrier.incrementAndGet();
                long goal = 2 * steps;
                for (int spins = 0; barrier.get() < goal; spins++) {
                    if (spins < 200) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield(); // the other party may not have a core right now
                    }
                }
                if (steps >= target) {
                    break;
                }
            } else if ((steps & 63) == 0 && System.nanoTime() - start >= budget) {
                break;
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return steps * v.numEnvs() / wall;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
