package dev.arcadia.simui.screens;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.InputAdapter;
import com.badlogic.gdx.Screen;
import dev.arcadia.simui.Viewer;
import dev.arcadia.simui.paint.Canvas;
import dev.arcadia.simui.paint.Layout;
import dev.arcadia.simui.paint.Palette;
import dev.arcadia.simui.paint.Rect;
import java.util.List;

/**
 * The base of the viewer's screens: logic in {@link #update(float)} (runs on the headless backend too) and drawing in
 * {@link #draw(Canvas, Layout)} (only with a GL canvas); a title bar, a help bar and a side panel of text lines.
 * Escape goes back to the previous screen (or quits from the first one).
 */
public abstract class ViewerScreen extends InputAdapter implements Screen {

    protected final Viewer viewer;
    private int width = Viewer.DEFAULT_WIDTH;
    private int height = Viewer.DEFAULT_HEIGHT;

    protected ViewerScreen(Viewer viewer) {
        this.viewer = viewer;
    }

    /** The title bar's text. */
    public abstract String title();

    /** The help bar's text: the keys of this screen. */
    public abstract String help();

    /** Lines of the side panel. */
    public List<String> panelLines() {
        return List.of();
    }

    /** Advances the screen's logic by {@code delta} seconds. */
    public void update(float delta) {
    }

    /** Draws the screen's own content (the frame area and anything below the panel text). */
    protected abstract void drawContent(Canvas canvas, Layout layout, float panelTextBottom);

    /** Handles a key not taken by the base (Escape); returns whether it was used. */
    protected boolean onKeyDown(int keycode) {
        return false;
    }

    @Override
    public final boolean keyDown(int keycode) {
        if (keycode == Keys.ESCAPE) {
            viewer.back();
            return true;
        }
        return onKeyDown(keycode);
    }

    @Override
    public final void render(float delta) {
        update(delta);
        Canvas canvas = viewer.canvas();
        if (canvas != null) {
            draw(canvas);
        }
    }

    /** Draws the whole screen on {@code canvas} at the current size. */
    public void draw(Canvas canvas) {
        Layout layout = layout();
        canvas.begin(width, height, Palette.BACKGROUND);
        canvas.fillRect(layout.panel(), Palette.PANEL, 1f);
        canvas.fillRect(layout.title(), Palette.BAR, 1f);
        canvas.fillRect(layout.help(), Palette.BAR, 1f);
        float top = layout.panel().top() - 10;
        for (String line : panelLines()) {
            for (String part : canvas.wrap(line, layout.panel().w() - 20)) {
                canvas.text(part, layout.panel().x() + 10, top, part.startsWith("!") ? Palette.WARN : Palette.TEXT);
                top -= canvas.lineHeight();
            }
        }
        drawContent(canvas, layout, top);
        Rect t = layout.title();
        canvas.text(title(), t.x() + 10, t.top() - 6, Palette.TEXT);
        Rect h = layout.help();
        canvas.text(help(), h.x() + 10, h.top() - 4, Palette.DIM_TEXT);
        canvas.end();
    }

    public Layout layout() {
        return Layout.of(width, height);
    }

    @Override
    public void show() {
        if (Gdx.input != null) {
            Gdx.input.setInputProcessor(this);
        }
    }

    @Override
    public void resize(int width, int height) {
        if (width > 0 && height > 0) {
            this.width = width;
            this.height = height;
        }
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public void hide() {
    }

    @Override
    public void dispose() {
    }

    /** Formats a number compactly for the panel. */
    protected static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        return String.format("%.3f", v);
    }
}
