package dev.arcadia.simui.paint;

import dev.arcadia.env.render.TextFrame;
import java.util.List;

/**
 * Paints a {@link TextFrame} on a dark background, one character per fixed-width cell so that text maps (such as
 * Gymnasium's ANSI renderings) keep their columns; the text is scaled to fit (at most 2x). ANSI colour escapes are
 * removed.
 */
public final class TextPainter implements Painter<TextFrame> {

    private static final String ANSI = "\u001B\\[[0-9;]*m";

    @Override
    public void paint(Canvas canvas, TextFrame frame, Rect area) {
        canvas.fillRect(area, Palette.TEXT_FRAME_BACKGROUND, 1f);
        List<String> lines = frame.lines().stream().map(l -> l.replaceAll(ANSI, "")).toList();
        int longest = 1;
        for (String l : lines) {
            longest = Math.max(longest, l.length());
        }
        float advance = canvas.textWidth("M");
        float lineHeight = canvas.lineHeight();
        float pad = 8;
        float scale = Math.min(2f, Math.min((area.w() - 2 * pad) / (longest * advance),
                (area.h() - 2 * pad) / Math.max(1, lines.size() * lineHeight)));
        scale = Math.max(0.5f, scale);
        float top = area.top() - pad;
        for (String l : lines) {
            float x = area.x() + pad;
            for (int i = 0; i < l.length(); i++) {
                char ch = l.charAt(i);
                if (ch != ' ') {
                    canvas.text(String.valueOf(ch), x + i * advance * scale, top, Palette.TEXT, scale);
                }
            }
            top -= lineHeight * scale;
            if (top < area.y()) {
                break;
            }
        }
    }
}
