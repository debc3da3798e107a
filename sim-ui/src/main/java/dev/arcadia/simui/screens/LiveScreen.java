package dev.arcadia.simui.screens;

import com.badlogic.gdx.Input.Keys;
import com.google.gson.JsonObject;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.simui.Viewer;
import dev.arcadia.simui.model.LiveEpisodes;
import dev.arcadia.simui.model.MetricsTail;
import dev.arcadia.simui.model.RunCheckpoint;
import dev.arcadia.simui.model.WatchSession;
import dev.arcadia.simui.paint.Canvas;
import dev.arcadia.simui.paint.Layout;
import dev.arcadia.simui.paint.Palette;
import dev.arcadia.simui.paint.Rect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Follows a running (or finished) experiment through its run directory: polls {@code metrics.jsonl} twice a second
 * with {@link MetricsTail} (read-only; the experiment never waits for the viewer) and draws the learning curves, one
 * colour per seed: training return per logging window as lines, periodic greedy evaluations as dots. Under the
 * curves it plays the latest episodes: the newest checkpoint's agent, reloaded when a newer one appears
 * ({@link LiveEpisodes}), in the viewer's own copy of the environment.
 */
public final class LiveScreen extends ViewerScreen {

    /** Seconds between polls. */
    public static final double POLL_SECONDS = 0.5;

    private final Path runDir;
    private final MetricsTail tail;
    private final LiveEpisodes episodes;
    private ExperimentConfig config;
    private String configProblem;
    private String readProblem;
    private double sincePoll = Double.POSITIVE_INFINITY;

    public LiveScreen(Viewer viewer, Path runDir) {
        super(viewer);
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException(runDir + " is not a directory (expected an Arcadia run directory)");
        }
        this.runDir = runDir;
        this.tail = new MetricsTail(runDir.resolve("metrics.jsonl"));
        this.episodes = new LiveEpisodes(runDir);
        loadConfig();
    }

    private void loadConfig() {
        try {
            config = RunCheckpoint.readConfig(runDir);
            configProblem = null;
        } catch (IllegalArgumentException e) {
            configProblem = e.getMessage();
        }
    }

    public MetricsTail tail() {
        return tail;
    }

    /** The latest episodes, played by the newest checkpoint. */
    public LiveEpisodes episodes() {
        return episodes;
    }

    /** Polls now. */
    public void poll() {
        try {
            tail.poll();
            readProblem = null;
        } catch (IOException e) {
            readProblem = "cannot read " + tail.file() + ": " + e.getMessage();
        }
        if (config == null) {
            loadConfig();
        }
        episodes.poll();
        sincePoll = 0;
    }

    @Override
    public void update(float delta) {
        sincePoll += delta;
        if (sincePoll >= POLL_SECONDS) {
            poll();
        }
        episodes.update(delta);
    }

    @Override
    public String title() {
        return "Live " + runDir.getFileName();
    }

    @Override
    public String help() {
        return "R read again from the start  +/- episode speed  Esc back";
    }

    @Override
    protected boolean onKeyDown(int keycode) {
        switch (keycode) {
            case Keys.R -> {
                tail.restart();
                poll();
            }
            case Keys.PLUS, Keys.EQUALS, Keys.UP -> episodes.faster();
            case Keys.MINUS, Keys.DOWN -> episodes.slower();
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Whether the run has written its summary (it has finished). */
    public boolean finished() {
        return Files.isRegularFile(runDir.resolve("summary.json"));
    }

    @Override
    public List<String> panelLines() {
        List<String> l = new ArrayList<>();
        if (config != null) {
            l.add("Run: " + config.name);
            l.add("Environment: " + config.env.id);
            l.add("Agent: " + (config.agent.has("type") ? config.agent.get("type").getAsString() : "?"));
            l.add("Seeds: " + config.seeds);
        } else if (configProblem != null) {
            l.add("! " + configProblem);
        }
        if (!tail.exists()) {
            l.add("Waiting for metrics.jsonl ...");
        }
        l.add("Records: " + tail.records() + (finished() ? " (run finished)" : ""));
        for (Map.Entry<Integer, MetricsTail.Series> e : tail.seeds().entrySet()) {
            JsonObject last = e.getValue().last;
            StringBuilder sb = new StringBuilder("Seed " + e.getKey() + ": ");
            if (e.getValue().fin != null && e.getValue().fin.has("greedySampled")) {
                sb.append("final greedy ").append(num(e.getValue().fin.get("greedySampled").getAsDouble()));
            } else if (last != null) {
                if (last.has("episode")) {
                    sb.append("episode ").append(last.get("episode").getAsLong()).append(", ");
                }
                if (last.has("steps")) {
                    sb.append("step ").append(last.get("steps").getAsLong());
                }
                List<double[]> tr = e.getValue().training;
                if (!tr.isEmpty()) {
                    sb.append(", return ").append(num(tr.get(tr.size() - 1)[1]));
                }
            }
            l.add(sb.toString());
        }
        if (tail.skipped() > 0) {
            l.add("! " + tail.skipped() + " line(s) skipped; " + tail.lastProblem());
        }
        if (readProblem != null) {
            l.add("! " + readProblem);
        }
        WatchSession w = episodes.session();
        if (w != null) {
            RunCheckpoint c = episodes.checkpoint();
            l.add("Latest episodes: seed " + c.seedIndex() + ", checkpoint at " + c.label());
            StringBuilder sb = new StringBuilder("Episode " + w.episode() + ", step " + w.steps() + ", return "
                    + num(w.episodeReturn()) + " (" + w.speed() + "x)");
            List<Double> r = w.returns();
            if (!r.isEmpty()) {
                sb.append("; last ").append(num(r.get(r.size() - 1)));
            }
            l.add(sb.toString());
        } else if (episodes.problem() == null) {
            l.add("Latest episodes: waiting for a checkpoint (\"train\": {\"checkpointEvery\": N})");
        }
        if (episodes.problem() != null) {
            l.add("! " + episodes.problem());
        }
        return l;
    }

    /** Where the curves go: the whole frame area, or its upper part while episodes play below. */
    public static Rect curveArea(Rect frame, boolean withEpisodes) {
        if (!withEpisodes) {
            return frame;
        }
        float h = frame.h() * 0.55f;
        return new Rect(frame.x(), frame.top() - h, frame.w(), h);
    }

    /** Where the latest episode is drawn: the lower part of the frame area, under a caption line. */
    public static Rect episodeArea(Rect frame) {
        return new Rect(frame.x(), frame.y(), frame.w(), frame.h() * 0.45f - 26);
    }

    /** The data ranges of all curves: {minX, maxX, minY, maxY}, or null when there is nothing to draw. */
    public static double[] ranges(Map<Integer, MetricsTail.Series> seeds) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (MetricsTail.Series s : seeds.values()) {
            for (List<double[]> pts : List.of(s.training, s.evaluations)) {
                for (double[] p : pts) {
                    minX = Math.min(minX, p[0]);
                    maxX = Math.max(maxX, p[0]);
                    minY = Math.min(minY, p[1]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
        }
        if (minX > maxX) {
            return null;
        }
        minX = Math.min(0, minX);
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            minY -= 0.5;
            maxY += 0.5;
        }
        double pad = (maxY - minY) * 0.05;
        return new double[] {minX, maxX, minY - pad, maxY + pad};
    }

    /** The plotting rectangle inside the frame area (room for axis labels). */
    public static Rect plotArea(Rect frame) {
        return new Rect(frame.x() + 60, frame.y() + 36, frame.w() - 76, frame.h() - 60);
    }

    @Override
    protected void drawContent(Canvas canvas, Layout layout, float panelTextBottom) {
        WatchSession w = episodes.session();
        if (w != null) {
            Rect e = episodeArea(layout.frame());
            canvas.text("Latest episodes, greedy, from the checkpoint at " + episodes.checkpoint().label() + " (seed "
                    + episodes.checkpoint().seedIndex() + ")", e.x() + 8, e.top() + 20, Palette.DIM_TEXT);
            canvas.painter().paint(canvas, w.frame(), e);
        }
        drawCurves(canvas, curveArea(layout.frame(), w != null));
    }

    private void drawCurves(Canvas canvas, Rect f) {
        Rect plot = plotArea(f);
        canvas.fillRect(plot, Palette.TEXT_FRAME_BACKGROUND, 1f);
        double[] r = ranges(tail.seeds());
        canvas.text("Return per logging window (lines) and greedy evaluations (dots) against steps", f.x() + 8,
                f.top() - 2, Palette.DIM_TEXT);
        if (r == null) {
            canvas.text("No metrics yet", plot.x() + 12, plot.top() - 12, Palette.DIM_TEXT);
            canvas.strokeRect(plot, Palette.GRID_LINE);
            return;
        }
        for (int i = 0; i <= 4; i++) {
            float y = plot.y() + plot.h() * i / 4;
            canvas.fillRect(plot.x(), y, plot.w(), 1, Palette.GRID_LINE);
            canvas.text(String.format("%.2f", r[2] + (r[3] - r[2]) * i / 4), f.x(), y + 7, Palette.DIM_TEXT);
            float x = plot.x() + plot.w() * i / 4;
            canvas.fillRect(x, plot.y(), 1, plot.h(), Palette.GRID_LINE);
            canvas.text(String.valueOf(Math.round(r[0] + (r[1] - r[0]) * i / 4)), x - 12, plot.y() - 6, Palette.DIM_TEXT);
        }
        for (Map.Entry<Integer, MetricsTail.Series> e : tail.seeds().entrySet()) {
            int colour = Palette.series(e.getKey());
            List<double[]> tr = e.getValue().training;
            for (int i = 1; i < tr.size(); i++) {
                canvas.line(px(plot, r, tr.get(i - 1)[0]), py(plot, r, tr.get(i - 1)[1]), px(plot, r, tr.get(i)[0]),
                        py(plot, r, tr.get(i)[1]), 2, colour);
            }
            if (tr.size() == 1) {
                canvas.fillRect(px(plot, r, tr.get(0)[0]) - 2, py(plot, r, tr.get(0)[1]) - 2, 5, 5, colour);
            }
            for (double[] p : e.getValue().evaluations) {
                canvas.filled(colour, 1f).circle(px(plot, r, p[0]), py(plot, r, p[1]), 3.5f, 12);
            }
        }
        canvas.strokeRect(plot, Palette.DIM_TEXT);
    }

    @Override
    public void dispose() {
        episodes.close();
    }

    /** Canvas x of data x. */
    public static float px(Rect plot, double[] r, double x) {
        return (float) (plot.x() + (x - r[0]) / (r[1] - r[0]) * plot.w());
    }

    /** Canvas y of data y. */
    public static float py(Rect plot, double[] r, double y) {
        return (float) (plot.y() + (y - r[2]) / (r[3] - r[2]) * plot.h());
    }
}
