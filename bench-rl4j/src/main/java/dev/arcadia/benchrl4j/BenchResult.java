package dev.arcadia.benchrl4j;

import java.util.Locale;

/**
 * What one implementation measured in one setting: environment steps in the timed window (after warm-up), the
 * wall-clock seconds they took including learning, the CPU seconds of the thread that ran them (every
 * implementation runs single-threaded on its main thread, so this is what the wall time would be on an idle
 * machine; it does not count JVM compiler and GC threads), and the mean return of the episodes that ended in the
 * window (a sanity check that every implementation is learning, not a score). One line {@code RESULT impl setting
 * steps seconds cpuSeconds meanReturn episodes} travels from a child process to the table.
 */
public record BenchResult(String implementation, int setting, long steps, double seconds, double cpuSeconds,
                          double meanReturn, int episodes) {

    public static final String PREFIX = "RESULT ";

    public double stepsPerSecond() {
        return steps / seconds;
    }

    /** Steps per CPU second of the stepping thread. */
    public double stepsPerCpuSecond() {
        return steps / cpuSeconds;
    }

    public String line() {
        return String.format(Locale.ROOT, "%s%s %d %d %.6f %.6f %.3f %d", PREFIX, implementation, setting, steps, seconds,
                cpuSeconds, meanReturn, episodes);
    }

    /** Parses {@link #line()}; null when the line is not a result line. */
    public static BenchResult parse(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return null;
        }
        String[] f = line.substring(PREFIX.length()).trim().split("\\s+");
        if (f.length != 7) {
            throw new IllegalArgumentException("result line: expected 7 fields, got " + line);
        }
        return new BenchResult(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4]), Double.parseDouble(f[5]), Integer.parseInt(f[6]));
    }
}
