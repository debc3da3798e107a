package dev.arcadia.env.render;

/** What an environment looks like right now, independent of any graphics library. */
public sealed interface Frame permits GridFrame, TextFrame, PixelFrame, ShapesFrame {
}
