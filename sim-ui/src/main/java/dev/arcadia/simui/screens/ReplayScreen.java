package dev.arcadia.simui.screens;

import dev.arcadia.experiments.episodes.EpisodeFile;
import dev.arcadia.experiments.episodes.EpisodeFileException;
import dev.arcadia.experiments.episodes.EpisodeRecord;
import com.badlogic.gdx.Input.Keys;
import dev.arcadia.simui.Viewer;
import dev.arcadia.simui.model.Replay;
import dev.arcadia.simui.paint.Canvas;
import dev.arcadia.simui.paint.FramePainter;
import dev.arcadia.simui.paint.Layout;
import dev.arcadia.simui.paint.Palette;
import dev.arcadia.simui.paint.Rect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replays recorded episode files, scrubbing forward and back by re-simulation ({@link Replay}), and browses the other
 * episodes next to the one opened: the {@code .jsonl} files of its directory, or, when a directory is opened (a run
 * directory with its evaluation episodes under {@code episodes/}, or a recordings folder), every episode file below
 * it, the newest name first shown. A file that cannot be replayed (missing, corrupt, partial, or re-simulating
 * differently) shows the reason instead.
 */
public final class ReplayScreen extends ViewerScreen {

    /** Steps per second of automatic play. */
    public static final double PLAY_RATE = 5;

    private final List<Path> files;
    private int index;
    private Path file;
    private Replay replay;
    private String error;
    private boolean playing;
    private double clock;

    /** Replays {@code target}: an episode file (its siblings browsable) or a directory of them (searched below). */
    public ReplayScreen(Viewer viewer, Path target) {
        super(viewer);
        List<Path> found = episodes(target);
        this.files = found;
        if (Files.isDirectory(target)) {
            if (found.isEmpty()) {
                this.file = target;
                this.error = "no recorded episodes (.jsonl) under " + target + "; a run records its evaluation episodes"
                        + " in RUN_DIR/episodes/, and the play screen records into recordings/";
                return;
            }
            index = found.size() - 1;
        } else {
            index = Math.max(0, found.indexOf(target.toAbsolutePath().normalize()));
        }
        open(found.isEmpty() ? target : found.get(index));
    }

    /**
     * The episode files to browse: a file's siblings (the file itself included), or the files below a directory (below
     * its {@code episodes/} when it has one, as a run directory does, so that its metrics.jsonl is not taken for one).
     */
    static List<Path> episodes(Path target) {
        Path t = target.toAbsolutePath().normalize();
        boolean dir = Files.isDirectory(t);
        Path root = !dir ? t.getParent() : Files.isDirectory(t.resolve("episodes")) ? t.resolve("episodes") : t;
        if (root == null || !Files.isDirectory(root)) {
            return Files.isRegularFile(t) ? List.of(t) : List.of();
        }
        try (Stream<Path> s = dir ? Files.walk(root, 4) : Files.list(root)) {
            List<Path> l = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .filter(Files::isRegularFile).sorted().toList());
            if (!dir && !l.contains(t)) {
                l.add(t); // a missing or odd file still opens (and says what is wrong)
            }
            return List.copyOf(l);
        } catch (IOException e) {
            return dir ? List.of() : List.of(t);
        }
    }

    private void open(Path f) {
        file = f;
        replay = null;
        error = null;
        playing = false;
        clock = 0;
        try {
            EpisodeRecord record = EpisodeFile.read(f);
            replay = Replay.of(record, f.toString());
        } catch (EpisodeFileException ex) {
            error = ex.getMessage();
        } catch (RuntimeException ex) {
            error = f + ": " + Viewer.messageOf(ex);
        }
    }

    /** Opens the previous ({@code -1}) or next ({@code +1}) episode file; false at either end. */
    public boolean browse(int direction) {
        int next = index + direction;
        if (files.isEmpty() || next < 0 || next >= files.size()) {
            return false;
        }
        index = next;
        open(files.get(index));
        return true;
    }

    /** The episode files being browsed, and the position of the open one. */
    public List<Path> files() {
        return files;
    }

    public int index() {
        return index;
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
        String browse = files.size() > 1 ? "  [/] other episodes" : "";
        return error != null ? "Esc back" + browse
                : "<-/-> step  PgUp/PgDn 10 steps  Home/End  Space play/pause" + browse + "  Esc back";
    }

    @Override
    public List<String> panelLines() {
        List<String> l = new ArrayList<>();
        l.add("File: " + (file.getParent() != null && file.getParent().getFileName() != null
                ? file.getParent().getFileName() + "/" : "") + file.getFileName());
        if (files.size() > 1) {
            l.add("Episode " + (index + 1) + " of " + files.size() + " here ([ and ] to browse)");
        }
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
        if (keycode == Keys.LEFT_BRACKET || keycode == Keys.RIGHT_BRACKET) {
            browse(keycode == Keys.LEFT_BRACKET ? -1 : 1);
            return true;
        }
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
