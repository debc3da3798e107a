package dev.arcadia.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.arcadia.bench.NetsBench.Row;
import dev.arcadia.bench.NetsBench.Stats;
import dev.arcadia.nets.kernels.Nd4jSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Formats the table and the acceptance lines. */
final class NetsReport {

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

    NetsReport(Map<String, Stats> jmh, Map<String, Map<String, Stats>> python, String cases) {
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
        for (Row r : NetsBench.ROWS) {
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
                + " equals Arcadia GFLOP/s / peer GFLOP/s. Heap B/op: JMH's GC profiler; for calls of"
                + " milliseconds\nit is mostly JMH's own bookkeeping spread over few calls (Arcadia's own, measured"
                + " per thread, is printed with the checks).");
    }

    void table(PrintStream out) {
        String fmt = "%-46s %-31s %11s %23s %10s %9s %7s%n";
        out.println();
        out.printf(fmt, "case", "peer", "median", "best / p90", "heap B/op", "speed-up", "(best)");
        out.println("-".repeat(143));
        for (Map.Entry<String, String> c : NetsBench.CASES.entrySet()) {
            if (!cases.contains(c.getKey())) {
                continue;
            }
            boolean gemm = c.getKey().equals("c");
            Stats base = null;
            boolean first = true;
            for (Row r : NetsBench.ROWS) {
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
        for (Row r : NetsBench.ROWS) {
            Stats s = stats(r);
            if (s == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("case", r.caseId());
            m.put("description", NetsBench.CASES.get(r.caseId()));
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
