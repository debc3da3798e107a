package dev.arcadia.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
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
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * The neural-core benchmark: checks that the peers compute the same numbers, then, case by case, runs the JMH
 * benchmarks (one fork per benchmark, so no peer's JIT profile pollutes another's) and right after them the PyTorch
 * and numpy peers of the same case ({@code bench/python/nets_torch.py}), and prints one table of per-call medians
 * and ratios plus the acceptance targets. Run it with {@code bench/run-nets-bench.sh}.
 *
 * <p>Options: {@code --python EXE} and {@code --python-script FILE} (the Python peers; none without the script),
 * {@code --python-coretype VALUE} (OPENBLAS_CORETYPE for Python's OpenBLAS; unset by default), {@code --quick},
 * {@code --verbose} (JMH's own output), {@code --skip-checks}, {@code --cases abcd}, {@code --out DIR}.
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
                case "--out" -> set.outDir = Path.of(args[++i]);
                default -> {
                    System.err.println("nets-bench: unknown argument " + args[i] + "; accepted: --python EXE, "
                            + "--python-script FILE, --python-coretype VALUE, --quick, --verbose, --skip-checks, "
                            + "--cases abcd, --out DIR");
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
        Report.loadBefore = Report.loadAverage();
        // Case by case, the Python peers right after the JMH benchmarks of the same case, so that both sides of a
        // ratio are measured close together in time on this shared machine.
        Map<String, Stats> stats = new LinkedHashMap<>();
        Map<String, Map<String, Stats>> python = new LinkedHashMap<>();
        for (String c : CASES.keySet()) {
            if (!set.cases.contains(c)) {
                continue;
            }
            out.printf("%n(%s) %s%n", c, CASES.get(c));
            stats.putAll(runJmh(c, set, out));
            if (set.pythonScript != null) {
                python.putAll(runPython(c, set, out));
            }
        }
        Report report = new Report(stats, python, set.cases);
        out.println();
        report.header(out, set.pythonScript != null);
        report.table(out);
        report.acceptance(out);
        Path json = set.outDir.resolve("nets-bench.json");
        Files.writeString(json, report.json(), StandardCharsets.UTF_8);
        out.println("\nJSON: " + json + " (JMH's own: " + set.outDir.resolve("jmh-<case>.json") + ")");
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
        Path outDir = Path.of("bench", "target", "nets-bench");
    }

    private static Map<String, Stats> runJmh(String caseId, Settings set, PrintStream out) throws RunnerException {
        List<String> includes = new ArrayList<>();
        for (Row r : ROWS) {
            if (r.benchmark() != null && r.caseId().equals(caseId)) {
                includes.add(r.benchmark());
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
                .result(set.outDir.resolve("jmh-" + caseId + ".json").toString())
                .verbosity(set.verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
        for (String b : includes) {
            opt.include("^" + b.replace(".", "\\.") + "$");
        }
        out.printf("  JMH: %d benchmarks, one fork each, %d warm-up + %d measured iterations of %s ...%n",
                includes.size(), warmups, measured, set.quick ? "0.5 s" : "1 s");
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
            Report.pythonInfo = root.has("info") ? root.get("info").getAsString() : "";
        } catch (IOException | RuntimeException e) {
            out.println("nets-bench: could not read " + file + " (" + e + "); PyTorch/numpy columns left empty");
        }
        return map;
    }

    /** Formats the table and the acceptance lines. */
    static final class Report {

        static String pythonInfo = "";
        static String loadBefore = loadAverage();

        /** The 1-minute load average (other processes on the machine skew every timing), or "?". */
        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (IOException | RuntimeException e) {
                return "?";
            }
        }

        private final Map<String, Stats> jmh;
        private final Map<String, Map<String, Stats>> python;
        private final String cases;

        Report(Map<String, Stats> jmh, Map<String, Map<String, Stats>> python, String cases) {
            this.jmh = jmh;
            this.python = python;
            this.cases = cases;
        }

        Stats stats(Row r) {
            if (r.benchmark() != null) {
                return jmh.get(r.benchmark());
            }
            return python.getOrDefault(r.caseId(), Map.of()).get(r.peer());
        }

        Stats find(String caseId, String peerPrefix) {
            for (Row r : ROWS) {
                if (r.caseId().equals(caseId) && r.peer().startsWith(peerPrefix)) {
                    return stats(r);
                }
            }
            return null;
        }

        void header(PrintStream out, boolean pythonRun) {
            out.println("Neural-core benchmark (" + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                    + " CPUs; OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE") + ", OMP_NUM_THREADS="
                    + System.getenv("OMP_NUM_THREADS") + ", ND4J threads " + Nd4jSetup.blasThreads()
                    + ", ND4J OpenBLAS core " + Nd4jSetup.openBlasCoreName() + ")");
            out.println("Python peers: " + (pythonRun ? pythonInfo : "not run"));
            out.println("Load average (1 min) before and after the timings: " + loadBefore + " / " + loadAverage()
                    + " on " + Runtime.getRuntime().availableProcessors() + " CPUs");
            out.println("Times are per-call medians (JMH SampleTime, one fork per benchmark; Python: every call timed),"
                    + " because this machine's cores are shared and noisy; 'best' is the fastest call, p90 the 90th"
                    + " percentile.\nSpeed-up = peer time / Arcadia time at the median (and best vs best); for GEMM it"
                    + " equals Arcadia GFLOP/s / peer GFLOP/s.");
        }

        void table(PrintStream out) {
            String fmt = "%-46s %-31s %11s %23s %10s %9s %7s%n";
            out.println();
            out.printf(fmt, "case", "peer", "median", "best / p90", "heap B/op", "speed-up", "(best)");
            out.println("-".repeat(143));
            for (Map.Entry<String, String> c : CASES.entrySet()) {
                if (!cases.contains(c.getKey())) {
                    continue;
                }
                boolean gemm = c.getKey().equals("c");
                Stats base = null;
                boolean first = true;
                for (Row r : ROWS) {
                    if (!r.caseId().equals(c.getKey())) {
                        continue;
                    }
                    Stats s = stats(r);
                    if (first) {
                        base = s;
                    }
                    String label = first ? "(" + c.getKey() + ") " + c.getValue() : "";
                    first = false;
                    if (s == null) {
                        out.printf(fmt, label, r.peer(), "-", "not measured", "", "", "");
                        continue;
                    }
                    String median = gemm ? String.format(Locale.ROOT, "%.1f GF/s", gflops(s.median()))
                            : time(s.median());
                    String range = gemm ? String.format(Locale.ROOT, "%.1f / %.1f", gflops(s.min()), gflops(s.p90()))
                            : time(s.min()) + " / " + time(s.p90());
                    String alloc = Double.isNaN(s.allocBytes()) ? "" : String.format(Locale.ROOT, "%.0f", s.allocBytes());
                    boolean peer = s != base && base != null;
                    String ratio = peer ? String.format(Locale.ROOT, "%.2fx", s.median() / base.median()) : "";
                    String best = peer ? String.format(Locale.ROOT, "%.2fx", s.min() / base.min()) : "";
                    out.printf(fmt, label, r.peer(), median, range, alloc, ratio, best);
                }
                out.println();
            }
        }

        static double gflops(double micros) {
            return GemmBench.FLOPS / (micros * 1e-6) / 1e9;
        }

        static String time(double micros) {
            if (micros >= 10_000) {
                return String.format(Locale.ROOT, "%.1f ms", micros / 1000);
            }
            if (micros >= 100) {
                return String.format(Locale.ROOT, "%.0f us", micros);
            }
            return String.format(Locale.ROOT, "%.2f us", micros);
        }

        /** The acceptance targets, judged on medians: PASS / MISS / n/a (peer not measured). */
        void acceptance(PrintStream out) {
            out.println("Acceptance targets (issue 3), judged on the medians (best vs best in brackets):");
            if (cases.contains("a")) {
                Stats a = find("a", "Arcadia");
                line(out, "(a) Arcadia forward <= 5 us", a == null ? null : a.median() <= 5,
                        a == null ? "" : time(a.median()) + " (best " + time(a.min()) + ")");
                speedup(out, "(a) >= 20x faster than ND4J INDArray ops", a, find("a", "ND4J"), 20);
                speedup(out, "(a) >= 9x faster than PyTorch", a, find("a", "PyTorch"), 9);
            }
            if (cases.contains("b")) {
                Stats b = find("b", "Arcadia");
                speedup(out, "(b) >= 3x faster than DL4J fit", b, find("b", "DL4J"), 3);
                speedup(out, "(b) >= 3x faster than PyTorch's step", b, find("b", "PyTorch"), 3);
            }
            if (cases.contains("c")) {
                Stats c = find("c", "Arcadia Gemm");
                Stats np = find("c", "numpy");
                Stats pt = find("c", "PyTorch");
                Stats ceiling = np == null ? pt : pt == null ? np : np.median() < pt.median() ? np : pt;
                Stats bestCeiling = np == null ? pt : pt == null ? np : np.min() < pt.min() ? np : pt;
                Boolean ok = c == null || ceiling == null ? null : ceiling.median() / c.median() >= 0.7;
                String detail = c == null || ceiling == null ? "" : String.format(Locale.ROOT,
                        "%.1f of %.1f GFLOP/s = %.2fx (best %.1f of %.1f = %.2fx)", gflops(c.median()),
                        gflops(ceiling.median()), ceiling.median() / c.median(), gflops(c.min()),
                        gflops(bestCeiling.min()), bestCeiling.min() / c.min());
                line(out, "(c) SGEMM >= 0.7x of the numpy/PyTorch ceiling", ok, detail);
            }
            if (cases.contains("d")) {
                Stats d = find("d", "Arcadia");
                within(out, "(d) within 1.5x of ND4J's convolution ops", d, find("d", "ND4J"));
                within(out, "(d) within 1.5x of DL4J's ConvolutionLayer", d, find("d", "DL4J"));
                within(out, "(d) within 1.5x of PyTorch's", d, find("d", "PyTorch"));
            }
        }

        private static void speedup(PrintStream out, String what, Stats arcadia, Stats peer, double target) {
            Boolean ok = arcadia == null || peer == null ? null : peer.median() / arcadia.median() >= target;
            line(out, what, ok, arcadia == null || peer == null ? "" : String.format(Locale.ROOT, "%.1fx (%.1fx)",
                    peer.median() / arcadia.median(), peer.min() / arcadia.min()));
        }

        private static void within(PrintStream out, String what, Stats arcadia, Stats peer) {
            Boolean ok = arcadia == null || peer == null ? null : arcadia.median() <= 1.5 * peer.median();
            line(out, what, ok, arcadia == null || peer == null ? "" : String.format(Locale.ROOT,
                    "Arcadia takes %.2fx the peer's time (%.2fx)", arcadia.median() / peer.median(),
                    arcadia.min() / peer.min()));
        }

        private static void line(PrintStream out, String what, Boolean ok, String detail) {
            out.printf("  %-50s %-5s %s%n", what, ok == null ? "n/a" : ok ? "PASS" : "MISS", detail);
        }

        String json() {
            Map<String, Object> root = new LinkedHashMap<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Row r : ROWS) {
                Stats s = stats(r);
                if (s == null) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("case", r.caseId());
                m.put("description", CASES.get(r.caseId()));
                m.put("peer", r.peer());
                m.put("median_us", s.median());
                m.put("min_us", s.min());
                m.put("p90_us", s.p90());
                m.put("calls_timed", s.samples());
                if (!Double.isNaN(s.allocBytes())) {
                    m.put("heap_bytes_per_op", s.allocBytes());
                }
                rows.add(m);
            }
            root.put("rows", rows);
            root.put("env", Arrays.asList("OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE"),
                    "OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS")));
            Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
            return gson.toJson(root);
        }
    }
}
