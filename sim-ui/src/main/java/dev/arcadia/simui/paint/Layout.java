package dev.arcadia.simui.paint;

/**
 * Where a screen puts things on a canvas of {@code width x height} pixels: a title bar at the top, a help bar at the
 * bottom, a side panel on the right and the frame area in the rest. Pure arithmetic, shared by the screens and by
 * the rendering tests that look up pixels.
 */
public record Layout(int width, int height, Rect title, Rect help, Rect panel, Rect frame) {

    public static final int TITLE_HEIGHT = 28;
    public static final int HELP_HEIGHT = 24;
    public static final int PANEL_WIDTH = 270;
    public static final int MARGIN = 8;

    /** The standard layout; the panel narrows on small canvases. */
    public static Layout of(int width, int height) {
        int panelW = Math.min(PANEL_WIDTH, Math.max(0, width / 3));
        Rect title = new Rect(0, height - TITLE_HEIGHT, width, TITLE_HEIGHT);
        Rect help = new Rect(0, 0, width, HELP_HEIGHT);
        float bodyBottom = HELP_HEIGHT;
        float bodyH = Math.max(0, height - TITLE_HEIGHT - HELP_HEIGHT);
        Rect panel = new Rect(width - panelW, bodyBottom, panelW, bodyH);
        Rect frame = new Rect(MARGIN, bodyBottom + MARGIN, Math.max(0, width - panelW - 2 * MARGIN),
                Math.max(0, bodyH - 2 * MARGIN));
        return new Layout(width, height, title, help, panel, frame);
    }
}
