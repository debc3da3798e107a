package dev.arcadia.simui.paint;

import dev.arcadia.env.render.ShapesFrame;

/**
 * Maps a {@link ShapesFrame}'s world rectangle onto an area of the canvas, keeping the aspect ratio and centring it.
 *
 * @param scale pixels per world unit
 * @param ox    canvas x of world x = 0
 * @param oy    canvas y of world y = 0
 */
public record WorldTransform(double scale, double ox, double oy, Rect world) {

    public static WorldTransform fit(ShapesFrame f, Rect area) {
        double ww = f.maxX() - f.minX();
        double wh = f.maxY() - f.minY();
        double scale = Math.min(area.w() / ww, area.h() / wh);
        double pw = ww * scale;
        double ph = wh * scale;
        double left = area.x() + (area.w() - pw) / 2;
        double bottom = area.y() + (area.h() - ph) / 2;
        return new WorldTransform(scale, left - f.minX() * scale, bottom - f.minY() * scale,
                new Rect((float) left, (float) bottom, (float) pw, (float) ph));
    }

    public float x(double worldX) {
        return (float) (ox + worldX * scale);
    }

    public float y(double worldY) {
        return (float) (oy + worldY * scale);
    }

    public float length(double worldLength) {
        return (float) (worldLength * scale);
    }
}
