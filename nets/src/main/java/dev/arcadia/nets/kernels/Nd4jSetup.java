package dev.arcadia.nets.kernels;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads ND4J on first use and applies Arcadia's settings to it: the thread count and the OpenBLAS core-type check.
 *
 * <h2>Threads: {@code -Darcadia.threads=N} (default 1)</h2>
 * Reinforcement learning runs many small products, often several JVMs or environments side by side, where
 * OpenMP/OpenBLAS threads only contend (on a loaded 2-core machine ND4J's default of 2 threads once made a run ten
 * times slower). So ND4J gets {@value #DEFAULT_THREADS} thread unless the system property {@value #THREADS_PROPERTY}
 * says otherwise; {@link #setThreads} changes it at run time. What controls what, measured on this project's
 * machine (ND4J 1.0.0-M2.1, 1024³ SGEMM):
 * <ul>
 *   <li>GEMM runs in the OpenBLAS that ND4J loads, built with pthreads (not OpenMP). Its thread count <em>can</em>
 *       be changed at run time: {@code Nd4j.factory().blas().setMaxThreads(n)} (which calls OpenBLAS's
 *       {@code blas_set_num_threads}) took 1024³ from about 100 GFLOP/s at 1 thread to about 195 at 2, and back.
 *       ND4J's own start-up value is {@code OMP_NUM_THREADS} when that is set, otherwise cores per socket.</li>
 *   <li>{@code Nd4j.getEnvironment().setMaxThreads / setMaxMasterThreads} are libnd4j's own limits (its element-wise
 *       ops and reductions); they did not change GEMM. They are set to the same count. (Their effect on element-wise
 *       ops could not be measured cleanly on the shared 2-core machine.)</li>
 *   <li>{@code OMP_NUM_THREADS} is read by ND4J when it starts (and by the OpenMP runtime of libnd4j when it loads),
 *       so it only acts from the environment before the JVM starts, and {@link #load()} then replaces ND4J's values
 *       with {@value #THREADS_PROPERTY} (default {@value #DEFAULT_THREADS}): set the property, not the variable.
 *       Code that uses ND4J before {@link #load()} runs gets ND4J's default (cores per socket) until then.</li>
 * </ul>
 *
 * <h2>OpenBLAS core type</h2>
 * ND4J M2.1 bundles OpenBLAS 0.3.19, which picks its kernels from the CPU model when it loads and does not know
 * some AVX-512 CPUs (the neural-core issue measured, on an AVX-512 CPU with AMX, 21-35 GFLOP/s for 1024³ SGEMM
 * with OpenBLAS's own choice and 144-157 with {@code OPENBLAS_CORETYPE=SKYLAKEX}). OpenBLAS reads
 * {@code OPENBLAS_CORETYPE} only when it loads, so it must be in the environment before the JVM starts. When it is
 * not set, the CPU has AVX-512 ({@code avx512f} in /proc/cpuinfo) and OpenBLAS chose a kernel without AVX-512
 * (its {@code openblas_get_corename}), one warning line says so. An AMD Zen 4 (AVX-512, detected as "Zen" with AVX2
 * kernels) gets no warning: there {@code SKYLAKEX} measured no faster (about 100 GFLOP/s per thread either way).
 * If the core name cannot be read, the warning falls back to "AVX-512 and the variable unset".
 */
public final class Nd4jSetup {

    /** The system property holding ND4J's thread count. */
    public static final String THREADS_PROPERTY = "arcadia.threads";
    /** The thread count when {@value #THREADS_PROPERTY} is not set. */
    public static final int DEFAULT_THREADS = 1;
    /** The environment variable OpenBLAS reads at load time to override its CPU detection. */
    public static final String CORETYPE_VARIABLE = "OPENBLAS_CORETYPE";

    private static final Object LOCK = new Object();
    private static volatile boolean loaded;
    private static volatile String failure;
    private static volatile String coreName;

    private Nd4jSetup() {
    }

    /**
     * The thread count from {@value #THREADS_PROPERTY}, or {@value #DEFAULT_THREADS} when it is not set.
     *
     * @throws IllegalArgumentException when the property is not a positive integer
     */
    public static int threads() {
        String s = System.getProperty(THREADS_PROPERTY);
        if (s == null || s.isBlank()) {
            return DEFAULT_THREADS;
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + "=" + s + ": expected a positive integer");
    }

    /**
     * Loads ND4J's CPU backend once (about two seconds) and applies {@link #threads()} and the core-type check.
     * Later calls return at once.
     *
     * @return true when ND4J is usable; false when it could not load here (see {@link #failure()})
     */
    public static boolean load() {
        if (loaded) {
            return true;
        }
        if (failure != null) {
            return false;
        }
        synchronized (LOCK) {
            if (loaded || failure != null) {
                return loaded;
            }
            int n = threads();
            try {
                Nd4j.getBackend();
                apply(n);
            } catch (Throwable t) {
                failure = t.toString();
                System.err.println("arcadia: warning: ND4J could not be loaded (" + failure
                        + "); every matrix product will use the plain-Java kernel");
                return false;
            }
            coreName = readCoreName();
            String warning = coreTypeWarning(System.getenv(CORETYPE_VARIABLE), hasAvx512(), coreName);
            if (warning != null) {
                System.err.println(warning);
            }
            loaded = true;
            return true;
        }
    }

    /** Why ND4J could not load, or null (also null before the first {@link #load()}). */
    public static String failure() {
        return failure;
    }

    /** Sets ND4J's thread count now (OpenBLAS and libnd4j); loads ND4J if needed. */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be positive: " + n);
        }
        if (!load()) {
            throw new IllegalStateException("ND4J is not available: " + failure);
        }
        apply(n);
    }

    private static void apply(int n) {
        Nd4j.factory().blas().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
    }

    /** OpenBLAS's current thread count (loads ND4J). */
    public static int blasThreads() {
        if (!load()) {
            throw new IllegalStateException("ND4J is not available: " + failure);
        }
        return Nd4j.factory().blas().getMaxThreads();
    }

    /**
     * The kernel family OpenBLAS chose when it loaded ({@code "Zen"}, {@code "SkylakeX"}, {@code "Haswell"},
     * {@code "Prescott"}, ...), or null when it cannot be read. Loads ND4J.
     */
    public static String openBlasCoreName() {
        return load() ? coreName : null;
    }

    /** Calls {@code openblas_get_corename} in the OpenBLAS library ND4J loaded (through JNA, which ND4J ships). */
    private static String readCoreName() {
        try {
            String path = null;
            for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
                String p = e.getValue();
                if (p != null && p.contains("libopenblas_nolapack.so")) {
                    path = p;
                }
            }
            if (path == null) {
                return null;
            }
            return NativeLibrary.getInstance(path).getFunction("openblas_get_corename").invokeString(new Object[0],
                    false);
        } catch (Throwable t) {
            return null;
        }
    }

    /** The CPU's model name from /proc/cpuinfo, or "unknown CPU" where it cannot be read (for benchmark headers). */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no access
        }
        return "unknown CPU";
    }

    /** Whether /proc/cpuinfo lists {@code avx512f} (false where it cannot be read). */
    public static boolean hasAvx512() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("flags")) {
                    return (" " + line + " ").contains(" avx512f ");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no access
        }
        return false;
    }

    /**
     * The warning line to print, or null: when {@code OPENBLAS_CORETYPE} is unset on an AVX-512 CPU and OpenBLAS
     * chose neither an AVX-512 kernel nor "Zen" (or its choice is unknown).
     */
    static String coreTypeWarning(String coretypeEnv, boolean avx512, String chosenCore) {
        if ((coretypeEnv != null && !coretypeEnv.isBlank()) || !avx512) {
            return null;
        }
        if (chosenCore != null && isModernCore(chosenCore)) {
            return null;
        }
        return "arcadia: warning: this CPU has AVX-512 but ND4J's OpenBLAS 0.3.19 chose the "
                + (chosenCore == null ? "(unknown)" : chosenCore)
                + " kernel, which makes large matrix products several times slower; start the JVM with "
                + CORETYPE_VARIABLE + "=SKYLAKEX in the environment (e.g. OPENBLAS_CORETYPE=SKYLAKEX java ...)";
    }

    /**
     * OpenBLAS kernel families that need no override on an AVX-512 CPU: its AVX-512 kernels, and "Zen" (AMD Zen 4
     * is detected as Zen, and SKYLAKEX measured no faster there).
     */
    private static boolean isModernCore(String core) {
        String c = core.trim().toLowerCase(Locale.ROOT);
        return c.equals("zen") || c.equals("skylakex") || c.equals("cooperlake") || c.equals("sapphirerapids");
    }
}
