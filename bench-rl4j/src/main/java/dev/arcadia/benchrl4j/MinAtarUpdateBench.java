package dev.arcadia.benchrl4j;

import dev.arcadia.agents.Transition;
import dev.arcadia.agents.dqn.Dqn;
import dev.arcadia.nets.kernels.Nd4jSetup;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One DQN update on MinAtar's network (Young and Tian 2019: 10x10xC -> conv 16 3x3 -> ReLU -> fc 128 -> ReLU ->
 * |A|), batch 32, timed in Arcadia against the same network in DL4J, one thread each, on the same real MinAtar
 * transitions ({@link MinAtarPool}); prints the median microseconds per update and the ratio DL4J / Arcadia.
 *
 * <p>Arcadia is timed through its real code path: a {@link Dqn} agent configured as
 * {@code configs/minatar-breakout-dqn.json} (minatar-cnn, centred RMSProp 2.5e-4, Huber, batch 32, hard target every
 * 1,000 steps, no gradient clipping) with its replay buffer pre-filled, so each {@code observe} call stores one
 * transition and makes exactly one update (train frequency 1; the count is checked). The storing part is timed
 * separately on a second agent that never learns, and subtracted: {@code update = observe - store}. The DL4J peer
 * ({@link Dl4jMinAtarDqn}) does RL4J's update on a {@code MultiLayerNetwork} holding the same initial weights (the
 * two networks' Q-values are checked to agree before timing). Rounds are interleaved (Arcadia, store, DL4J, Arcadia,
 * ...) after a warm-up, each with a garbage collection before it.
 *
 * <pre>
 * --seconds 10     length of each timed round, per implementation (store-only rounds: a fifth of it)
 * --rounds 5       interleaved rounds; the table shows medians
 * --warmup 5       untimed seconds per implementation before the rounds
 * --buffer 10000   transitions in the pool and in the replay buffers (the paper's config has 100,000)
 * --env MinAtar/Breakout-v1
 * --seed 1
 * </pre>
 * Run it with {@code bench-rl4j/run-minatar-update-bench.sh}, which sets one thread for ND4J/OpenMP/OpenBLAS.
 * Exit status: 0 measured, 1 a check failed (networks disagree, not one update per call, non-finite loss), 2 usage.
 */
public final class MinAtarUpdateBench {

    static final int BATCH = 32;
    static final double LEARNING_RATE = 2.5e-4;
    static final double GAMMA = 0.99;
    static final int TARGET_INTERVAL = 1000;
    static final int FILTERS = 16;
    static final int HIDDEN = 128;

    private MinAtarUpdateBench() {
    }

    /** The agent of minatar-breakout-dqn.json with a buffer of {@code buffer}, learning after {@code learningStarts}. */
    static Dqn.Config config(int buffer, int learningStarts, int targetInterval) {
        Dqn.Config c = new Dqn.Config();
        c.network = "minatar-cnn";
        c.optimizer = "rmsprop";
        c.learningRate = LEARNING_RATE;
        c.gamma = GAMMA;
        c.replay = true;
        c.bufferSize = buffer;
        c.batchSize = BATCH;
        c.learningStarts = learningStarts;
        c.trainFrequency = 1;
        c.gradientSteps = 1;
        c.target = "hard";
        c.targetUpdateInterval = targetInterval;
        c.loss = "huber";
        c.maxGradNorm = 0;
        c.epsilonStart = 1.0;
        c.epsilonEnd = 0.1;
        c.epsilonDecaySteps = 100_000;
        return c;
    }

    /** One timed round of one implementation. */
    record Sample(long calls, long wallNs, long cpuNs, long processCpuNs, long allocBytes) {
        double wallUs() {
            return wallNs / 1e3 / calls;
        }

        double cpuUs() {
            return cpuNs / 1e3 / calls;
        }

        double processCpuUs() {
            return processCpuNs / 1e3 / calls;
        }

        double alloc() {
            return allocBytes / (double) calls;
        }
    }

    /** Calls {@code work} over the pool's transitions, cycling. */
    interface Work {
        void call();
    }

    public static void main(String[] args) {
        Map<String, String> o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("minatar-update-bench: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.exit(run(o));
        } catch (IllegalArgumentException e) { // an unknown or unsuitable --env
            System.err.println("minatar-update-bench: error: " + e.getMessage());
            System.exit(2);
        } catch (IllegalStateException e) {
            System.err.println("minatar-update-bench: check failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static int run(Map<String, String> o) {
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "10"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
        double warmup = Double.parseDouble(o.getOrDefault("warmup", "5"));
        int buffer = Integer.parseInt(o.getOrDefault("buffer", "10000"));
        long seed = Long.parseLong(o.getOrDefault("seed", "1"));
        String envId = o.getOrDefault("env", "MinAtar/Breakout-v1");
        if (!Nd4jSetup.load()) {
            throw new IllegalStateException("ND4J could not be loaded: " + Nd4jSetup.failure());
        }

        MinAtarPool pool = new MinAtarPool(envId, buffer, seed);
        List<Transition<Object, Integer>> tr = pool.transitions;
        Dqn learner = new Dqn(config(buffer, buffer, TARGET_INTERVAL), pool.observationSpace, pool.actionSpace, seed);
        Dqn storer = new Dqn(config(buffer, Integer.MAX_VALUE, Integer.MAX_VALUE), pool.observationSpace,
                pool.actionSpace, seed);
        for (Transition<Object, Integer> t : tr) {
            learner.observe(t);
            storer.observe(t);
        }
        if (learner.updates() != 0) {
            throw new IllegalStateException("the learner updated while its buffer was being filled");
        }
        Dl4jMinAtarDqn dl4j = new Dl4jMinAtarDqn(pool, learner.parameters(), FILTERS, HIDDEN, LEARNING_RATE, GAMMA,
                BATCH, TARGET_INTERVAL, seed);
        double qDiff = checkSameNetwork(learner, dl4j, pool);

        System.out.println(header(pool, seconds, rounds, warmup, qDiff));
        int[] cursor = new int[2];
        Work arcadia = () -> {
            learner.observe(tr.get(cursor[0]));
            cursor[0] = cursor[0] + 1 == tr.size() ? 0 : cursor[0] + 1;
        };
        Work store = () -> {
            storer.observe(tr.get(cursor[1]));
            cursor[1] = cursor[1] + 1 == tr.size() ? 0 : cursor[1] + 1;
        };
        Work peer = dl4j::update;
        String[] names = {"arcadia observe", "arcadia store only", "dl4j"};
        Work[] works = {arcadia, store, peer};
        double[] share = {1, 0.2, 1};
        for (int w = 0; w < works.length; w++) {
            System.err.printf(Locale.ROOT, "minatar-update-bench: warm-up %s (%.1f s) ...%n", names[w], warmup * share[w]);
            time(works[w], warmup * share[w]);
        }
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (String n : names) {
            samples.put(n, new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            System.err.printf(Locale.ROOT, "minatar-update-bench: round %d/%d ...%n", r + 1, rounds);
            for (int w = 0; w < works.length; w++) {
                long before = w == 0 ? learner.updates() : 0;
                Sample s = time(works[w], seconds * share[w]);
                if (w == 0 && learner.updates() - before != s.calls) {
                    throw new IllegalStateException("expected one Arcadia update per observe call, got "
                            + (learner.updates() - before) + " in " + s.calls + " calls");
                }
                samples.get(names[w]).add(s);
            }
        }
        if (storer.updates() != 0) {
            throw new IllegalStateException("the store-only agent made " + storer.updates() + " updates");
        }
        if (!Double.isFinite(learner.lastLoss()) || !Double.isFinite(dl4j.score())) {
            throw new IllegalStateException("non-finite loss: Arcadia " + learner.lastLoss() + ", DL4J " + dl4j.score());
        }
        printTable(samples, names);
        System.out.printf(Locale.ROOT, "sanity: Arcadia's last Huber loss %.4g after %d updates, DL4J's MSE score %.4g "
                + "after %d%n", learner.lastLoss(), learner.updates(), dl4j.score(), dl4j.updates());
        System.out.printf(Locale.ROOT, "load average at the end: %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        return 0;
    }

    /** Max |difference| of the two online networks' Q-values on 32 pool observations; fails above 1e-4. */
    private static double checkSameNetwork(Dqn learner, Dl4jMinAtarDqn dl4j, MinAtarPool pool) {
        int n = Math.min(BATCH, pool.size());
        float[][] peer = dl4j.qValues(n);
        double[] q = new double[pool.actionCount];
        double max = 0;
        for (int k = 0; k < n; k++) {
            learner.qValues(pool.hwc[pool.obsFrame[k]], q);
            for (int a = 0; a < q.length; a++) {
                max = Math.max(max, Math.abs(q[a] - peer[k][a]));
            }
        }
        if (!(max <= 1e-4)) {
            throw new IllegalStateException("Arcadia's and DL4J's networks give different Q-values (max |diff| " + max
                    + "): the weights or the input layout do not carry over");
        }
        return max;
    }

    private static Sample time(Work work, double seconds) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long id = Thread.currentThread().getId();
        System.gc();
        long calls = 0;
        long a0 = threads.getThreadAllocatedBytes(id);
        long p0 = os.getProcessCpuTime();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long t;
        do {
            work.call();
            calls++;
            t = System.nanoTime();
        } while (t < end);
        long c1 = threads.getCurrentThreadCpuTime();
        long p1 = os.getProcessCpuTime();
        long a1 = threads.getThreadAllocatedBytes(id);
        return new Sample(calls, t - t0, c1 - c0, p1 - p0, a1 - a0);
    }

    private static double median(List<Sample> s, java.util.function.ToDoubleFunction<Sample> f) {
        double[] v = s.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void printTable(Map<String, List<Sample>> samples, String[] names) {
        List<Sample> obs = samples.get(names[0]);
        List<Sample> store = samples.get(names[1]);
        List<Sample> peer = samples.get(names[2]);
        double aWall = median(obs, Sample::wallUs) - median(store, Sample::wallUs);
        double aCpu = median(obs, Sample::cpuUs) - median(store, Sample::cpuUs);
        double aProc = median(obs, Sample::processCpuUs) - median(store, Sample::processCpuUs);
        double aAlloc = median(obs, Sample::alloc) - median(store, Sample::alloc);
        double dWall = median(peer, Sample::wallUs);
        double dCpu = median(peer, Sample::cpuUs);
        StringBuilder t = new StringBuilder();
        String fmt = "%-20s %11s %11s %12s %13s %9s  %s%n";
        t.append(String.format(Locale.ROOT, fmt, "impl", "us/update", "cpu us", "proc cpu us", "alloc B/call", "calls",
                "rounds (wall us)"));
        t.append(String.format(Locale.ROOT, fmt, "arcadia update", f1(aWall), f1(aCpu), f1(aProc), f0(aAlloc), "",
                "= observe - store only"));
        for (String n : names) {
            List<Sample> s = samples.get(n);
            t.append(String.format(Locale.ROOT, fmt, n, f1(median(s, Sample::wallUs)), f1(median(s, Sample::cpuUs)),
                    f1(median(s, Sample::processCpuUs)), f0(median(s, Sample::alloc)), s.stream().mapToLong(Sample::calls).sum(),
                    String.join(" ", s.stream().map(x -> f1(x.wallUs())).toList())));
        }
        System.out.print(t);
        System.out.printf(Locale.ROOT, "ratio dl4j / arcadia: %.2fx wall, %.2fx cpu (update); %.2fx wall counting "
                        + "Arcadia's whole observe call (storing the transition too)%n", dWall / aWall, dCpu / aCpu,
                dWall / median(obs, Sample::wallUs));
        System.out.println("us/update: median over rounds of wall-clock microseconds per call; cpu us: the same in CPU "
                + "time of the calling thread (what wall would be on an idle machine; trust it over wall when the load "
                + "average exceeds the cores); proc cpu us: CPU time of the whole JVM per call (adds GC and ND4J's helper "
                + "threads); alloc B/call: Java heap bytes allocated per call by the calling thread "
                + "(DL4J's off-heap ND4J buffers are not counted). dl4j: RL4J's StandardDQN update on a MultiLayerNetwork"
                + " (target output, max, online output as labels, TD targets clamped to +-1, fit), DL4J's RmsProp, "
                + "which is not centred, MSE; arcadia: Dqn with centred RMSProp and Huber.");
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String header(MinAtarPool pool, double seconds, int rounds, double warmup, double qDiff) {
        String cpu = Nd4jSetup.cpuModel();
        return String.format(Locale.ROOT,
                "DQN update on MinAtar's network, batch %d, one thread each: Arcadia (Dqn, minatar-cnn) vs DL4J "
                        + "(MultiLayerNetwork, RL4J's update)%n"
                        + "machine: %s, %d cores, load average %.2f at start; Java %s; arcadia.threads=%s "
                        + "OMP_NUM_THREADS=%s OPENBLAS_NUM_THREADS=%s OPENBLAS_CORETYPE=%s; ND4J platform helpers "
                        + "(oneDNN) allowed: %s%n"
                        + "network: %s %dx%dx%d -> conv %d 3x3 -> ReLU -> fc %d -> ReLU -> %d; lr %.2g, gamma %.2f, "
                        + "RMSProp decay 0.95 eps 0.01, target copy every %d updates%n"
                        + "data: %d transitions of random play (%d episodes ended), the replay buffer of both%n"
                        + "check: the two networks' initial Q-values agree (max |diff| %.2g on %d observations)%n"
                        + "timing: %.1f s warm-up each, then %d interleaved rounds of %.1f s each (store only: %.1f s)",
                BATCH, cpu, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"),
                System.getProperty(Nd4jSetup.THREADS_PROPERTY, "unset (1)"), System.getenv("OMP_NUM_THREADS"),
                System.getenv("OPENBLAS_NUM_THREADS"), System.getenv("OPENBLAS_CORETYPE"),
                org.nd4j.linalg.factory.Nd4j.getEnvironment().helpersAllowed(), pool.envId, pool.height,
                pool.width, pool.channels, FILTERS, HIDDEN, pool.actionCount, LEARNING_RATE, GAMMA, TARGET_INTERVAL,
                pool.size(), pool.episodes, qDiff, Math.min(BATCH, pool.size()), warmup, rounds, seconds, seconds * 0.2);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        List<String> valued = List.of("seconds", "rounds", "warmup", "buffer", "env", "seed");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String key = a.startsWith("--") ? a.substring(2) : "";
            if (key.equals("help")) {
                System.out.println("usage: run-minatar-update-bench.sh [--seconds S] [--rounds N] [--warmup S]"
                        + " [--buffer N] [--env MinAtar/Breakout-v1] [--seed N]");
                System.exit(0);
            }
            if (!valued.contains(key)) {
                throw new IllegalArgumentException("unknown argument '" + a + "'; valid: --" + String.join(", --", valued)
                        + ", --help");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            o.put(key, args[++i]);
        }
        for (String k : List.of("seconds", "warmup")) {
            if (o.containsKey(k)) {
                double v = parseNumber(k, o.get(k));
                if (!(v > 0) || v > 3600) {
                    throw new IllegalArgumentException("--" + k + ": expected seconds in (0, 3600], got " + o.get(k));
                }
            }
        }
        for (String k : List.of("rounds", "buffer", "seed")) {
            if (o.containsKey(k)) {
                long v;
                try {
                    v = Long.parseLong(o.get(k));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--" + k + ": expected an integer, got " + o.get(k));
                }
                long min = k.equals("seed") ? 0 : k.equals("buffer") ? BATCH : 1;
                if (v < min || (!k.equals("seed") && v > Integer.MAX_VALUE)) {
                    throw new IllegalArgumentException("--" + k + ": expected an integer >= " + min + ", got " + o.get(k));
                }
            }
        }
        return o;
    }

    private static double parseNumber(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": expected a number, got " + value);
        }
    }
}
