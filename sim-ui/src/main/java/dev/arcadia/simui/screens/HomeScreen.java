package dev.arcadia.simui.screens;

import com.badlogic.gdx.Input.Keys;
import dev.arcadia.env.Envs;
import dev.arcadia.simui.Launch;
import dev.arcadia.simui.Viewer;
import dev.arcadia.simui.paint.Canvas;
import dev.arcadia.simui.paint.Layout;
import dev.arcadia.simui.paint.Palette;
import dev.arcadia.simui.paint.Rect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A plain text menu: every registered environment to play, the run directories under the runs folder to watch (Enter)
 * or follow live (L), the runs' recorded evaluation episodes and the recordings to replay. Up/down (or W/S) move, PgUp/PgDn jump, Enter opens.
 */
public final class HomeScreen extends ViewerScreen {

    /** One menu line: its text and what Enter (and L, for runs) opens. */
    public record Item(String label, Launch open, Launch live) {
    }

    /** At most this many runs and recordings are listed (newest first). */
    public static final int MAX_LISTED = 30;

    private final Path runsDir;
    private final Path recordingsDir;
    private List<Item> items = List.of();
    private int selected;

    public HomeScreen(Viewer viewer, Path runsDir, Path recordingsDir) {
        super(viewer);
        this.runsDir = runsDir;
        this.recordingsDir = recordingsDir;
        refresh();
    }

    /** Lists the environments, runs and recordings again. */
    public void refresh() {
        List<Item> list = new ArrayList<>();
        for (String id : Envs.ids()) {
            list.add(new Item("Play    " + id, new Launch.Play(id, Map.of(), System.currentTimeMillis() % 1_000_000,
                    recordingsDir), null));
        }
        for (Path run : newest(runsDir, p -> Files.isRegularFile(p.resolve("config.json")))) {
            list.add(new Item("Watch   " + run.getFileName() + "   (L: live)",
                    new Launch.Watch(run, 0, OptionalLong.empty()), new Launch.Live(run)));
        }
        for (Path run : newest(runsDir, p -> Files.isDirectory(p.resolve("episodes")))) {
            list.add(new Item("Replay  " + run.getFileName() + "/episodes", new Launch.Replay(run.resolve("episodes")), null));
        }
        for (Path file : newest(recordingsDir, p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))) {
            list.add(new Item("Replay  " + file.getFileName(), new Launch.Replay(file), null));
        }
        items = List.copyOf(list);
        selected = Math.max(0, Math.min(selected, items.size() - 1));
    }

    private static List<Path> newest(Path dir, java.util.function.Predicate<Path> keep) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(keep).sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .limit(MAX_LISTED).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public List<Item> items() {
        return items;
    }

    public int selected() {
        return selected;
    }

    /** Selects the first item whose label contains {@code text}; returns whether one did. */
    public boolean select(String text) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).label().contains(text)) {
                selected = i;
                return true;
            }
        }
        return false;
    }

    @Override
    public String title() {
        return "Arcadia viewer";
    }

    @Override
    public String help() {
        return "Up/Down select  Enter open  L live (runs)  F5 refresh  Esc quit";
    }

    @Override
    public List<String> panelLines() {
        return List.of("Runs: " + (runsDir == null ? "-" : runsDir), "Recordings: "
                + (recordingsDir == null ? "-" : recordingsDir), "", "Play: keyboard, recorded to the recordings folder",
                "Watch: a run's latest checkpoint (seed 0)", "Replay: scrub a recorded episode");
    }

    @Override
    protected boolean onKeyDown(int keycode) {
        if (items.isEmpty()) {
            return false;
        }
        switch (keycode) {
            case Keys.DOWN, Keys.S -> selected = Math.min(items.size() - 1, selected + 1);
            case Keys.UP, Keys.W -> selected = Math.max(0, selected - 1);
            case Keys.PAGE_DOWN -> selected = Math.min(items.size() - 1, selected + 10);
            case Keys.PAGE_UP -> selected = Math.max(0, selected - 10);
            case Keys.HOME -> selected = 0;
            case Keys.END -> selected = items.size() - 1;
            case Keys.F5 -> refresh();
            case Keys.ENTER -> viewer.openLaunch(items.get(selected).open());
            case Keys.L -> {
                Launch live = items.get(selected).live();
                if (live == null) {
                    return false;
                }
                viewer.openLaunch(live);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public void show() {
        super.show();
        refresh();
    }

    @Override
    protected void drawContent(Canvas canvas, Layout layout, float panelTextBottom) {
        Rect f = layout.frame();
        float lh = canvas.lineHeight() + 4;
        int visible = Math.max(1, (int) (f.h() / lh));
        int first = Math.max(0, Math.min(selected - visible / 2, items.size() - visible));
        float top = f.top();
        for (int i = first; i < items.size() && i < first + visible; i++) {
            if (i == selected) {
                canvas.fillRect(new Rect(f.x(), top - lh, f.w(), lh), Palette.GRID_LINE, 1f);
            }
            canvas.text(items.get(i).label(), f.x() + 8, top - 3, i == selected ? Palette.ACCENT : Palette.TEXT);
            top -= lh;
        }
        if (items.isEmpty()) {
            canvas.text("No environments registered", f.x() + 8, f.top() - 3, Palette.WARN);
        }
    }
}
