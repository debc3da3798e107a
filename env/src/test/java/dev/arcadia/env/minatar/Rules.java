package dev.arcadia.env.minatar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers for the rule tests: edit a game's state by MinAtar's variable names, build grids and entity lists. */
final class Rules {

    private Rules() {
    }

    /** Sets the given variables (name, value, name, value, ...) and keeps the rest of the state. */
    static <G extends MinAtarGame> G with(G game, Object... nameValues) {
        Map<String, Object> s = game.minAtarState();
        for (int i = 0; i < nameValues.length; i += 2) {
            if (!s.containsKey((String) nameValues[i])) {
                throw new IllegalArgumentException("no variable " + nameValues[i] + " in " + s.keySet());
            }
            s.put((String) nameValues[i], nameValues[i + 1]);
        }
        game.setMinAtarState(s);
        return game;
    }

    /** An integer state variable. */
    static int var(MinAtarGame game, String name) {
        Object v = game.minAtarState().get(name);
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) v).intValue();
    }

    /** A 10x10 grid as MinAtar's list of rows, with 1 at the given (row, col) cells. */
    static List<List<Integer>> grid(int... rowCols) {
        List<List<Integer>> rows = new ArrayList<>();
        for (int y = 0; y < 10; y++) {
            List<Integer> row = new ArrayList<>();
            for (int x = 0; x < 10; x++) {
                row.add(0);
            }
            rows.add(row);
        }
        for (int i = 0; i < rowCols.length; i += 2) {
            rows.get(rowCols[i]).set(rowCols[i + 1], 1);
        }
        return rows;
    }

    /** A list of entities, each given as its values. */
    static List<List<Object>> entities(Object[]... entities) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] e : entities) {
            out.add(new ArrayList<>(List.of(e)));
        }
        return out;
    }

    static Object[] e(Object... values) {
        return values;
    }

    /** Plays {@code frames} frames of one full action; returns the total reward. */
    static int repeat(MinAtarGame game, int action, int frames) {
        int r = 0;
        for (int t = 0; t < frames; t++) {
            r += game.act(action);
        }
        return r;
    }
}
