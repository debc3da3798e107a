package dev.arcadia.simui.paint;

/**
 * A rectangle in canvas pixels, y upwards from the bottom-left corner (LibGDX's convention).
 *
 * @param x left edge
 * @param y bottom edge
 * @param w width
 * @param h height
 */
public record Rect(float x, float y, float w, float h) {

    public float right() {
        return x + w;
    }

    public float top() {
        return y + h;
    }

    public float centerX() {
        return x + w / 2;
    }

    public float centerY() {
        return y + h / 2;
    }

    /** This rectangle shrunk by {@code d} on every side. */
    public Rect inset(float d) {
        return new Rect(x + d, y + d, Math.max(0, w - 2 * d), Math.max(0, h - 2 * d));
    }

    public boolean contains(float px, float py) {
        return px >= x && px < x + w && py >= y && py < y + h;
    }
}
