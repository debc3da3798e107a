package dev.arcadia.simui.screens;

import com.badlogic.gdx.Input.Keys;
import dev.arcadia.simui.Viewer;
import dev.arcadia.simui.paint.Canvas;
import dev.arcadia.simui.paint.Layout;
import dev.arcadia.simui.paint.Palette;
import dev.arcadia.simui.paint.Rect;

/** A message instead of a screen that could not be opened: what failed and why. Enter or Escape goes back. */
public final class MessageScreen extends ViewerScreen {

    private final String heading;
    private final String message;

    public MessageScreen(Viewer viewer, String heading, String message) {
        super(viewer);
        this.heading = heading;
        this.message = message;
    }

    public String heading() {
        return heading;
    }

    public String message() {
        return message;
    }

    @Override
    public String title() {
        return heading;
    }

    @Override
    public String help() {
        return "Enter/Esc back";
    }

    @Override
    protected boolean onKeyDown(int keycode) {
        if (keycode == Keys.ENTER) {
            viewer.back();
            return true;
        }
        return false;
    }

    @Override
    protected void drawContent(Canvas canvas, Layout layout, float panelTextBottom) {
        drawMessage(canvas, layout.frame(), heading, message);
    }

    /** A red box with a heading and a wrapped message, centred in {@code area}. */
    static void drawMessage(Canvas canvas, Rect area, String heading, String message) {
        float w = Math.min(area.w() - 20, 560);
        var lines = canvas.wrap(message, w - 24);
        float h = Math.min(area.h() - 20, 48 + lines.size() * canvas.lineHeight());
        Rect box = new Rect(area.centerX() - w / 2, area.centerY() - h / 2, w, h);
        canvas.fillRect(box, Palette.ERROR, 1f);
        float top = box.top() - 10;
        canvas.text(heading, box.x() + 12, top, 0xFFFFFF);
        top -= canvas.lineHeight() + 6;
        for (String l : lines) {
            if (top - canvas.lineHeight() < box.y()) {
                break;
            }
            canvas.text(l, box.x() + 12, top, 0xFFFFFF);
            top -= canvas.lineHeight();
        }
    }
}
