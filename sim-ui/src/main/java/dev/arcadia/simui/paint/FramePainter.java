package dev.arcadia.simui.paint;

import com.badlogic.gdx.utils.Disposable;
import dev.arcadia.env.render.Frame;
import dev.arcadia.env.render.GridFrame;
import dev.arcadia.env.render.PixelFrame;
import dev.arcadia.env.render.ShapesFrame;
import dev.arcadia.env.render.TextFrame;

/**
 * Picks the painter by the frame's type: the only place where frame kinds meet the viewer, and no environment is
 * named anywhere.
 */
public final class FramePainter implements Disposable {

    private final GridPainter grid = new GridPainter();
    private final ShapesPainter shapes = new ShapesPainter();
    private final TextPainter text = new TextPainter();
    private final PixelPainter pixels = new PixelPainter();

    public void paint(Canvas canvas, Frame frame, Rect area) {
        if (frame instanceof GridFrame g) {
            grid.paint(canvas, g, area);
        } else if (frame instanceof ShapesFrame s) {
            shapes.paint(canvas, s, area);
        } else if (frame instanceof TextFrame t) {
            text.paint(canvas, t, area);
        } else if (frame instanceof PixelFrame p) {
            pixels.paint(canvas, p, area);
        } else {
            throw new IllegalArgumentException("no painter for " + frame.getClass().getName());
        }
    }

    public GridPainter grid() {
        return grid;
    }

    /** The frame's caption (the last action, for example), or "". */
    public static String caption(Frame frame) {
        String c = null;
        if (frame instanceof GridFrame g) {
            c = g.caption();
        } else if (frame instanceof ShapesFrame s) {
            c = s.caption();
        }
        return c == null ? "" : c;
    }

    @Override
    public void dispose() {
        pixels.dispose();
    }
}
