package dev.arcadia.simui.screens;

import dev.arcadia.agents.PolicyDistribution;
import dev.arcadia.env.space.Box;
import dev.arcadia.simui.paint.Canvas;
import dev.arcadia.simui.paint.Palette;
import dev.arcadia.simui.paint.Rect;
import java.util.List;

/**
 * Draws a policy's action distribution in the side panel: for {@code Discrete} actions one bar per action, as long
 * as its probability (the most probable action, the one taken greedily, in the "good" colour); for {@code Box}
 * actions one axis per dimension spanning the action space, with the band mean ± std and a tick at the mean (the
 * greedy action before clipping). The geometry is static arithmetic so the rendering tests can find the pixels.
 */
public final class PolicyOverlay {

    /** Height of one action's row of probability bars. */
    public static final float BAR_ROW = 24;
    /** Height of one dimension's row of the Gaussian overlay. */
    public static final float GAUSSIAN_ROW = 58;
    /** Width of the action names left of the bars. */
    public static final float LABEL_WIDTH = 90;
    /** Width of the numbers right of the bars. */
    public static final float NUMBER_WIDTH = 60;

    private PolicyOverlay() {
    }

    /** The height the overlay of {@code d} takes. */
    public static float height(PolicyDistribution.Distribution d) {
        if (d instanceof PolicyDistribution.Categorical c) {
            return BAR_ROW * c.probabilities().length;
        }
        return GAUSSIAN_ROW * ((PolicyDistribution.Gaussian) d).mean().length;
    }

    /** Draws {@code d} into {@code area} (as tall as {@link #height}); {@code actions} gives Box bounds. */
    public static void paint(Canvas canvas, Rect area, PolicyDistribution.Distribution d, Object actions,
                             List<String> names) {
        if (d instanceof PolicyDistribution.Categorical c) {
            paintProbabilities(canvas, area, c.probabilities(), names);
        } else {
            paintGaussian(canvas, area, (PolicyDistribution.Gaussian) d, actions instanceof Box b ? b : null, names);
        }
    }

    /** The full-length track behind action {@code a}'s bar (probability 1 fills it). */
    public static Rect track(Rect area, int rows, int a) {
        float rowH = area.h() / rows;
        float top = area.top() - a * rowH;
        return new Rect(area.x() + LABEL_WIDTH, top - rowH + 6, area.w() - LABEL_WIDTH - NUMBER_WIDTH, rowH - 10);
    }

    /** The most probable action (the first on ties). */
    public static int mostProbable(double[] p) {
        int best = 0;
        for (int a = 1; a < p.length; a++) {
            if (p[a] > p[best]) {
                best = a;
            }
        }
        return best;
    }

    private static void paintProbabilities(Canvas canvas, Rect area, double[] p, List<String> names) {
        int best = mostProbable(p);
        for (int a = 0; a < p.length; a++) {
            Rect t = track(area, p.length, a);
            float top = area.top() - a * area.h() / p.length;
            canvas.text(name(names, a, "Action " + a), area.x(), top - 4, a == best ? Palette.GOOD : Palette.TEXT);
            canvas.fillRect(t, Palette.GRID_LINE, 1f);
            float w = (float) (Math.max(0, Math.min(1, p[a])) * t.w());
            if (w >= 1) {
                canvas.fillRect(new Rect(t.x(), t.y(), w, t.h()), a == best ? Palette.GOOD : Palette.ACCENT, 1f);
            }
            canvas.text(String.format("%.3f", p[a]), area.right() - NUMBER_WIDTH + 5, top - 4, Palette.DIM_TEXT);
        }
    }

    /** The axis of dimension {@code j} of a Gaussian overlay: its left end is the space's low bound, its right the high. */
    public static Rect axis(Rect area, int j) {
        float top = area.top() - j * GAUSSIAN_ROW;
        return new Rect(area.x(), top - 40, area.w(), 14);
    }

    /**
     * {low, high} of the axis of dimension {@code j}: the action space's bounds, or mean ± 3 std where a bound is
     * infinite (or no Box is known).
     */
    public static double[] range(PolicyDistribution.Gaussian g, Box actions, int j) {
        double lo = actions == null ? Double.NEGATIVE_INFINITY : actions.low()[j];
        double hi = actions == null ? Double.POSITIVE_INFINITY : actions.high()[j];
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi <= lo) {
            double half = 3 * Math.max(g.std()[j], 1e-6);
            lo = g.mean()[j] - half;
            hi = g.mean()[j] + half;
        }
        return new double[] {lo, hi};
    }

    /** Canvas x of action value {@code v} on an axis over {@code range}, clamped to the axis. */
    public static float x(Rect axis, double[] range, double v) {
        double u = (v - range[0]) / (range[1] - range[0]);
        return (float) (axis.x() + Math.max(0, Math.min(1, u)) * axis.w());
    }

    private static void paintGaussian(Canvas canvas, Rect area, PolicyDistribution.Gaussian g, Box actions,
                                      List<String> names) {
        for (int j = 0; j < g.mean().length; j++) {
            double mean = g.mean()[j];
            double std = g.std()[j];
            Rect axis = axis(area, j);
            double[] r = range(g, actions, j);
            float top = area.top() - j * GAUSSIAN_ROW;
            canvas.text(name(names, j, "a[" + j + "]") + String.format(": mean %.3f, std %.3f", mean, std), area.x(),
                    top - 4, Palette.TEXT);
            canvas.fillRect(axis, Palette.GRID_LINE, 1f);
            float from = x(axis, r, mean - std);
            float to = x(axis, r, mean + std);
            if (to - from >= 1) {
                canvas.fillRect(new Rect(from, axis.y(), to - from, axis.h()), Palette.ACCENT, 1f);
            }
            float m = x(axis, r, mean);
            canvas.fillRect(new Rect(m - 1.5f, axis.y() - 3, 3, axis.h() + 6), Palette.GOOD, 1f);
            String lo = String.format("%.3g", r[0]);
            String hi = String.format("%.3g", r[1]);
            canvas.text(lo, axis.x(), axis.y() - 3, Palette.DIM_TEXT);
            canvas.text(hi, axis.right() - canvas.textWidth(hi), axis.y() - 3, Palette.DIM_TEXT);
        }
    }

    private static String name(List<String> names, int i, String fallback) {
        return names != null && i < names.size() ? names.get(i) : fallback;
    }
}
