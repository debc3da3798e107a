package dev.arcadia.env.render;

import java.util.List;

/**
 * A grid of tiles, row-major, with an optional agent marker. Tile codes index {@code legend}, which names each tile
 * kind ("start", "frozen", "hole", "goal", ...) so a painter can choose colours or sprites by name.
 *
 * @param rows      number of rows
 * @param cols      number of columns
 * @param tiles     {@code rows * cols} tile codes, row-major
 * @param legend    the name of each tile code
 * @param agentRow  the agent's row, or -1 when there is no agent to show
 * @param agentCol  the agent's column, or -1
 * @param caption   a short status line (for example the last action), possibly empty
 */
public record GridFrame(int rows, int cols, byte[] tiles, List<String> legend, int agentRow, int agentCol,
                        String caption) implements Frame {

    public GridFrame {
        if (tiles.length != rows * cols) {
            throw new IllegalArgumentException("GridFrame needs rows*cols = " + rows * cols + " tiles, got " + tiles.length);
        }
        tiles = tiles.clone();
        legend = List.copyOf(legend);
    }

    /** The tile code at a cell. */
    public int tile(int row, int col) {
        return tiles[row * cols + col];
    }

    /** The tile name at a cell. */
    public String tileName(int row, int col) {
        return legend.get(tile(row, col));
    }

    @Override
    public byte[] tiles() {
        return tiles.clone();
    }
}
