package dev.arcadia.experiments.bench;

import dev.arcadia.agents.pg.Ppo;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.vector.SyncVectorEnv;
import dev.arcadia.env.vector.VectorEnv;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * PPO training throughput on CartPole-v1 against the CleanRL-style PyTorch peer {@code bench/ppo_torch.py}, run in
 * the same invocation and alternating with it, so both see the same machine load. Both train with CleanRL's
 * {@code ppo.py} settings (N copies x 128 steps, 4 epochs x 4 minibatches, separate 64-64 tanh actor and critic, Adam
 * with the learning rate annealed) for the same number of environment steps, the peer on one thread; Arcadia
 * steps its copies in a {@link SyncVectorEnv} on the training thread and runs every GEMM on one thread too.
 *
 * <p>Reported per run: environment steps per second of wall-clock time and per second of process CPU time (the
 * latter is what a busy, shared machine distorts least), and the mean training return of the episodes finished in
 * the last 10 % of the steps (both should learn). Arcadia first trains once untimed for {@code --warmup} steps in
 * the same JVM, so the timed runs measure compiled code (the JIT's warm-up is a one-off cost per JVM; it is shown
 * separately).
 *
 * <pre>
 * mvn -o -q -B -pl env,nets,agents,experiments -am -DskipTests package test-compile
 * java -cp "experiments/target/test-classes:experiments/target/arcadia.jar" \
 *     dev.arcadia.experiments.bench.PpoThroughput --envs 8 --steps 102400 --repeats 3
 * </pre>
 * Options: {@code --envs N} (8), {@code --steps S} (102400), {@code --repeats R} (3), {@code --warmup W} (20480),
 * {@code --python P} (python3), {@code --no-peer}.
 */
public final class PpoThroughput {

    record Run(String who, long steps, double seconds, double cpuSeconds, double meanReturn) {
        double wallRate() {
            return steps / seconds;
        }

        double cpuRate() {
            return steps / cpuSeconds;
        }
    }

    private PpoThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int envs = 8;
        long steps = 102_400;
        int repeats = 3;
        long warmup = 20_480;
        String python = "python3";
        boolean peer = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--envs" -> envs = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Long.parseLong(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Long.parseLong(args[++i]);
                case "--python" -> python = args[++i];
                case "--no-peer" -> peer = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path script = Path.of(System.getProperty("arcadia.home", ".")).resolve("bench/ppo_torch.py");
        if (peer && !Files.isRegularFile(script)) {
            throw new IllegalStateException("peer script not found: " + script + " (run from the repository root)");
        }
        Run first = arcadia(envs, warmup, 1000);
        System.out.printf(Locale.ROOT, "warm-up (untimed in the table): Arcadia %d steps in %.2f s wall, %.2f s CPU "
                + "(JIT compilation and ND4J loading included)%n", first.steps(), first.seconds(), first.cpuSeconds());
        List<Run> ours = new ArrayList<>();
        List<Run> theirs = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            Run a = arcadia(envs, steps, r + 1);
            ours.add(a);
            print(a);
            if (peer) {
                Run p = torch(python, script, envs, steps, r + 1);
                theirs.add(p);
                print(p);
            }
        }
        double[] ow = ours.stream().mapToDouble(Run::wallRate).toArray();
        double[] oc = ours.stream().mapToDouble(Run::cpuRate).toArray();
        System.out.printf(Locale.ROOT, "%nPPO on CartPole-v1, %d envs x 128 steps, %d steps per run, median of %d runs:%n",
                envs, steps, repeats);
        System.out.printf(Locale.ROOT, "%-32s %14s %14s%n", "", "steps/s (wall)", "steps/s (CPU)");
        System.out.printf(Locale.ROOT, "%-32s %14.0f %14.0f%n", "Arcadia (Java, 1 thread)", median(ow), median(oc));
        if (peer) {
            double[] tw = theirs.stream().mapToDouble(Run::wallRate).toArray();
            double[] tc = theirs.stream().mapToDouble(Run::cpuRate).toArray();
            System.out.printf(Locale.ROOT, "%-32s %14.0f %14.0f%n", "CleanRL-style PyTorch (1 thread)", median(tw), median(tc));
            System.out.printf(Locale.ROOT, "%-32s %13.1fx %13.1fx%n", "ratio", median(ow) / median(tw), median(oc) / median(tc));
        }
    }

    private static void print(Run r) {
        System.out.printf(Locale.ROOT, "%-8s %8d steps %8.2f s wall %8.2f s CPU  %8.0f steps/s wall %8.0f steps/s CPU  "
                + "mean return (last 10 %%) %.1f%n", r.who(), r.steps(), r.seconds(), r.cpuSeconds(), r.wallRate(),
                r.cpuRate(), r.meanReturn());
    }

    /** Trains a fresh PPO agent for {@code steps} steps; wall and process CPU time of the training loop. */
    static Run arcadia(int envs, long steps, long seed) {
        Env<?, ?> probe = Envs.make("CartPole-v1");
        Ppo.Config c = new Ppo.Config(); // CleanRL's ppo.py settings
        c.numEnvs = envs;
        Ppo ppo = new Ppo(c, probe.observationSpace(), probe.actionSpace(), seed);
        ppo.setTrainingBudget(steps);
        double[] running = new double[envs];
        double sum = 0;
        int episodes = 0;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (VectorEnv env = new SyncVectorEnv("CartPole-v1", envs)) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            env.reset(seed);
            while (ppo.steps() < steps) {
                ppo.act(env.observations());
                ppo.applyActions(env);
                ppo.observe(env);
                double[] rw = env.rewards();
                for (int i = 0; i < envs; i++) {
                    running[i] += rw[i];
                    if (env.done(i)) {
                        if (ppo.steps() > 0.9 * steps) {
                            sum += running[i];
                            episodes++;
                        }
                        running[i] = 0;
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            return new Run("arcadia", ppo.steps(), seconds, cpu, episodes > 0 ? sum / episodes : Double.NaN);
        }
    }

    static Run torch(String python, Path script, int envs, long steps, long seed) throws Exception {
        Process p = new ProcessBuilder(python, script.toString(), "--envs", String.valueOf(envs), "--steps",
                String.valueOf(steps), "--seed", String.valueOf(seed)).redirectErrorStream(true).start();
        String result = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the peer failed (needs torch and gymnasium: python3 -m pip install torch "
                    + "gymnasium):\n" + all);
        }
        String[] f = result.split(" ");
        return new Run("torch", Long.parseLong(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                Double.parseDouble(f[6]));
    }

    static double median(double[] x) {
        double[] c = x.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
