package dev.arcadia.benchrl4j;

import java.util.Locale;

/**
 * What one implementation measured in one setting: environment steps in the timed window (after warm-up), the
 * seconds they took including learning, and the mean return of the episodes that ended in the window (a sanity
 * check that every implementation is learning, not a score). One line {@code RESULT impl setting steps seconds
 * meanReturn episodes} travels from a child process to the table.
 */
public record BenchResult(String implementation, int setting, long steps, double seconds, double meanReturn,
                          int episodes) {

    public static final String PREFIX = "RESULT ";

    public double stepsPerSecond() {
        return steps / seconds;
    }

    public String line() {
        return String.format(Locale.ROOT, "%s%s %d %d %.6f %.3f %d", PREFIX, implementation, setting, steps, seconds,
                meanReturn, episodes);
    }

    /** Parses {@link #line()}; null when the line is not a result line. */
    public static BenchResult parse(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return null;
        }
        String[] f = line.substring(PREFIX.length()).trim().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("result line: expected 6 fields, got " + line);
        }
        return new BenchResult(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4]), Integer.parseInt(f[5]));
    }
}
