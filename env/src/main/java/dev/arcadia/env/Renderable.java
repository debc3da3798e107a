package dev.arcadia.env;

import dev.arcadia.env.render.Frame;

/** An environment that can describe what it looks like as a renderer-neutral {@link Frame}. */
public interface Renderable {

    /** The current state as a frame; a viewer picks the painter by the frame's type. */
    Frame render();
}
