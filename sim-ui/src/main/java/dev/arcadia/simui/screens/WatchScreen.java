package dev.arcadia.simui.screens;

import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
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
 * bars, and, when the observations are the cells of a grid frame (a tabular grid world such as FrozenLake), a value
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
            names.addAll(KeyMap.forSpace(session.env().actionSpace()).names());
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
        if (!session.hasQValues()) {
            l.add("(the agent reports no Q-values)");
        } else {
            l.add("Q-values of this state:");
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
            paintValues(canvas, g, grid, session.stateValues());
            canvas.painter().grid().paintAgent(canvas, g, grid);
        } else {
            canvas.painter().paint(canvas, frame, layout.frame());
        }
        double[] q = session.currentQ();
        if (q != null) {
            Rect p = layout.panel();
            paintBars(canvas, new Rect(p.x() + 10, Math.max(p.y() + 10, panelTextBottom - 24 * q.length - 6),
                    p.w() - 20, 24 * q.length), q);
        }
    }

    /** Heat-map of {@code max_a Q} per cell and greedy arrows (for four actions). */
    public static void paintValues(Canvas canvas, GridFrame g, GridLayout grid, double[][] q) {
        double[] v = values(q);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        for (int s = 0; s < v.length; s++) {
            int r = s / g.cols();
            int c = s % g.cols();
            Rect cell = grid.cell(r, c);
            canvas.fillRect(cell.inset(1), Palette.heat(hi > lo ? (v[s] - lo) / (hi - lo) : 0), HEAT_ALPHA);
        }
        if (q.length > 0 && q[0].length == 4) {
            for (int s = 0; s < q.length; s++) {
                int a = greedy(q[s]);
                if (a >= 0) {
                    arrow(canvas, grid.cell(s / g.cols(), s % g.cols()), a);
                }
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

    private static void arrow(Canvas canvas, Rect cell, int a) {
        int[] d = direction(a);
        float cx = cell.centerX();
        float cy = cell.centerY();
        float len = cell.w() * 0.36f;
        float width = Math.max(2f, cell.w() * 0.06f);
        float tipX = cx + d[0] * len;
        float tipY = cy + d[1] * len;
        float baseX = cx - d[0] * len * 0.2f;
        float baseY = cy - d[1] * len * 0.2f;
        canvas.line(baseX, baseY, cx + d[0] * len * 0.6f, cy + d[1] * len * 0.6f, width, Palette.ARROW);
        float head = cell.w() * 0.14f;
        float backX = tipX - d[0] * head * 1.6f;
        float backY = tipY - d[1] * head * 1.6f;
        ShapeRenderer s = canvas.filled(Palette.ARROW, 1f);
        s.triangle(tipX, tipY, backX - d[1] * head, backY + d[0] * head, backX + d[1] * head, backY - d[0] * head);
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
