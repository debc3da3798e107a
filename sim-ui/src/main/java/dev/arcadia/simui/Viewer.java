package dev.arcadia.simui;

import com.badlogic.gdx.Game;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.PixmapIO;
import com.badlogic.gdx.Screen;
import dev.arcadia.simui.paint.Canvas;
import dev.arcadia.simui.screens.MessageScreen;
import dev.arcadia.simui.screens.ViewerScreen;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The viewer: a LibGDX {@link Game} whose screens form a stack. {@link #open} shows a screen over the current one,
 * {@link #back} returns to the previous one (Escape on every screen), and leaving the first screen quits. A screen
 * that cannot be built shows a {@link MessageScreen} with the reason instead of crashing the viewer.
 *
 * <p>With a GL context it draws through a {@link Canvas}; on LibGDX's headless backend (no GL) it runs the same
 * screens and logic without drawing.
 */
public final class Viewer extends Game {

    public static final int DEFAULT_WIDTH = 960;
    public static final int DEFAULT_HEIGHT = 640;

    private final Launch launch;
    private final Deque<ViewerScreen> stack = new ArrayDeque<>();
    private Canvas canvas;
    private Runnable onExit = () -> Gdx.app.exit();
    private boolean exited;
    // Scripted runs (smoke tests, documentation screenshots): keys to press, one per frame, then a screenshot.
    private final String screenshot = System.getProperty("arcadia.view.screenshot");
    private final int screenshotFrame = Integer.getInteger("arcadia.view.frames", 20);
    private final Deque<String> scriptedKeys = new ArrayDeque<>();
    private long frames;

    public Viewer(Launch launch) {
        this.launch = launch;
    }

    /** What happens when the first screen is left (default: the application exits). */
    public Viewer onExit(Runnable action) {
        this.onExit = action;
        return this;
    }

    @Override
    public void create() {
        if (Gdx.gl != null) {
            canvas = new Canvas();
        }
        String keys = System.getProperty("arcadia.view.keys", "");
        for (String k : keys.split(",")) {
            if (!k.isBlank()) {
                scriptedKeys.add(k.trim());
            }
        }
        openLaunch(launch);
    }

    /**
     * Renders the current screen. With {@code -Darcadia.view.keys=Right,Right} the named keys are pressed one per
     * frame first; with {@code -Darcadia.view.screenshot=FILE} the window is saved as a PNG after
     * {@code arcadia.view.frames} (20) frames and the viewer exits.
     */
    @Override
    public void render() {
        frames++;
        if (!scriptedKeys.isEmpty() && frames >= 2 && getScreen() instanceof ViewerScreen s) {
            String name = scriptedKeys.poll();
            int code = Keys.valueOf(name);
            if (code < 0) {
                code = Keys.valueOf(name.substring(0, 1).toUpperCase() + name.substring(1).toLowerCase());
            }
            if (code < 0) {
                throw new IllegalArgumentException("arcadia.view.keys: unknown key '" + name + "'");
            }
            s.keyDown(code);
            if (getScreen() == s) {
                s.keyUp(code);
            }
        }
        super.render();
        if (screenshot != null && frames == screenshotFrame && Gdx.gl != null) {
            int w = Gdx.graphics.getBackBufferWidth();
            int h = Gdx.graphics.getBackBufferHeight();
            Pixmap p = Pixmap.createFromFrameBuffer(0, 0, w, h);
            PixmapIO.writePNG(Gdx.files.absolute(new java.io.File(screenshot).getAbsolutePath()), p,
                    java.util.zip.Deflater.BEST_COMPRESSION, true);
            p.dispose();
            Gdx.app.exit();
        }
    }

    /** Builds and opens a launch's screen, or a message saying why it cannot be opened. */
    public void openLaunch(Launch l) {
        ViewerScreen s;
        try {
            s = l.create(this);
        } catch (RuntimeException e) {
            s = new MessageScreen(this, "Cannot open " + describe(l), messageOf(e));
        }
        open(s);
    }

    private static String describe(Launch l) {
        if (l instanceof Launch.Play p) {
            return "play " + p.envId();
        } else if (l instanceof Launch.Replay r) {
            return "replay " + r.file();
        } else if (l instanceof Launch.Watch w) {
            return "watch " + w.runDir();
        } else if (l instanceof Launch.Live v) {
            return "live " + v.runDir();
        }
        return "home";
    }

    /** A readable message for an exception: its message, or its type when it has none. */
    public static String messageOf(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Shows {@code next} over the current screen. */
    public void open(ViewerScreen next) {
        Screen current = getScreen();
        if (current instanceof ViewerScreen v) {
            stack.push(v);
        }
        setScreen(next);
    }

    /** Leaves the current screen for the previous one, or quits from the first. */
    public void back() {
        Screen current = getScreen();
        if (stack.isEmpty()) {
            if (!exited) {
                exited = true;
                onExit.run();
            }
            return;
        }
        ViewerScreen previous = stack.pop();
        setScreen(previous);
        if (current != null) {
            current.dispose();
        }
    }

    /** The screen shown now. */
    public ViewerScreen current() {
        return (ViewerScreen) getScreen();
    }

    /** Number of screens below the current one. */
    public int depth() {
        return stack.size();
    }

    /** Whether the first screen was left. */
    public boolean exited() {
        return exited;
    }

    /** The drawing surface, or null without GL (headless). */
    public Canvas canvas() {
        return canvas;
    }

    @Override
    public void dispose() {
        Screen current = getScreen();
        if (current != null) {
            current.hide();
            current.dispose();
        }
        while (!stack.isEmpty()) {
            stack.pop().dispose();
        }
        if (canvas != null) {
            canvas.dispose();
            canvas = null;
        }
    }
}
