package dev.arcadia.env.minatar;

import static dev.arcadia.env.minatar.MinAtarGame.DOWN;
import static dev.arcadia.env.minatar.MinAtarGame.LEFT;
import static dev.arcadia.env.minatar.MinAtarGame.NOOP;
import static dev.arcadia.env.minatar.MinAtarGame.UP;
import static dev.arcadia.env.minatar.Rules.repeat;
import static dev.arcadia.env.minatar.Rules.var;
import static dev.arcadia.env.minatar.Rules.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Asterix's rules, from MinAtar's asterix.py: scoring, termination, spawns, movement and the difficulty ramp. */
class AsterixTest {

    /** A game after reset(seed) with sticky actions off, nothing spawning soon. */
    static Asterix quiet(boolean ramping) {
        Asterix g = new Asterix(false, 0.0, ramping);
        g.reset(1);
        return with(g, "spawn_timer", 1_000_000);
    }

    /** Entity slots (rows 1..8) with one entity in row {@code row}. */
    static List<Object> one(int row, int x, boolean right, boolean gold) {
        List<Object> slots = new ArrayList<>(Arrays.asList(new Object[8]));
        slots.set(row - 1, List.of(x, row, right, gold));
        return slots;
    }

    @Test
    void goldScoresWhenItMovesOntoThePlayerOrThePlayerOntoIt() {
        Asterix g = with(quiet(true), "entities", one(5, 6, false, true), "move_timer", 0);
        assertEquals(1, g.act(NOOP), "gold moving left onto the player at (5, 5)");
        assertEquals(Arrays.asList(new Object[8]), g.minAtarState().get("entities"));
        assertFalse(g.isTerminal());

        g = with(quiet(true), "entities", one(5, 4, true, true), "move_timer", 3);
        assertEquals(1, g.act(LEFT), "the player stepping onto gold");
        assertEquals(4, var(g, "player_x"));
    }

    @Test
    void touchingAnEnemyEndsTheGame() {
        Asterix g = with(quiet(true), "entities", one(5, 6, false, false), "move_timer", 0);
        assertEquals(0, g.act(NOOP));
        assertTrue(g.isTerminal());
        var frozen = g.minAtarState();
        assertEquals(0, g.act(LEFT), "after the end nothing happens");
        frozen.put("last_action", LEFT);
        assertEquals(frozen, g.minAtarState());

        g = with(quiet(true), "entities", one(4, 5, true, false), "move_timer", 3);
        g.act(UP);
        assertTrue(g.isTerminal(), "the player stepping onto an enemy");
    }

    @Test
    void thePlayerStaysInRowsOneToEight() {
        Asterix g = with(quiet(true), "player_y", 1, "player_x", 0);
        g.act(UP);
        g.act(LEFT);
        assertArrayEquals(new int[] {1, 0}, new int[] {var(g, "player_y"), var(g, "player_x")});
        g = with(quiet(true), "player_y", 8);
        g.act(DOWN);
        assertEquals(8, var(g, "player_y"));
    }

    @Test
    void entitiesSpawnEveryTenFramesAtAnEdgeAndMoveEveryFifth() {
        for (long seed = 0; seed < 20; seed++) {
            Asterix g = new Asterix(false, 0.0, true);
            g.reset(seed);
            assertEquals(0, repeat(g, NOOP, 10));
            assertEquals(Arrays.asList(new Object[8]), g.minAtarState().get("entities"), "nothing in frames 1-10");
            g.act(NOOP); // frame 11: a spawn at an edge, and (move timer 5 at reset: moves in frames 6, 11, 16) a move
            List<?> entity = present(g);
            int x = (Integer) entity.get(0);
            boolean right = (Boolean) entity.get(2);
            assertEquals(right ? 1 : 8, x, "entered at the edge it moves away from, and moved once");
            int row = (Integer) entity.get(1);
            assertTrue(row >= 1 && row <= 8);
            assertEquals(9, var(g, "spawn_timer"));
            assertEquals(4, var(g, "move_timer"));
            repeat(g, NOOP, 4);
            assertEquals(x, present(g).get(0));
            g.act(NOOP); // frame 16
            assertEquals(right ? x + 1 : x - 1, present(g).get(0));
        }
    }

    static List<?> present(Asterix g) {
        List<?> found = null;
        for (Object o : (List<?>) g.minAtarState().get("entities")) {
            if (o != null) {
                assertEquals(null, found, "one entity");
                found = (List<?>) o;
            }
        }
        return found;
    }

    @Test
    void aThirdOfTheSpawnsAreGoldAndHalfEnterFromTheLeft() {
        Asterix g = quiet(true);
        int gold = 0;
        int left = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            with(g, "entities", Arrays.asList(new Object[8]), "spawn_timer", 0, "player_x", 5, "player_y", 5);
            g.act(NOOP);
            List<?> e = present(g);
            gold += (Boolean) e.get(3) ? 1 : 0;
            left += (Boolean) e.get(2) ? 1 : 0;
        }
        assertEquals(1.0 / 3, gold / (double) n, 0.03);
        assertEquals(0.5, left / (double) n, 0.03);
    }

    @Test
    void noSpawnWhenEveryRowIsTaken() {
        List<Object> full = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            full.add(List.of(i % 2 == 0 ? 1 : 8, i + 1, i % 2 == 0, false));
        }
        Asterix g = with(quiet(true), "entities", full, "spawn_timer", 0, "player_x", 5);
        ScriptedRandom script = new ScriptedRandom();
        for (double u : new double[] {0.9, 0.1, 0.1}) { // sticky, left/right, gold: no slot draw follows
            script.add(ScriptedRandom.Draw.uniform(u));
        }
        g.useRandom(script);
        g.act(NOOP);
        assertEquals(3, script.used());
        assertEquals(full, g.minAtarState().get("entities"));
        assertEquals(9, var(g, "spawn_timer"), "the timer restarts anyway");
    }

    @Test
    void difficultyRampsEvery102FramesSpawnsFirstThenMoves() {
        Asterix g = quiet(true);
        repeat(g, NOOP, 101);
        assertArrayEquals(new int[] {0, 10, 5}, ramp(g));
        assertEquals(-1, var(g, "ramp_timer"));
        g.act(NOOP); // frame 102
        assertArrayEquals(new int[] {1, 9, 5}, ramp(g), "ramp index 0 is even: only the spawn interval drops");
        assertEquals(100, var(g, "ramp_timer"));
        repeat(g, NOOP, 102); // frame 204
        assertArrayEquals(new int[] {2, 8, 4}, ramp(g), "odd index 1: the move interval drops too");
        assertEquals(2, g.difficultyRamp());
    }

    @Test
    void theRampStopsAtIntervalsOfOneAndWithoutRamping() {
        Asterix g = with(quiet(true), "spawn_speed", 1, "move_speed", 1, "ramp_timer", -1, "ramp_index", 9);
        g.act(NOOP);
        assertArrayEquals(new int[] {9, 1, 1}, ramp(g));
        assertEquals(-1, var(g, "ramp_timer"), "no ramp left: the timer no longer runs");

        g = with(quiet(true), "spawn_speed", 2, "move_speed", 1, "ramp_timer", -1, "ramp_index", 3);
        g.act(NOOP);
        assertArrayEquals(new int[] {4, 1, 1}, ramp(g), "move interval stays at 1");

        Asterix off = quiet(false);
        repeat(off, NOOP, 500);
        assertArrayEquals(new int[] {0, 10, 5}, ramp(off));
        assertEquals(100, var(off, "ramp_timer"));
    }

    static int[] ramp(Asterix g) {
        return new int[] {g.difficultyRamp(), var(g, "spawn_speed"), var(g, "move_speed")};
    }

    @Test
    void trailsMarkTheCellBehindEachEntity() {
        Asterix g = with(quiet(true), "entities", one(3, 4, true, false), "move_timer", 3);
        assertTrue(g.channel(3, 4, Asterix.ENEMY));
        assertTrue(g.channel(3, 3, Asterix.TRAIL));
        assertFalse(g.channel(3, 5, Asterix.TRAIL));
        assertTrue(g.channel(5, 5, Asterix.PLAYER));
        g = with(quiet(true), "entities", one(3, 9, false, true));
        assertTrue(g.channel(3, 9, Asterix.GOLD));
        for (int x = 0; x < 10; x++) {
            assertFalse(g.channel(3, x, Asterix.TRAIL), "the trail of a fresh spawn is off the grid");
        }
    }
}
