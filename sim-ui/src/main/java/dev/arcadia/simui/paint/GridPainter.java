package dev.arcadia.simui.paint;

import dev.arcadia.env.render.GridFrame;

/**
 * Paints a {@link GridFrame}: one square per cell coloured by its legend name ({@link Palette#tile(String, int)}), thin grid
 * lines, and the agent as a disc. Tiles and agent are separate steps so that overlays can go between them.
 */
public final class GridPainter implements Painter<GridFrame> {

    /** The agent disc's radius as a fraction of the cell. */
    public static final float AGENT_RADIUS = 0.3f;

    @Override
    public void paint(Canvas canvas, GridFrame frame, Rect area) {
        GridLayout g = paintTiles(canvas, frame, area);
        paintAgent(canvas, frame, g);
    }

    /** Paints the tiles and returns the grid's geometry. */
    public GridLayout paintTiles(Canvas canvas, GridFrame frame, Rect area) {
        GridLayout g = GridLayout.fit(frame.rows(), frame.cols(), area);
        Rect bounds = g.bounds();
        canvas.fillRect(bounds.x(), bounds.y(), bounds.w(), bounds.h(), Palette.GRID_LINE);
        float gap = g.cell() >= 12 ? 1 : 0;
        for (int r = 0; r < frame.rows(); r++) {
            for (int c = 0; c < frame.cols(); c++) {
                Rect cell = g.cell(r, c);
                int code = frame.tile(r, c);
                String name = code >= 0 && code < frame.legend().size() ? frame.legend().get(code) : "tile" + code;
                canvas.fillRect(cell.x() + gap, cell.y() + gap, cell.w() - 2 * gap, cell.h() - 2 * gap, Palette.tile(name, code));
            }
        }
        return g;
    }

    /** Paints the agent marker, if the frame has one. */
    public void paintAgent(Canvas canvas, GridFrame frame, GridLayout g) {
        if (frame.agentRow() < 0 || frame.agentCol() < 0) {
            return;
        }
        Rect cell = g.cell(frame.agentRow(), frame.agentCol());
        canvas.filled(Palette.AGENT, 1f).circle(cell.centerX(), cell.centerY(), g.cell() * AGENT_RADIUS, 32);
    }
}
