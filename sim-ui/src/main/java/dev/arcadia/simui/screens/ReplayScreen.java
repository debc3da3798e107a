package dev.arcadia.simui.screens;

import com.badlogic.gdx.Input.Keys;
import dev.arcadia.simui.Viewer;
import dev.arcadia.simui.model.EpisodeFile;
import dev.arcadia.simui.model.EpisodeFileException;
import dev.arcadia.simui.model.EpisodeRecord;
import dev.arcadia.simui.model.Replay;
import dev.arcadia.simui.paint.Canvas;
import dev.arcadia.simui.paint.FramePainter;
import dev.arcadia.simui.paint.Layout;
import dev.arcadia.simui.paint.Palette;
import dev.arcadia.simui.paint.Rect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a recorded episode file, scrubbing forward and back by re-simulation ({@link Replay}). A file that cannot
 * be replayed (missing, corrupt, partial, or re-simulating differently) shows the reason instead.
 */
public final class ReplayScreen extends ViewerScreen {

    /** Steps per second of automatic play. */
    public static final double PLAY_RATE = 5;

    private final Path file;
    private final Replay replay;
    private final String error;
    private boolean playing;
    private double clock;

    public ReplayScreen(Viewer viewer, Path file) {
        super(viewer);
        this.file = file;
        Replay r = null;
        String e = null;
        try {
            EpisodeRecord record = EpisodeFile.read(file);
            r = Replay.of(record, file.toString());
        } catch (EpisodeFileException ex) {
            e = ex.getMessage();
        } catch (RuntimeException ex) {
            e = file + ": " + Viewer.messageOf(ex);
        }
        this.replay = r;
        this.error = e;
    }

    /** The replay, or null if the file could not be replayed. */
    public Replay replay() {
        return replay;
    }

    /** Why the file cannot be replayed, or null. */
    public String error() {
        return error;
    }

    public boolean playing() {
        return playing;
    }

    @Override
    public String title() {
        return "Replay " + file.getFileName();
    }

    @Override
    public String help() {
        return error != null ? "Esc back"
                : "<-/-> step  PgUp/PgDn 10 steps  Home/End  Space play/pause  Esc back";
    }

    @Override
    public List<String> panelLines() {
        List<String> l = new ArrayList<>();
        l.add("File: " + file.getFileName());
        if (error != null) {
            l.add("! Cannot replay this file");
            return l;
        }
        EpisodeRecord r = replay.record();
        l.add("Environment: " + r.envId());
        if (!r.options().isEmpty()) {
            l.add("Options: " + r.options());
        }
        l.add("Seed: " + r.seed() + "  played by " + r.source());
        l.add("Step " + replay.position() + " / " + replay.length());
        l.add("Return so far: " + num(replay.returnSoFar()) + " (total " + num(r.totalReturn()) + ")");
        EpisodeRecord.StepRecord s = replay.lastStep();
        if (s != null) {
            String caption = FramePainter.caption(replay.frame());
            l.add("Action: " + s.action() + (caption.isEmpty() ? "" : " (" + caption + ")") + ", reward " + num(s.reward()));
            if (s.done()) {
                l.add(s.terminated() ? "Episode ended (terminated)" : "Episode ended (time limit)");
            }
        }
        l.add(playing ? "Playing" : "Paused");
        return l;
    }

    @Override
    public void update(float delta) {
        if (replay == null || !playing) {
            return;
        }
        clock += delta * PLAY_RATE;
        while (clock >= 1) {
            clock -= 1;
            if (replay.position() >= replay.length()) {
                playing = false;
                break;
            }
            replay.forward();
        }
    }

    @Override
    protected boolean onKeyDown(int keycode) {
        if (replay == null) {
            if (keycode == Keys.ENTER) {
                viewer.back();
                return true;
            }
            return false;
        }
        switch (keycode) {
            case Keys.RIGHT, Keys.D -> replay.forward();
            case Keys.LEFT, Keys.A -> replay.back();
            case Keys.PAGE_DOWN -> replay.seek(replay.position() + 10);
            case Keys.PAGE_UP -> replay.seek(replay.position() - 10);
            case Keys.HOME -> replay.seek(0);
            case Keys.END -> replay.seek(replay.length());
            case Keys.SPACE -> {
                if (!playing && replay.position() >= replay.length()) {
                    replay.seek(0);
                }
                playing = !playing;
                clock = 0;
            }
            default -> {
                return false;
            }
        }
        if (keycode != Keys.SPACE) {
            playing = false;
        }
        return true;
    }

    @Override
    protected void drawContent(Canvas canvas, Layout layout, float panelTextBottom) {
        Rect f = layout.frame();
        if (error != null) {
            MessageScreen.drawMessage(canvas, f, "Cannot replay this file", error);
            return;
        }
        Rect area = new Rect(f.x(), f.y() + 24, f.w(), f.h() - 24);
        canvas.painter().paint(canvas, replay.frame(), area);
        Rect track = new Rect(f.x(), f.y() + 6, f.w(), 8);
        canvas.fillRect(track, Palette.GRID_LINE, 1f);
        float t = replay.length() == 0 ? 0 : (float) replay.position() / replay.length();
        canvas.fillRect(new Rect(track.x(), track.y(), track.w() * t, track.h()), Palette.ACCENT, 1f);
        canvas.fillRect(new Rect(track.x() + track.w() * t - 2, track.y() - 4, 4, track.h() + 8), Palette.TEXT, 1f);
    }
}
