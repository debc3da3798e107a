package dev.arcadia.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.nets.kernels.Nd4jSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * The neural-core benchmark: checks that the peers compute the same numbers, then, case by case, runs Arcadia's
 * JMH benchmark, the PyTorch and numpy peers of the same case ({@code bench/python/nets_torch.py}) and the other JMH
 * peers (one fork per benchmark, so no peer's JIT profile pollutes another's), and prints one table of per-call
 * medians and ratios plus the acceptance targets. Run it with {@code bench/run-nets-bench.sh}.
 *
 * <p>Options: {@code --python EXE} and {@code --python-script FILE} (the Python peers; none without the script),
 * {@code --python-coretype VALUE} (OPENBLAS_CORETYPE for Python's OpenBLAS; unset by default), {@code --quick},
 * {@code --verbose} (JMH's own output), {@code --skip-checks}, {@code --cases abcd}, {@code --rounds N} (repeat the
 * whole sequence N times and report the median of each statistic over the rounds: steadier on a loaded machine),
 * {@code --out DIR}.
 */
public final class NetsBench {

    private NetsBench() {
    }

    /** One row of the table: a peer of a case, timed by JMH (benchmark method) or by the Python script. */
    record Row(String caseId, String peer, String benchmark) {
    }

    /** Per-call median, min and 90th percentile (µs), heap bytes allocated per call (or NaN), calls timed. */
    record Stats(double median, double min, double p90, double allocBytes, long samples) {
    }

    static final Map<String, String> CASES = new LinkedHashMap<>();
    static final List<Row> ROWS = new ArrayList<>();

    static {
        CASES.put("a", "MLP 4-64-64-2 forward, batch 1");
        CASES.put("b", "MLP 4-64-64-2 fwd+bwd+Adam (MSE), batch 64");
        CASES.put("c", "SGEMM 1024x1024x1024 (GFLOP/s)");
        CASES.put("d", "LeNet conv1+conv2 fwd+bwd, batch 64");
        String p = "dev.arcadia.bench.";
        ROWS.add(new Row("a", "Arcadia Network.forward", p + "MlpForwardBench.arcadia"));
        ROWS.add(new Row("a", "ND4J INDArray ops", p + "MlpForwardBench.nd4j"));
        ROWS.add(new Row("a", "DL4J MultiLayerNetwork.output", p + "MlpForwardBench.dl4j"));
        ROWS.add(new Row("a", "PyTorch (no_grad)", null));
        ROWS.add(new Row("b", "Arcadia step", p + "MlpTrainBench.arcadia"));
        ROWS.add(new Row("b", "ND4J INDArray ops + Adam op", p + "MlpTrainBench.nd4j"));
        ROWS.add(new Row("b", "DL4J MultiLayerNetwork.fit", p + "MlpTrainBench.dl4j"));
        ROWS.add(new Row("b", "PyTorch step", null));
        ROWS.add(new Row("c", "Arcadia Gemm.gemm", p + "GemmBench.arcadia"));
        ROWS.add(new Row("c", "Arcadia Java kernel (forceJava)", p + "GemmBench.arcadiaJava"));
        ROWS.add(new Row("c", "ND4J Nd4j.gemm (OpenBLAS)", p + "GemmBench.nd4jGemm"));
        ROWS.add(new Row("c", "ND4J INDArray.mmuli", p + "GemmBench.nd4jMmul"));
        ROWS.add(new Row("c", "numpy matmul", null));
        ROWS.add(new Row("c", "PyTorch mm", null));
        ROWS.add(new Row("d", "Arcadia Conv2d", p + "ConvBench.arcadia"));
        ROWS.add(new Row("d", "ND4J conv2d + conv2d_bp ops", p + "ConvBench.nd4j"));
        ROWS.add(new Row("d", "DL4J ConvolutionLayer", p + "ConvBench.dl4j"));
        ROWS.add(new Row("d", "PyTorch conv2d", null));
    }

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        Settings set = new Settings();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--python" -> set.python = args[++i];
                case "--python-script" -> set.pythonScript = args[++i];
                case "--python-coretype" -> set.pythonCoretype = args[++i];
                case "--quick" -> set.quick = true;
                case "--verbose" -> set.verbose = true;
                case "--skip-checks" -> set.checks = false;
                case "--cases" -> set.cases = args[++i];
                case "--rounds" -> set.rounds = Math.max(1, Integer.parseInt(args[++i]));
                case "--out" -> set.outDir = Path.of(args[++i]);
                default -> {
                    System.err.println("nets-bench: unknown argument " + args[i] + "; accepted: --python EXE, "
                            + "--python-script FILE, --python-coretype VALUE, --quick, --verbose, --skip-checks, "
                            + "--cases abcd, --rounds N, --out DIR");
                    System.exit(2);
                }
            }
        }
        PrintStream out = System.out;
        Files.createDirectories(set.outDir);
        if (set.checks) {
            out.println("Checking that the peers compute the same numbers:");
            int failed = new Checks(out).run();
            if (failed > 0) {
                out.println("nets-bench: " + failed + " check(s) failed; the timings would compare different work");
                System.exit(1);
            }
        }
        NetsReport.loadBefore = NetsReport.loadAverage();
        // Case by case, so that both sides of each ratio are measured close together in time on this shared
        // machine. With --rounds N the whole sequence runs N times and each statistic is the median over the rounds.
        Map<String, List<Stats>> jmhRounds = new LinkedHashMap<>();
        Map<String, Map<String, List<Stats>>> pythonRounds = new LinkedHashMap<>();
        for (int round = 1; round <= set.rounds; round++) {
            for (String c : CASES.keySet()) {
                if (!set.cases.contains(c)) {
                    continue;
                }
                out.printf("%n(%s) %s%s%n", c, CASES.get(c), set.rounds > 1 ? ", round " + round + " of " + set.rounds : "");
                // Arcadia's benchmark, then the Python peers, then the other JVM peers: the load on this machine
                // drifts within minutes, so each of Arcadia's ratios is taken between runs close in time.
                runJmh(c, true, set, out).forEach((k, v) -> jmhRounds.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                if (set.pythonScript != null) {
                    runPython(c, set, out).forEach((cs, peers) -> peers.forEach((peer, v) -> pythonRounds
                            .computeIfAbsent(cs, x -> new LinkedHashMap<>())
                            .computeIfAbsent(peer, x -> new ArrayList<>()).add(v)));
                }
                runJmh(c, false, set, out).forEach((k, v) -> jmhRounds.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        jmhRounds.forEach((k, v) -> stats.put(k, medianOf(v)));
        Map<String, Map<String, Stats>> python = new LinkedHashMap<>();
        pythonRounds.forEach((c, peers) -> peers.forEach((peer, v) -> python
                .computeIfAbsent(c, x -> new LinkedHashMap<>()).put(peer, medianOf(v))));
        NetsReport report = new NetsReport(stats, python, set.cases);
        out.println();
        report.header(out, set.pythonScript != null);
        report.table(out);
        report.acceptance(out);
        Path json = set.outDir.resolve("nets-bench.json");
        Files.writeString(json, report.json(), StandardCharsets.UTF_8);
        out.println("\nJSON: " + json + " (JMH's own: " + set.outDir.resolve("jmh-<case>-*.json") + ")");
    }

    /** Each field's median over rounds (one round: itself); calls timed are summed. */
    static Stats medianOf(List<Stats> rounds) {
        if (rounds.size() == 1) {
            return rounds.get(0);
        }
        long samples = 0;
        for (Stats s : rounds) {
            samples += s.samples();
        }
        return new Stats(median(rounds, Stats::median), median(rounds, Stats::min), median(rounds, Stats::p90),
                median(rounds, Stats::allocBytes), samples);
    }

    private static double median(List<Stats> rounds, java.util.function.ToDoubleFunction<Stats> field) {
        double[] v = rounds.stream().mapToDouble(field).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Command-line settings. */
    static final class Settings {
        String python = "python3";
        String pythonScript;
        String pythonCoretype = "";
        boolean quick;
        boolean verbose;
        boolean checks = true;
        String cases = "abcd";
        int rounds = 1;
        Path outDir = Path.of("bench", "target", "nets-bench");
    }

    /** Runs the JMH benchmarks of one case: its first row (Arcadia's) when {@code arcadia}, else the others. */
    private static Map<String, Stats> runJmh(String caseId, boolean arcadia, Settings set, PrintStream out)
            throws RunnerException {
        List<String> includes = new ArrayList<>();
        boolean first = true;
        for (Row r : ROWS) {
            if (r.caseId().equals(caseId)) {
                if (r.benchmark() != null && first == arcadia) {
                    includes.add(r.benchmark());
                }
                first = false;
            }
        }
        if (includes.isEmpty()) {
            return Map.of();
        }
        int warmups = set.quick ? 2 : 3;
        int measured = set.quick ? 3 : 5;
        ChainedOptionsBuilder opt = new OptionsBuilder()
                .forks(1)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.milliseconds(set.quick ? 500 : 1000))
                .measurementIterations(measured)
                .measurementTime(TimeValue.milliseconds(set.quick ? 500 : 1000))
                .threads(1)
                .jvmArgsAppend("-Xms1g", "-Xmx2g", "-D" + Nd4jSetup.THREADS_PROPERTY + "=" + Nd4jSetup.threads())
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(set.outDir.resolve("jmh-" + caseId + (arcadia ? "-arcadia" : "-peers") + ".json").toString())
                .verbosity(set.verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
        for (String b : includes) {
            opt.include("^" + b.replace(".", "\\.") + "$");
        }
        out.printf("  JMH: %s, one fork each, %d warm-up + %d measured iterations of %s ...%n",
                includes.stream().map(b -> b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1))
                        .collect(java.util.stream.Collectors.joining(", ")), warmups, measured,
                set.quick ? "0.5 s" : "1 s");
        Collection<RunResult> results = new Runner(opt.build()).run();
        Map<String, Stats> stats = new LinkedHashMap<>();
        for (RunResult rr : results) {
            BenchmarkResult br = rr.getAggregatedResult();
            Statistics st = br.getPrimaryResult().getStatistics();
            Result<?> alloc = br.getSecondaryResults().get("gc.alloc.rate.norm");
            stats.put(rr.getParams().getBenchmark(), new Stats(st.getPercentile(50), st.getMin(), st.getPercentile(90),
                    alloc == null ? Double.NaN : alloc.getScore(), st.getN()));
        }
        return stats;
    }

    /** Runs the Python peers of one case; their OpenBLAS gets the user's OPENBLAS_CORETYPE, not the JVM's. */
    private static Map<String, Map<String, Stats>> runPython(String caseId, Settings set, PrintStream out)
            throws IOException, InterruptedException {
        Path file = set.outDir.resolve("python-" + caseId + ".json");
        Files.deleteIfExists(file);
        List<String> cmd = new ArrayList<>(List.of(set.python, set.pythonScript, "--cases", caseId, "--out",
                file.toString()));
        if (set.quick) {
            cmd.add("--quick");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("OPENBLAS_CORETYPE");
        if (!set.pythonCoretype.isEmpty()) {
            env.put("OPENBLAS_CORETYPE", set.pythonCoretype);
        }
        env.put("OMP_NUM_THREADS", "1");
        env.put("OPENBLAS_NUM_THREADS", "1");
        env.put("MKL_NUM_THREADS", "1");
        out.println("  Python: " + String.join(" ", cmd.subList(1, cmd.size())) + " ...");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            out.println("  nets_torch.py failed (exit " + rc + "); no Python rows for this case:\n" + log);
            return Map.of();
        }
        return readPython(file, out);
    }

    /** The script's JSON: {"results": {"a": {"PyTorch (no_grad)": {"median_us":..,"min_us":..,"p90_us":..}}}}. */
    private static Map<String, Map<String, Stats>> readPython(Path file, PrintStream out) {
        Map<String, Map<String, Stats>> map = new LinkedHashMap<>();
        try {
            JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            JsonObject results = root.getAsJsonObject("results");
            for (Map.Entry<String, JsonElement> c : results.entrySet()) {
                Map<String, Stats> peers = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> p : c.getValue().getAsJsonObject().entrySet()) {
                    JsonObject o = p.getValue().getAsJsonObject();
                    peers.put(p.getKey(), new Stats(o.get("median_us").getAsDouble(), o.get("min_us").getAsDouble(),
                            o.get("p90_us").getAsDouble(), Double.NaN, o.get("samples").getAsLong()));
                }
                map.put(c.getKey(), peers);
            }
            NetsReport.pythonInfo = root.has("info") ? root.get("info").getAsString() : "";
        } catch (IOException | RuntimeException e) {
            out.println("nets-bench: could not read " + file + " (" + e + "); PyTorch/numpy columns left empty");
        }
        return map;
    }
}
