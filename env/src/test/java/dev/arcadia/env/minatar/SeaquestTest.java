package dev.arcadia.env.minatar;

import static dev.arcadia.env.minatar.MinAtarGame.DOWN;
import static dev.arcadia.env.minatar.MinAtarGame.FIRE;
import static dev.arcadia.env.minatar.MinAtarGame.LEFT;
import static dev.arcadia.env.minatar.MinAtarGame.NOOP;
import static dev.arcadia.env.minatar.MinAtarGame.RIGHT;
import static dev.arcadia.env.minatar.MinAtarGame.UP;
import static dev.arcadia.env.minatar.Rules.e;
import static dev.arcadia.env.minatar.Rules.entities;
import static dev.arcadia.env.minatar.Rules.repeat;
import static dev.arcadia.env.minatar.Rules.var;
import static dev.arcadia.env.minatar.Rules.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seaquest's rules, from MinAtar's seaquest.py: shooting, divers, oxygen, surfacing (with its bonus and its -1 diver
 * quirk), the ramp on surfacing, enemy fire, collisions and the spawn rule.
 */
class SeaquestTest {

    /** After reset(seed), sticky actions off, no spawns for a long while, the sub at (x, y) facing left. */
    static Seaquest at(int x, int y, boolean ramping) {
        Seaquest g = new Seaquest(false, 0.0, ramping);
        g.reset(1);
        return with(g, "e_spawn_timer", 10_000, "d_spawn_timer", 10_000, "sub_x", x, "sub_y", y,
                "surface", y == 0);
    }

    @Test
    void startsSurfacedWithFullOxygen() {
        Seaquest g = new Seaquest();
        g.reset(3);
        assertEquals(200, g.oxygen());
        assertEquals(0, g.diverCount());
        assertTrue(g.channel(0, 5, Seaquest.SUB_FRONT));
        assertTrue(g.channel(0, 6, Seaquest.SUB_BACK), "facing left: the back is to the right");
        for (int x = 0; x < 10; x++) {
            assertTrue(g.channel(9, x, Seaquest.OXYGEN_GUAGE));
            assertFalse(g.channel(9, x, Seaquest.DIVER_GUAGE));
        }
        assertEquals(0, repeat(g, NOOP, 100), "staying at the surface is safe");
        assertEquals(200, g.oxygen());
    }

    @Test
    void shootingAFishScoresAndFiringHasACoolDown() {
        Seaquest g = with(at(5, 3, true), "e_fish", entities(e(3, 3, true, 5)));
        assertEquals(0, g.act(FIRE));
        assertEquals(entities(e(4, 3, false)), g.minAtarState().get("f_bullets"), "one cell towards the heading");
        assertEquals(5, var(g, "shot_timer") + 1, "cool-down 5, counted down at the end of the frame");
        assertEquals(1, g.act(FIRE), "the bullet reaches the fish at (3, 3)");
        assertEquals(List.of(), g.minAtarState().get("e_fish"));
        assertEquals(List.of(), g.minAtarState().get("f_bullets"), "the second FIRE was in the cool-down");
    }

    @Test
    void shootingASubmarineScoresAndFacingDecidesTheDirection() {
        Seaquest g = with(at(5, 3, true), "e_subs", entities(e(7, 3, false, 3, 9)));
        g.act(RIGHT); // to (6, 3), facing right
        assertEquals(1, g.act(FIRE), "bullet from (6, 3) moves to (7, 3): hit");
        assertEquals(List.of(), g.minAtarState().get("e_subs"));
    }

    @Test
    void enemySubmarinesFireEveryTenFrames() {
        Seaquest g = with(at(5, 7, true), "e_subs", entities(e(0, 3, true, 100, 0)));
        g.act(NOOP);
        assertEquals(entities(e(1, 3, true)), g.minAtarState().get("e_bullets"), "fired from (0, 3), moved once");
        assertEquals(10, ((List<?>) ((List<?>) g.minAtarState().get("e_subs")).get(0)).get(4));
        repeat(g, NOOP, 10);
        assertEquals(List.of(), g.minAtarState().get("e_bullets"), "the first bullet left the grid in frame 10");
        g.act(NOOP);
        assertEquals(entities(e(1, 3, true)), g.minAtarState().get("e_bullets"), "the next shot in frame 12");
    }

    @Test
    void enemiesAndTheirBulletsKillOnContact() {
        Seaquest g = with(at(5, 3, true), "e_fish", entities(e(6, 3, false, 0)));
        g.act(NOOP);
        assertTrue(g.isTerminal(), "a fish moving onto the sub");
        g = with(at(5, 3, true), "e_subs", entities(e(4, 3, true, 5, 5)));
        g.act(LEFT);
        assertTrue(g.isTerminal(), "the sub moving onto an enemy sub");
        g = with(at(5, 3, true), "e_bullets", entities(e(6, 3, false)));
        g.act(NOOP);
        assertTrue(g.isTerminal(), "an enemy bullet");
        assertEquals(0, g.act(NOOP));
    }

    @Test
    void oxygenRunsOutBelowTheSurface() {
        Seaquest g = at(5, 3, true);
        repeat(g, NOOP, 150);
        assertEquals(50, g.oxygen());
        int cells = 0;
        for (int x = 0; x < 10; x++) {
            cells += g.channel(9, x, Seaquest.OXYGEN_GUAGE) ? 1 : 0;
        }
        assertEquals(2, cells, "50 * 10 / 200 = 2 cells");
        repeat(g, NOOP, 50);
        assertFalse(g.isTerminal(), "oxygen 0 after frame 200");
        g.act(NOOP);
        assertTrue(g.isTerminal(), "checked at the end of the next frame");
    }

    @Test
    void diversArePickedUpUpToSix() {
        Seaquest g = with(at(5, 3, true), "divers", entities(e(4, 3, true, 5)));
        g.act(LEFT);
        assertEquals(1, g.diverCount());
        assertEquals(List.of(), g.minAtarState().get("divers"));
        g = with(at(5, 3, true), "divers", entities(e(4, 3, true, 0)), "diver_count", 3);
        g.act(NOOP);
        assertEquals(4, g.diverCount(), "a diver swimming into the sub");
        for (int x = 0; x < 10; x++) {
            assertEquals(x >= 5 && x <= 8, g.channel(9, x, Seaquest.DIVER_GUAGE), "4 divers: columns 5..8");
        }
        g = with(at(5, 3, true), "divers", entities(e(4, 3, true, 5)), "diver_count", 6);
        g.act(LEFT);
        assertEquals(6, g.diverCount());
        assertEquals(1, ((List<?>) g.minAtarState().get("divers")).size(), "a full sub leaves the diver");
    }

    @Test
    void surfacingWithoutDiversEndsTheGame() {
        Seaquest g = at(5, 1, true);
        assertEquals(0, g.act(UP));
        assertTrue(g.isTerminal());
    }

    @Test
    void surfacingWithDiversRefillsOxygenDropsOneAndRamps() {
        Seaquest g = with(at(5, 1, true), "diver_count", 2, "oxygen", 80);
        assertEquals(0, g.act(UP));
        assertFalse(g.isTerminal());
        assertArrayEquals(new int[] {200, 1, 1, 19, 5}, state(g), "ramp index 0 is even: spawn interval only");
        assertEquals(0, g.act(NOOP), "staying up does not surface again");
        assertEquals(1, g.diverCount());
        g.act(DOWN);
        g.act(UP);
        assertArrayEquals(new int[] {200, 0, 2, 18, 4}, state(g), "odd index 1: the move interval drops too");
    }

    /** Oxygen, divers, ramp index, spawn interval, move interval. */
    static int[] state(Seaquest g) {
        return new int[] {g.oxygen(), g.diverCount(), g.difficultyRamp(), var(g, "e_spawn_speed"),
                var(g, "move_speed")};
    }

    @Test
    void surfacingWithSixDiversPaysForTheOxygenLeftAndLeavesMinusOne() {
        Seaquest g = with(at(5, 1, true), "diver_count", 6, "oxygen", 157);
        assertEquals(7, g.act(UP), "157 * 10 / 200, integer division");
        assertArrayEquals(new int[] {200, -1, 1, 19, 5}, state(g), "MinAtar sets 0, then subtracts one");
        for (int x = 0; x < 10; x++) {
            assertFalse(g.channel(9, x, Seaquest.DIVER_GUAGE));
        }
        g.act(DOWN);
        assertEquals(0, g.act(UP));
        assertFalse(g.isTerminal(), "-1 divers is not 0: surfacing is allowed");
        assertEquals(-2, g.diverCount());
    }

    @Test
    void theRampStopsAtItsFloorsAndWithoutRamping() {
        Seaquest g = with(at(5, 1, true), "diver_count", 3, "e_spawn_speed", 1, "move_speed", 2, "ramp_index", 7);
        g.act(UP);
        assertArrayEquals(new int[] {200, 2, 7, 1, 2}, state(g));
        g = with(at(5, 1, false), "diver_count", 3);
        g.act(UP);
        assertArrayEquals(new int[] {200, 2, 0, 20, 5}, state(g));
    }

    @Test
    void noEnemySpawnsInARowWithAnEnemyMovingTheOtherWay() {
        for (boolean sameWay : new boolean[] {true, false}) {
            Seaquest g = with(at(5, 7, true), "e_spawn_timer", 0, "e_fish", entities(e(5, 4, sameWay, 100)));
            ScriptedRandom script = new ScriptedRandom();
            script.add(ScriptedRandom.Draw.uniform(0.5)); // sticky
            script.add(ScriptedRandom.Draw.uniform(0.2)); // < 1/2: from the left, moving right
            script.add(ScriptedRandom.Draw.uniform(0.1)); // < 1/3: a submarine
            script.add(ScriptedRandom.Draw.integer(1, 9, 4)); // row 4
            g.useRandom(script);
            g.act(NOOP);
            assertEquals(4, script.used());
            assertEquals(sameWay ? 1 : 0, ((List<?>) g.minAtarState().get("e_subs")).size());
            assertEquals(19, var(g, "e_spawn_timer"), "the timer restarts either way");
        }
    }

    @Test
    void theSubStaysAboveTheBottomRowAndTurnsWithLeftAndRight() {
        Seaquest g = at(5, 8, true);
        g.act(DOWN);
        assertEquals(8, var(g, "sub_y"));
        g.act(RIGHT);
        assertTrue(g.channel(8, 6, Seaquest.SUB_FRONT) && g.channel(8, 5, Seaquest.SUB_BACK));
        g.act(LEFT);
        assertTrue(g.channel(8, 5, Seaquest.SUB_FRONT) && g.channel(8, 6, Seaquest.SUB_BACK));
    }
}
