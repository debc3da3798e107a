package dev.arcadia.env.vector;

import dev.arcadia.env.util.Rng;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures how {@link ThreadedVectorEnv} scales from 1 to 2 threads (and {@link SyncVectorEnv} beside it) on a
 * CPU-heavy environment, Acrobot-v1 by default (one Runge-Kutta step of its equations of motion per step, the
 * heaviest registered physics), and prints a table of environment steps per second.
 *
 * <pre>
 * mvn -o -q -pl env test-compile
 * java -cp env/target/classes:env/target/test-classes dev.arcadia.env.vector.VectorScaling \
 *     [env] [copies] [seconds] [runs] [spinMicros]
 * </pre>
 *
 * With {@code copies} copies (default 64), each run measures every configuration for {@code seconds} (default 1.0)
 * after one warm-up pass, the order rotating from run to run so that a burst of load from other processes does not
 * fall on one configuration only; the table shows the median, minimum and maximum over {@code runs} (default 7),
 * and the speedup is the median of the per-run ratios 2 threads / 1 thread. Random actions are drawn in advance.
 * The load average of the machine is printed before and after, because other processes share the cores, and for
 * every configuration the processor cores the process actually got (CPU time over wall time) and the steps per
 * CPU-second: on a busy machine the speedup is bounded by the cores the scheduler hands out, and steps per
 * CPU-second show whether the threads waste any of them.
 */
public final class VectorScaling {

    private VectorScaling() {
    }

    public static void main(String[] args) throws Exception {
        String id = args.length > 0 ? args[0] : "Acrobot-v1";
        int copies = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        long spin = args.length > 4 ? Long.parseLong(args[4]) : ThreadedVectorEnv.DEFAULT_SPIN_MICROS;

        Map<String, VectorEnv> configs = new LinkedHashMap<>();
        configs.put("sync", new SyncVectorEnv(id, copies));
        configs.put("threaded, 1 thread", new ThreadedVectorEnv(CopyBatch.make(id, Map.of(), copies), 1, true, spin));
        configs.put("threaded, 2 threads", new ThreadedVectorEnv(CopyBatch.make(id, Map.of(), copies), 2, true, spin));
        configs.put("2 threads, no steal", new ThreadedVectorEnv(CopyBatch.make(id, Map.of(), copies), 2, false, spin));
        List<String> names = new ArrayList<>(configs.keySet());

        VectorEnv any = configs.get("sync");
        int rows = 256;
        int[][] intActions = new int[rows][copies];
        float[][] floatActions = new float[rows][copies * any.actionSize()];
        Rng rng = new Rng(1);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < copies; i++) {
                if (any.discreteActions()) {
                    intActions[r][i] = rng.nextInt(((dev.arcadia.env.space.Discrete) any.singleActionSpace()).n());
                }
            }
            for (int j = 0; j < floatActions[r].length; j++) {
                floatActions[r][j] = (float) (4 * rng.nextDouble() - 2); // Pendulum's torque range
            }
        }

        System.out.printf(Locale.ROOT, "%s x %d copies, %.1f s per measurement, %d runs; %d processors; load average %s%n",
                id, copies, seconds, runs, Runtime.getRuntime().availableProcessors(), loadAverage());
        for (VectorEnv v : configs.values()) {
            v.reset(0);
            measure(v, intActions, floatActions, Math.min(seconds, 1.0)); // warm up
        }
        double[][] results = new double[names.size()][runs];
        double[][] cores = new double[names.size()][runs];
        for (int run = 0; run < runs; run++) {
            for (int k = 0; k < names.size(); k++) {
                int c = (k + run) % names.size();
                double[] m = measure(configs.get(names.get(c)), intActions, floatActions, seconds);
                results[c][run] = m[0];
                cores[c][run] = m[1];
            }
            System.out.printf(Locale.ROOT, "  run %d:", run + 1);
            for (int c = 0; c < names.size(); c++) {
                System.out.printf(Locale.ROOT, "  %s %,.0f (%.2f cores)", names.get(c), results[c][run], cores[c][run]);
            }
            System.out.println();
        }
        configs.values().forEach(VectorEnv::close);

        System.out.println();
        System.out.printf(Locale.ROOT, "| %-20s | %14s | %12s | %12s | %12s | %20s |%n", "configuration",
                "median steps/s", "min", "max", "median cores", "median steps/CPU-s");
        System.out.println("|----------------------|----------------|--------------|--------------|--------------|"
                + "----------------------|");
        for (int c = 0; c < names.size(); c++) {
            double[] r = sorted(results[c]);
            double[] perCpu = new double[runs];
            for (int run = 0; run < runs; run++) {
                perCpu[run] = results[c][run] / cores[c][run];
            }
            System.out.printf(Locale.ROOT, "| %-20s | %,14.0f | %,12.0f | %,12.0f | %12.2f | %,20.0f |%n", names.get(c),
                    median(r), r[0], r[r.length - 1], median(sorted(cores[c])), median(sorted(perCpu)));
        }
        double[] ratios = new double[runs];
        for (int run = 0; run < runs; run++) {
            ratios[run] = results[2][run] / results[1][run];
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%nspeedup 2 threads / 1 thread: median of per-run ratios %.2fx (runs: %.2f..%.2f);"
                        + " ratio of medians %.2fx%n", median(ratios), ratios[0], ratios[runs - 1],
                median(sorted(results[2])) / median(sorted(results[1])));
        System.out.printf("load average after: %s%n", loadAverage());
    }

    /**
     * Environment steps per second over about {@code seconds}, and the processor cores the process got meanwhile
     * (its CPU time over the wall time: about 1 for one busy thread, up to 2 for two when the machine has them free).
     */
    private static double[] measure(VectorEnv v, int[][] intActions, float[][] floatActions, double seconds) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long budget = (long) (seconds * 1e9);
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        long batches = 0;
        long now;
        do {
            for (int k = 0; k < 64; k++) {
                int row = (int) (batches++ % intActions.length);
                if (v.discreteActions()) {
                    v.step(intActions[row]);
                } else {
                    v.step(floatActions[row]);
                }
            }
            now = System.nanoTime();
        } while (now - start < budget);
        double wall = (now - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        return new double[] {batches * v.numEnvs() / wall, cpu / wall};
    }

    private static double[] sorted(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
