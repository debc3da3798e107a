package dev.arcadia.experiments.run;

import java.io.PrintStream;

/**
 * Shows progress of long work: a redrawn bar on a terminal, plain periodic lines (every 10 %) otherwise, so logs of
 * CI runs and pipes stay readable. A quiet progress prints nothing.
 */
public final class Progress {

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final boolean quiet;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;

    public Progress(String label, long total, PrintStream out, boolean terminal, boolean quiet) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    /** A progress display on standard error, as a bar when it is a terminal. */
    public static Progress auto(String label, long total, boolean quiet) {
        return new Progress(label, total, System.err, System.console() != null, quiet);
    }

    /** Reports that {@code done} units of {@code total} are finished. */
    public void update(long done, String status) {
        if (quiet) {
            return;
        }
        double fraction = Math.min(1.0, done / (double) total);
        long now = System.nanoTime();
        double elapsed = (now - startNanos) / 1e9;
        String eta = fraction > 0 ? String.format("%.0fs", elapsed / fraction - elapsed) : "?";
        if (terminal) {
            if (now - lastDraw < 100_000_000L && done < total) {
                return;
            }
            lastDraw = now;
            int width = 30;
            int filled = (int) Math.round(fraction * width);
            out.printf("\r%s [%s%s] %3.0f%% %s eta %s   ", label, "#".repeat(filled), " ".repeat(width - filled),
                    fraction * 100, status, eta);
            if (done >= total) {
                out.println();
            }
            out.flush();
        } else {
            int decile = (int) Math.floor(fraction * 10);
            if (decile > lastDecile) {
                lastDecile = decile;
                out.printf("%s: %3.0f%% %s (%.1fs elapsed, eta %s)%n", label, fraction * 100, status, elapsed, eta);
                out.flush();
            }
        }
    }
}
