package dev.arcadia.benchrl4j;

import dev.arcadia.nets.kernels.Nd4jSetup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DQN throughput on CartPole-v1: environment steps per second, learning included, of Arcadia's {@code Dqn}, RL4J's
 * {@code QLearningDiscreteDense} and a CleanRL-style PyTorch script ({@code bench/dqn_torch.py}), with the same
 * hyperparameters ({@link BenchSetting}), in two settings, each run in its own process on one thread, then one table
 * with the ratios against the goals (Arcadia at least 50x RL4J and 3x PyTorch). Run it with
 * {@code bench-rl4j/run-dqn-bench.sh}, which builds the class path and sets the thread and OpenBLAS variables.
 *
 * <pre>
 * --settings 1,2        which settings (1: CleanRL's defaults, batch 128, train every 10 steps; 2: every step, batch 64)
 * --warmup 11000        untimed steps before the window (learning starts at 10,000), for every implementation
 * --steps 20000         timed steps for Arcadia and PyTorch
 * --rl4j-steps 2000     timed steps for RL4J (it is slow)
 * --repeats 1           runs per implementation and setting; the table shows the median
 * --seed 1
 * --python python3      the interpreter for the PyTorch script (skipped when it lacks torch or gymnasium)
 * --torch-script bench/dqn_torch.py
 * --skip rl4j,torch     leave implementations out
 * --rl4j-plain          also run the unmodified QLearningDiscreteDense in setting 2, as a check (it trains from the
 *                       first batch on, so its warm-up trains too: about 2 more minutes)
 * --child IMPL SETTING  (internal) run one implementation in this process and print its RESULT line
 * </pre>
 * Exit status: 0 when every measured ratio meets its goal, 1 when one misses, 2 for a usage error.
 */
public final class DqnThroughput {

    static final double GOAL_RL4J = 50;
    static final double GOAL_TORCH = 3;

    private DqnThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("dqn-bench: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        long warmup = Long.parseLong(o.getOrDefault("warmup", "11000"));
        long seed = Long.parseLong(o.getOrDefault("seed", "1"));
        if (o.containsKey("child")) {
            String[] c = o.get("child").split(" ");
            BenchSetting setting = BenchSetting.byId(Integer.parseInt(c[1]));
            long steps = Long.parseLong(o.getOrDefault("steps", "20000"));
            BenchResult r = switch (c[0]) {
                case "arcadia" -> ArcadiaDqnRun.run(setting, warmup, steps, seed);
                case "rl4j" -> Rl4jDqnRun.run(setting, warmup, steps, seed, false);
                case "rl4j-plain" -> Rl4jDqnRun.run(setting, warmup, steps, seed, true);
                default -> throw new IllegalArgumentException("--child: unknown implementation " + c[0]);
            };
            System.out.println(r.line());
            System.out.flush();
            System.exit(0);
            return;
        }
        System.exit(orchestrate(o, warmup, seed));
    }

    private static int orchestrate(Map<String, String> o, long warmup, long seed) throws Exception {
        long steps = Long.parseLong(o.getOrDefault("steps", "20000"));
        long rl4jSteps = Long.parseLong(o.getOrDefault("rl4j-steps", "2000"));
        int repeats = Integer.parseInt(o.getOrDefault("repeats", "1"));
        List<String> skip = Arrays.asList(o.getOrDefault("skip", "").split(","));
        String python = o.getOrDefault("python", "python3");
        String script = o.getOrDefault("torch-script", "bench/dqn_torch.py");
        List<BenchSetting> settings = new ArrayList<>();
        for (String s : o.getOrDefault("settings", "1,2").split(",")) {
            settings.add(BenchSetting.byId(Integer.parseInt(s.trim())));
        }
        String torchMissing = skip.contains("torch") ? "skipped" : torchProblem(python, script);
        System.out.println(header(warmup, steps, rl4jSteps, repeats, torchMissing));

        // Repeats are interleaved (arcadia, rl4j, torch, arcadia, ...) so that a change in machine load during
        // the run falls on every implementation alike.
        List<Row> rows = new ArrayList<>();
        for (BenchSetting s : settings) {
            List<String> impls = new ArrayList<>();
            for (String impl : List.of("arcadia", "rl4j", "torch", "rl4j-plain")) {
                boolean wanted = impl.equals("rl4j-plain") ? o.containsKey("rl4j-plain") && s.trainFrequency() == 1
                        && !skip.contains("rl4j") : !skip.contains(impl);
                if (wanted) {
                    impls.add(impl);
                }
            }
            Map<String, Row> byImpl = new LinkedHashMap<>();
            for (String impl : impls) {
                byImpl.put(impl, new Row(s, impl, new ArrayList<>(), impl.equals("torch") ? torchMissing : null));
            }
            for (int k = 0; k < repeats; k++) {
                for (String impl : impls) {
                    Row row = byImpl.get(impl);
                    if (row.problem != null) {
                        continue;
                    }
                    long n = impl.startsWith("rl4j") ? rl4jSteps : steps;
                    List<String> cmd = impl.equals("torch")
                            ? List.of(python, script, "--setting", String.valueOf(s.id()), "--warmup",
                                    String.valueOf(warmup), "--steps", String.valueOf(n), "--seed", String.valueOf(seed))
                            : javaChild(impl, s, warmup, n, seed);
                    System.err.printf(Locale.ROOT, "dqn-bench: setting %d, %s, run %d/%d ...%n", s.id(), impl, k + 1,
                            repeats);
                    Child c = runChild(cmd);
                    if (c.result == null) {
                        byImpl.put(impl, new Row(s, impl, row.runs, "failed (exit " + c.exit + "): " + c.lastLines));
                    } else {
                        row.runs.add(c.result);
                    }
                }
            }
            rows.addAll(byImpl.values());
        }
        return printTable(rows, settings);
    }

    record Row(BenchSetting setting, String impl, List<BenchResult> runs, String problem) {
        /** The run with the median wall-clock steps/s (the lower middle one for an even count). */
        BenchResult medianRun() {
            List<BenchResult> sorted = new ArrayList<>(runs);
            sorted.sort(java.util.Comparator.comparingDouble(BenchResult::stepsPerSecond));
            return sorted.get((sorted.size() - 1) / 2);
        }

        double medianCpu() {
            double[] v = runs.stream().mapToDouble(BenchResult::stepsPerCpuSecond).sorted().toArray();
            return v[(v.length - 1) / 2];
        }
    }

    private static int printTable(List<Row> rows, List<BenchSetting> settings) {
        boolean missed = false;
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%-7s %-10s %8s %8s %8s %8s %7s %8s %8s %6s  %s%n", "setting", "impl",
                "steps/s", "cpu", "measured", "episodes", "return", "x wall", "x cpu", "goal", "result (wall, cpu)"));
        for (BenchSetting s : settings) {
            Row arcadia = rows.stream().filter(r -> r.setting == s && r.impl.equals("arcadia") && r.problem == null)
                    .findFirst().orElse(null);
            double aWall = arcadia == null ? Double.NaN : arcadia.medianRun().stepsPerSecond();
            double aCpu = arcadia == null ? Double.NaN : arcadia.medianCpu();
            for (Row r : rows) {
                if (r.setting != s) {
                    continue;
                }
                if (r.problem != null) {
                    t.append(String.format(Locale.ROOT, "%-7d %-10s %8s  %s%n", s.id(), r.impl, "n/a", r.problem));
                    continue;
                }
                BenchResult med = r.medianRun();
                double wall = med.stepsPerSecond();
                double cpu = r.medianCpu();
                double goal = r.impl.startsWith("rl4j") ? GOAL_RL4J : r.impl.equals("torch") ? GOAL_TORCH : Double.NaN;
                String xWall = "";
                String xCpu = "";
                String goalText = "";
                String verdict = "";
                if (!Double.isNaN(goal) && !Double.isNaN(aWall)) {
                    xWall = String.format(Locale.ROOT, "%.1fx", aWall / wall);
                    xCpu = String.format(Locale.ROOT, "%.1fx", aCpu / cpu);
                    goalText = String.format(Locale.ROOT, ">=%.0fx", goal);
                    boolean okWall = aWall / wall >= goal;
                    boolean okCpu = aCpu / cpu >= goal;
                    verdict = (okWall ? "pass" : "MISS") + ", " + (okCpu ? "pass" : "MISS");
                    missed |= !okWall && !r.impl.equals("rl4j-plain");
                }
                t.append(String.format(Locale.ROOT, "%-7d %-10s %8.0f %8.0f %8d %8d %7.1f %8s %8s %6s  %s%n", s.id(),
                        r.impl, wall, cpu, med.steps(), med.episodes(), med.meanReturn(), xWall, xCpu, goalText,
                        verdict + (r.runs.size() > 1 ? "  (" + r.runs.size() + " runs, wall: " + spread(r.runs) + ")" : "")));
            }
        }
        System.out.print(t);
        System.out.println("settings: " + String.join("; ", settings.stream().map(s -> s.id() + " = " + s.label()).toList()));
        System.out.printf(Locale.ROOT, "load average at the end: %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.println("steps/s: timed steps / wall-clock seconds, learning included (median run); cpu: timed steps / "
                + "CPU seconds of the stepping thread (median), what steps/s would be on an idle machine, trustworthy "
                + "when the load average exceeds the cores; x wall, x cpu: Arcadia's figure over this row's; measured, "
                + "episodes, return: the median run's timed steps, episodes ended in the window and their mean return "
                + "(a sanity check that each learns).");
        System.out.println("rl4j: RL4J's QLearningDiscrete (QLearningDiscreteDense's base class) with the same "
                + "4-120-84-2 DL4J network, gated to learn from step 10000 every trainFrequency steps (RL4J has neither "
                + "setting); rl4j-plain: unmodified QLearningDiscreteDense, learning every step from the first batch. "
                + "RL4J also works off its stepping thread (GC, ND4J's native deallocation: about 0.7x more CPU, "
                + "measured), which cpu leaves out, so x cpu understates Arcadia's lead over RL4J.");
        System.out.println("result: the goal met on wall-clock and on cpu figures; the exit status follows the wall-clock"
                + " verdicts (0 all met, 1 one missed).");
        return missed ? 1 : 0;
    }

    private static String spread(List<BenchResult> runs) {
        return String.join(", ", runs.stream().map(b -> String.format(Locale.ROOT, "%.0f", b.stepsPerSecond())).toList());
    }

    private static String header(long warmup, long steps, long rl4jSteps, int repeats, String torchMissing) {
        String cpu = Nd4jSetup.cpuModel();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT,
                "DQN throughput on CartPole-v1: environment steps per second including learning, one thread each%n"
                        + "machine: %s, %d cores, load average %.2f at start; Java %s; OMP_NUM_THREADS=%s OPENBLAS_CORETYPE=%s%n"
                        + "same hyperparameters for all: MLP 4-120-84-2 ReLU, Adam 2.5e-4, gamma 0.99, MSE, buffer 10000, "
                        + "learning starts 10000, target copy every 500 steps, epsilon 1 -> 0.05 over 10000 steps%n"
                        + "timed after %d warm-up steps: %d steps (Arcadia, PyTorch), %d (RL4J); %d run(s) each%s%n",
                cpu, Runtime.getRuntime().availableProcessors(), load, System.getProperty("java.version"),
                System.getenv("OMP_NUM_THREADS"), System.getenv("OPENBLAS_CORETYPE"), warmup, steps, rl4jSteps, repeats,
                torchMissing == null ? "" : "; PyTorch: " + torchMissing);
    }

    /** Null when the PyTorch script can run, else why not. */
    private static String torchProblem(String python, String script) {
        if (!Files.isRegularFile(Path.of(script))) {
            return "script " + script + " not found";
        }
        try {
            Child c = runChild(List.of(python, "-c", "import torch, gymnasium"));
            return c.exit == 0 ? null : python + " cannot import torch and gymnasium (pip install torch gymnasium)";
        } catch (IOException e) {
            return python + " not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static List<String> javaChild(String impl, BenchSetting s, long warmup, long steps, long seed) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DqnThroughput.class.getName());
        cmd.addAll(List.of("--child", impl, String.valueOf(s.id()), "--warmup", String.valueOf(warmup), "--steps",
                String.valueOf(steps), "--seed", String.valueOf(seed)));
        return cmd;
    }

    record Child(int exit, BenchResult result, String lastLines) {
    }

    private static Child runChild(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BenchResult result = null;
        List<String> tail = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                BenchResult r = BenchResult.parse(line);
                if (r != null) {
                    result = r;
                } else {
                    tail.add(line);
                    if (tail.size() > 5) {
                        tail.remove(0);
                    }
                }
            }
        }
        int exit = p.waitFor();
        return new Child(exit, exit == 0 ? result : null, String.join(" | ", tail));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        List<String> valued = List.of("settings", "warmup", "steps", "rl4j-steps", "repeats", "seed", "python",
                "torch-script", "skip");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String key = a.substring(2);
            if (key.equals("rl4j-plain")) {
                o.put(key, "true");
            } else if (key.equals("child")) {
                if (i + 2 >= args.length) {
                    throw new IllegalArgumentException("--child needs IMPL SETTING");
                }
                o.put(key, args[++i] + " " + args[++i]);
            } else if (valued.contains(key)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                o.put(key, args[++i]);
            } else if (key.equals("help")) {
                System.out.println("usage: run-dqn-bench.sh [--settings 1,2] [--warmup N] [--steps N] [--rl4j-steps N]"
                        + " [--repeats N] [--seed N] [--python PY] [--torch-script PATH] [--skip rl4j,torch] [--rl4j-plain]");
                System.exit(0);
            } else {
                throw new IllegalArgumentException("unknown option " + a + "; valid: --" + String.join(", --", valued)
                        + ", --rl4j-plain, --help");
            }
        }
        for (String k : List.of("warmup", "steps", "rl4j-steps", "repeats", "seed")) {
            if (o.containsKey(k)) {
                try {
                    long v = Long.parseLong(o.get(k));
                    if (v < (k.equals("seed") || k.equals("warmup") ? 0 : 1)) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--" + k + ": expected a non-negative integer, got " + o.get(k));
                }
            }
        }
        if (o.containsKey("warmup") && Long.parseLong(o.get("warmup")) < BenchSetting.LEARNING_STARTS) {
            throw new IllegalArgumentException("--warmup: expected at least " + BenchSetting.LEARNING_STARTS
                    + " (learning starts there; the window must time learning), got " + o.get("warmup"));
        }
        return o;
    }
}
