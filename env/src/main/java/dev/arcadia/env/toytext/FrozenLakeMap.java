package dev.arcadia.env.toytext;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A FrozenLake map: rows of {@code S} (start), {@code F} (frozen), {@code H} (hole) and {@code G} (goal).
 * Validated on construction: rectangular, only those letters, at least one start and one goal.
 *
 * @param rows the map rows, top to bottom
 */
public record FrozenLakeMap(List<String> rows) {

    /** Gymnasium's standard 4x4 map. */
    public static final FrozenLakeMap MAP_4X4 = new FrozenLakeMap(List.of("SFFF", "FHFH", "FFFH", "HFFG"));

    /** Gymnasium's standard 8x8 map. */
    public static final FrozenLakeMap MAP_8X8 = new FrozenLakeMap(List.of(
            "SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF", "FFFHFFFF", "FHHFFFHF", "FHFFHFHF", "FFFHFFFG"));

    public FrozenLakeMap {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("invalid FrozenLake map: no rows; expected rows such as [\"SFFF\", \"FHFH\", \"FFFH\", \"HFFG\"]");
        }
        rows = List.copyOf(rows);
        int cols = rows.get(0).length();
        if (cols == 0) {
            throw new IllegalArgumentException("invalid FrozenLake map: row 0 is empty");
        }
        int starts = 0;
        int goals = 0;
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.get(r);
            if (row.length() != cols) {
                throw new IllegalArgumentException("invalid FrozenLake map: ragged rows: row " + r + " \"" + row
                        + "\" has " + row.length() + " columns, expected " + cols + " like row 0");
            }
            for (int c = 0; c < cols; c++) {
                char ch = row.charAt(c);
                switch (ch) {
                    case 'S' -> starts++;
                    case 'G' -> goals++;
                    case 'F', 'H' -> { }
                    default -> throw new IllegalArgumentException("invalid FrozenLake map: unknown letter '" + ch
                            + "' at row " + r + ", column " + c + "; expected one of S (start), F (frozen), H (hole), G (goal)");
                }
            }
        }
        if (starts == 0) {
            throw new IllegalArgumentException("invalid FrozenLake map: no start tile 'S' in " + rows);
        }
        if (goals == 0) {
            throw new IllegalArgumentException("invalid FrozenLake map: no goal tile 'G' in " + rows);
        }
    }

    /** Builds a map from its rows. */
    public static FrozenLakeMap of(String... rows) {
        return new FrozenLakeMap(List.of(rows));
    }

    /**
     * A standard map by Gymnasium's name.
     *
     * @throws IllegalArgumentException for a name other than "4x4" or "8x8"
     */
    public static FrozenLakeMap named(String name) {
        return switch (name) {
            case "4x4" -> MAP_4X4;
            case "8x8" -> MAP_8X8;
            default -> throw new IllegalArgumentException("unknown FrozenLake map_name '" + name
                    + "'; expected \"4x4\", \"8x8\", or \"random\" (with map_size, map_p, map_seed)");
        };
    }

    /**
     * A random valid {@code size x size} map, as Gymnasium's {@code generate_random_map}: each tile is frozen with
     * probability {@code p} and a hole otherwise, the start is the top-left corner and the goal the bottom-right
     * one, and boards are drawn until the goal is reachable from the start without crossing a hole.
     */
    public static FrozenLakeMap random(int size, double p, RandomGenerator rng) {
        if (size < 2) {
            throw new IllegalArgumentException("random FrozenLake map size must be >= 2, got " + size);
        }
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("random FrozenLake map p (probability of a frozen tile) must be in (0, 1], got " + p);
        }
        char[][] board = new char[size][size];
        do {
            for (char[] row : board) {
                for (int c = 0; c < size; c++) {
                    row[c] = rng.nextDouble() < p ? 'F' : 'H';
                }
            }
            board[0][0] = 'S';
            board[size - 1][size - 1] = 'G';
        } while (!goalReachable(board));
        String[] rows = new String[size];
        for (int r = 0; r < size; r++) {
            rows[r] = new String(board[r]);
        }
        return of(rows);
    }

    /** Depth-first search from the top-left corner to any goal, never entering a hole. */
    private static boolean goalReachable(char[][] board) {
        int n = board.length;
        boolean[][] seen = new boolean[n][n];
        Deque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {0, 0});
        seen[0][0] = true;
        int[][] moves = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        while (!stack.isEmpty()) {
            int[] cell = stack.pop();
            for (int[] m : moves) {
                int r = cell[0] + m[0];
                int c = cell[1] + m[1];
                if (r < 0 || r >= n || c < 0 || c >= n || seen[r][c] || board[r][c] == 'H') {
                    continue;
                }
                if (board[r][c] == 'G') {
                    return true;
                }
                seen[r][c] = true;
                stack.push(new int[] {r, c});
            }
        }
        return false;
    }

    public int nrow() {
        return rows.size();
    }

    public int ncol() {
        return rows.get(0).length();
    }

    /** The letter at a cell. */
    public char tile(int row, int col) {
        return rows.get(row).charAt(col);
    }

    @Override
    public String toString() {
        return String.join("/", rows);
    }
}
