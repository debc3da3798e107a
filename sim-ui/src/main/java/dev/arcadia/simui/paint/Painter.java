package dev.arcadia.simui.paint;

import dev.arcadia.env.render.Frame;

/** Draws one kind of {@link Frame} into an area of the canvas. */
public interface Painter<F extends Frame> {

    void paint(Canvas canvas, F frame, Rect area);
}
