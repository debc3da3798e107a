package dev.arcadia.env.render;

import java.util.List;

/**
 * A vector drawing: a rectangle of world coordinates (x to the right, y upwards) and primitives painted in list
 * order, each with an RGB colour {@code 0xRRGGBB}. A painter maps the world rectangle onto its canvas (keeping the
 * aspect ratio), fills it with {@code background}, then draws the shapes; nothing here depends on a graphics library.
 *
 * <p>Stroke widths are in pixels of the painted image (1 = a hairline), every other length is in world units.
 *
 * @param minX       left edge of the world shown
 * @param minY       bottom edge
 * @param maxX       right edge, greater than {@code minX}
 * @param maxY       top edge, greater than {@code minY}
 * @param background colour of the empty world, {@code 0xRRGGBB}
 * @param shapes     what to draw, back to front
 * @param caption    a short status line (for example the last action), possibly empty
 */
public record ShapesFrame(double minX, double minY, double maxX, double maxY, int background, List<Shape> shapes,
                          String caption) implements Frame {

    public static final int WHITE = 0xFFFFFF;
    public static final int BLACK = 0x000000;

    public ShapesFrame {
        if (!(Double.isFinite(minX) && Double.isFinite(maxX) && minX < maxX
                && Double.isFinite(minY) && Double.isFinite(maxY) && minY < maxY)) {
            throw new IllegalArgumentException("ShapesFrame needs finite bounds with min < max, got x in [" + minX
                    + ", " + maxX + "], y in [" + minY + ", " + maxY + "]");
        }
        checkColour(background);
        shapes = List.copyOf(shapes);
        caption = caption == null ? "" : caption;
    }

    /** Packs 8-bit channels into {@code 0xRRGGBB}. */
    public static int rgb(int r, int g, int b) {
        if ((r | g | b) < 0 || r > 255 || g > 255 || b > 255) {
            throw new IllegalArgumentException("colour channels must be in 0..255, got (" + r + ", " + g + ", " + b + ")");
        }
        return r << 16 | g << 8 | b;
    }

    /** The shapes of one kind, in drawing order (handy for tests and painters that batch by kind). */
    public <S extends Shape> List<S> shapesOf(Class<S> kind) {
        return shapes.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static void checkColour(int rgb) {
        if ((rgb & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("colour must be 0xRRGGBB, got 0x" + Integer.toHexString(rgb));
        }
    }

    private static double[] checkPoints(String kind, double[] xy, int minPoints) {
        if (xy.length % 2 != 0 || xy.length < 2 * minPoints) {
            throw new IllegalArgumentException(kind + " needs at least " + minPoints + " points as x0, y0, x1, y1, ...; got "
                    + xy.length + " numbers");
        }
        for (double v : xy) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(kind + " coordinates must be finite, got " + v);
            }
        }
        return xy.clone();
    }

    /** A drawing primitive. */
    public sealed interface Shape permits Line, Polyline, Rect, Circle, Polygon {
        /** The colour, {@code 0xRRGGBB}. */
        int rgb();
    }

    /** A straight segment from (x1, y1) to (x2, y2). */
    public record Line(double x1, double y1, double x2, double y2, double width, int rgb) implements Shape {
        public Line {
            checkColour(rgb);
            checkPoints("Line", new double[] {x1, y1, x2, y2}, 2);
        }
    }

    /** An open chain of segments through {@code xy = x0, y0, x1, y1, ...} (at least two points). */
    public record Polyline(double[] xy, double width, int rgb) implements Shape {
        public Polyline {
            checkColour(rgb);
            xy = checkPoints("Polyline", xy, 2);
        }

        /** Number of points. */
        public int points() {
            return xy.length / 2;
        }

        @Override
        public double[] xy() {
            return xy.clone();
        }
    }

    /** An axis-aligned rectangle with its lower-left corner at (x, y). */
    public record Rect(double x, double y, double w, double h, int rgb, boolean filled) implements Shape {
        public Rect {
            checkColour(rgb);
            checkPoints("Rect", new double[] {x, y, w, h}, 2);
            if (w < 0 || h < 0) {
                throw new IllegalArgumentException("Rect size must be >= 0, got " + w + " x " + h);
            }
        }
    }

    /** A circle (a disc when filled). */
    public record Circle(double cx, double cy, double radius, int rgb, boolean filled) implements Shape {
        public Circle {
            checkColour(rgb);
            checkPoints("Circle", new double[] {cx, cy, radius, 0}, 2);
            if (radius < 0) {
                throw new IllegalArgumentException("Circle radius must be >= 0, got " + radius);
            }
        }
    }

    /** A closed polygon through {@code xy = x0, y0, x1, y1, ...} (at least three points), e.g. a rotated box. */
    public record Polygon(double[] xy, int rgb, boolean filled) implements Shape {
        public Polygon {
            checkColour(rgb);
            xy = checkPoints("Polygon", xy, 3);
        }

        /** Number of corners. */
        public int points() {
            return xy.length / 2;
        }

        @Override
        public double[] xy() {
            return xy.clone();
        }

        /** The box {@code [l, r] x [b, t]} rotated by {@code angle} radians about the origin, then moved by (dx, dy). */
        public static Polygon rotatedBox(double l, double r, double b, double t, double angle, double dx, double dy,
                                         int rgb) {
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            double[] corners = {l, b, l, t, r, t, r, b};
            double[] xy = new double[8];
            for (int i = 0; i < 8; i += 2) {
                xy[i] = corners[i] * c - corners[i + 1] * s + dx;
                xy[i + 1] = corners[i] * s + corners[i + 1] * c + dy;
            }
            return new Polygon(xy, rgb, true);
        }
    }
}
