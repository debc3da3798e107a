package dev.arcadia.simui.screens;

import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import dev.arcadia.agents.PolicyDistribution;
import dev.arcadia.env.render.Frame;
import dev.arcadia.env.render.GridFrame;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.simui.Viewer;
import dev.arcadia.simui.model.KeyMap;
import dev.arcadia.simui.model.WatchSession;
import dev.arcadia.simui.paint.Canvas;
import dev.arcadia.simui.paint.FramePainter;
import dev.arcadia.simui.paint.GridLayout;
import dev.arcadia.simui.paint.Layout;
import dev.arcadia.simui.paint.Palette;
import dev.arcadia.simui.paint.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches an agent play ({@link WatchSession}): pause, single step, speed 1x-60x, the Q-values of the current state as
 * bars (or, for a policy-gradient agent, its action probabilities or Gaussian, see {@link PolicyOverlay}), and, when the observations are the cells of a grid frame (a tabular grid world such as FrozenLake), a value
 * heat-map ({@code max_a Q(s, a)} per cell) and the greedy action of each cell as an arrow. Arrows follow the
 * {@code Discrete(4)} key map's order (left, down, right, up); the decision rests on the spaces and the frame, not on
 * the environment's name.
 */
public final class WatchScreen extends ViewerScreen {

    /** Opacity of the heat-map over the tiles. */
    public static final float HEAT_ALPHA = 0.6f;

    private final WatchSession session;
    private final String label;
    private final List<String> actionNames;
    private boolean overlay = true;

    public WatchScreen(Viewer viewer, WatchSession session, String label) {
        super(viewer);
        this.session = session;
        this.label = label;
        List<String> names = new ArrayList<>();
        try {
            names.addAll(KeyMap.forEnv(session.env()).names());
        } catch (IllegalArgumentException e) {
            for (int a = 0; a < session.actions(); a++) {
                names.add("Action " + a);
            }
        }
        this.actionNames = names;
    }

    public WatchSession session() {
        return session;
    }

    public boolean overlay() {
        return overlay;
    }

    @Override
    public String title() {
        return "Watch " + label;
    }

    @Override
    public String help() {
        return "Space pause  N/-> single step  +/- speed  V overlay  Esc back";
    }

    @Override
    public List<String> panelLines() {
        List<String> l = new ArrayList<>();
        l.add("Environment: " + session.env().spec().map(s -> s.id()).orElse(String.valueOf(session.env())));
        l.add("Episode " + session.episode() + ", step " + session.steps());
        l.add("Return: " + num(session.episodeReturn()));
        List<Double> r = session.returns();
        if (!r.isEmpty()) {
            l.add("Finished: " + r.size() + ", mean " + num(r.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        }
        l.add("Speed " + session.speed() + "x (" + num(session.stepsPerSecond()) + " steps/s)"
                + (session.paused() ? ", paused" : ""));
        String caption = FramePainter.caption(session.frame());
        if (session.lastAction() != null) {
            l.add("Last action: " + session.lastAction() + (caption.isEmpty() ? "" : " (" + caption + ")"));
        }
        if (session.episodeDone()) {
            l.add("Episode over");
        }
        if (session.hasQValues()) {
            l.add("Q-values of this state:");
        } else if (session.hasDistribution()) {
            l.add(session.actions() > 0 ? "Action probabilities of this state:"
                    : "Gaussian policy of this state (band: mean +/- std):");
        } else {
            l.add("(the agent reports no Q-values or action probabilities)");
        }
        return l;
    }

    @Override
    public void update(float delta) {
        session.update(delta);
    }

    @Override
    protected boolean onKeyDown(int keycode) {
        switch (keycode) {
            case Keys.SPACE, Keys.P -> session.togglePause();
            case Keys.N, Keys.RIGHT -> {
                if (!session.paused()) {
                    session.togglePause();
                }
                session.stepOnce();
            }
            case Keys.PLUS, Keys.EQUALS, Keys.UP -> session.faster();
            case Keys.MINUS, Keys.DOWN -> session.slower();
            case Keys.V -> overlay = !overlay;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Whether the value map applies: observations are exactly the cells of the grid frame. */
    public static boolean gridOverlay(WatchSession s, Frame frame) {
        return frame instanceof GridFrame g && s.hasQValues()
                && (Object) s.env().observationSpace() instanceof Discrete obs && obs.n() == g.rows() * g.cols();
    }

    @Override
    protected void drawContent(Canvas canvas, Layout layout, float panelTextBottom) {
        Frame frame = session.frame();
        if (overlay && gridOverlay(session, frame)) {
            GridFrame g = (GridFrame) frame;
            GridLayout grid = canvas.painter().grid().paintTiles(canvas, g, layout.frame());
            double[][] q = session.stateValues();
            paintHeat(canvas, g, grid, q);
            canvas.painter().grid().paintAgent(canvas, g, grid);
            paintArrows(canvas, g, grid, q);
        } else {
            canvas.painter().paint(canvas, frame, layout.frame());
        }
        double[] q = session.currentQ();
        Rect p = layout.panel();
        if (q != null) {
            paintBars(canvas, new Rect(p.x() + 10, Math.max(p.y() + 10, panelTextBottom - 24 * q.length - 6),
                    p.w() - 20, 24 * q.length), q);
        } else if (session.hasDistribution()) {
            PolicyDistribution.Distribution d = session.currentDistribution();
            float h = PolicyOverlay.height(d);
            PolicyOverlay.paint(canvas, new Rect(p.x() + 10, Math.max(p.y() + 10, panelTextBottom - h - 6), p.w() - 20, h),
                    d, session.env().actionSpace(), actionNames);
        }
    }

    /**
     * Heat-map of {@code max_a Q} per cell, scaled between the lowest and highest value of the shaded cells; cells whose
     * actions all have the same value (terminal or never visited) keep their tile colour.
     */
    public static void paintHeat(Canvas canvas, GridFrame g, GridLayout grid, double[][] q) {
        double[] range = heatRange(q);
        for (int s = 0; s < q.length; s++) {
            if (greedy(q[s]) < 0) {
                continue;
            }
            Rect cell = grid.cell(s / g.cols(), s % g.cols());
            canvas.fillRect(cell.inset(1), Palette.heat(heat(q[s], range)), HEAT_ALPHA);
        }
    }

    /** {lowest, highest} value over the states with a greedy action. */
    public static double[] heatRange(double[][] q) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] v = values(q);
        for (int s = 0; s < q.length; s++) {
            if (greedy(q[s]) >= 0) {
                lo = Math.min(lo, v[s]);
                hi = Math.max(hi, v[s]);
            }
        }
        return new double[] {lo, hi};
    }

    /** The heat of a state's Q-values in [0, 1] within {@code range}. */
    public static double heat(double[] q, double[] range) {
        double v = Double.NEGATIVE_INFINITY;
        for (double x : q) {
            v = Math.max(v, x);
        }
        return range[1] > range[0] ? (v - range[0]) / (range[1] - range[0]) : 0;
    }

    /** The greedy action of each cell as an arrow, for four actions (left, down, right, up). */
    public static void paintArrows(Canvas canvas, GridFrame g, GridLayout grid, double[][] q) {
        if (q.length == 0 || q[0].length != 4) {
            return;
        }
        for (int s = 0; s < q.length; s++) {
            int a = greedy(q[s]);
            if (a >= 0) {
                arrow(canvas, grid.cell(s / g.cols(), s % g.cols()), a);
            }
        }
    }

    /** {@code max_a Q(s, a)} for each state. */
    public static double[] values(double[][] q) {
        double[] v = new double[q.length];
        for (int s = 0; s < q.length; s++) {
            double m = Double.NEGATIVE_INFINITY;
            for (double x : q[s]) {
                m = Math.max(m, x);
            }
            v[s] = m;
        }
        return v;
    }

    /** The greedy action, or -1 when every action has the same value (an unvisited or terminal state). */
    public static int greedy(double[] q) {
        int best = 0;
        boolean allEqual = true;
        for (int a = 1; a < q.length; a++) {
            if (q[a] != q[0]) {
                allEqual = false;
            }
            if (q[a] > q[best]) {
                best = a;
            }
        }
        return allEqual ? -1 : best;
    }

    /** Unit direction (x right, y up) of action {@code a} in the left, down, right, up order. */
    public static int[] direction(int a) {
        return switch (a) {
            case 0 -> new int[] {-1, 0};
            case 1 -> new int[] {0, -1};
            case 2 -> new int[] {1, 0};
            default -> new int[] {0, 1};
        };
    }

    /** An arrow centred in the cell: a shaft from -0.3 to +0.12 cell and a head to +0.3 cell along the direction. */
    private static void arrow(Canvas canvas, Rect cell, int a) {
        int[] d = direction(a);
        float cx = cell.centerX();
        float cy = cell.centerY();
        float half = cell.w() * 0.3f;
        float width = Math.max(2f, cell.w() * 0.06f);
        float head = cell.w() * 0.18f;
        canvas.line(cx - d[0] * half, cy - d[1] * half, cx + d[0] * (half - head * 0.9f), cy + d[1] * (half - head * 0.9f),
                width, Palette.ARROW);
        float tipX = cx + d[0] * half;
        float tipY = cy + d[1] * half;
        float backX = tipX - d[0] * head;
        float backY = tipY - d[1] * head;
        float wing = head * 0.6f;
        ShapeRenderer s = canvas.filled(Palette.ARROW, 1f);
        s.triangle(tipX, tipY, backX - d[1] * wing, backY + d[0] * wing, backX + d[1] * wing, backY - d[0] * wing);
    }

    private void paintBars(Canvas canvas, Rect area, double[] q) {
        double lo = 0;
        double hi = 0;
        for (double x : q) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        double span = hi - lo == 0 ? 1 : hi - lo;
        int best = greedy(q);
        float rowH = area.h() / q.length;
        float labelW = 90;
        float barW = area.w() - labelW - 60;
        for (int a = 0; a < q.length; a++) {
            float top = area.top() - a * rowH;
            String name = a < actionNames.size() ? actionNames.get(a) : "Action " + a;
            canvas.text(name, area.x(), top - 4, a == best ? Palette.GOOD : Palette.TEXT);
            float zero = area.x() + labelW + (float) ((0 - lo) / span * barW);
            float end = area.x() + labelW + (float) ((q[a] - lo) / span * barW);
            canvas.fillRect(new Rect(Math.min(zero, end), top - rowH + 6, Math.max(1, Math.abs(end - zero)), rowH - 10),
                    a == best ? Palette.GOOD : Palette.ACCENT, 1f);
            canvas.text(String.format("%.3f", q[a]), area.right() - 55, top - 4, Palette.DIM_TEXT);
        }
    }

    @Override
    public void dispose() {
        session.env().close();
    }
}
