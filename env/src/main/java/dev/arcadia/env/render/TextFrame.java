package dev.arcadia.env.render;

import java.util.List;

/** Lines of text, for environments that are best shown as text (or as a fallback). */
public record TextFrame(List<String> lines) implements Frame {

    public TextFrame {
        lines = List.copyOf(lines);
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
