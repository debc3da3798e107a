package dev.arcadia.simui.paint;

/**
 * Square cells of a {@code rows x cols} grid fitted into an area, centred, with whole-pixel cell sizes; row 0 is at
 * the top.
 *
 * @param x0   left edge of the grid
 * @param y0   bottom edge of the grid
 * @param cell cell size in pixels
 */
public record GridLayout(int rows, int cols, int x0, int y0, int cell) {

    public static GridLayout fit(int rows, int cols, Rect area) {
        int cell = (int) Math.max(1, Math.floor(Math.min(area.w() / cols, area.h() / rows)));
        int x0 = (int) Math.floor(area.x() + (area.w() - cell * cols) / 2);
        int y0 = (int) Math.floor(area.y() + (area.h() - cell * rows) / 2);
        return new GridLayout(rows, cols, x0, y0, cell);
    }

    /** The cell's rectangle (y upwards). */
    public Rect cell(int row, int col) {
        return new Rect(x0 + col * cell, y0 + (rows - 1 - row) * cell, cell, cell);
    }

    /** The whole grid. */
    public Rect bounds() {
        return new Rect(x0, y0, cols * cell, rows * cell);
    }
}
