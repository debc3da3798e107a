package dev.arcadia.env.minatar;

import static dev.arcadia.env.minatar.MinAtarGame.DOWN;
import static dev.arcadia.env.minatar.MinAtarGame.FIRE;
import static dev.arcadia.env.minatar.MinAtarGame.LEFT;
import static dev.arcadia.env.minatar.MinAtarGame.NOOP;
import static dev.arcadia.env.minatar.MinAtarGame.RIGHT;
import static dev.arcadia.env.minatar.MinAtarGame.UP;
import static dev.arcadia.env.minatar.Rules.grid;
import static dev.arcadia.env.minatar.Rules.repeat;
import static dev.arcadia.env.minatar.Rules.var;
import static dev.arcadia.env.minatar.Rules.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Space Invaders' rules, from MinAtar's space_invaders.py: the marching block, shots both ways, waves, the ramp. */
class SpaceInvadersTest {

    /** After reset(seed), sticky actions off, aliens not shooting for a long while. */
    static SpaceInvaders quiet(boolean ramping) {
        SpaceInvaders g = new SpaceInvaders(false, 0.0, ramping);
        g.reset(1);
        return with(g, "alien_shot_timer", 10_000);
    }

    static List<?> aliens(SpaceInvaders g) {
        return (List<?>) g.minAtarState().get("alien_map");
    }

    /** The alien block's bounding columns and rows: {minCol, maxCol, minRow, maxRow}. */
    static int[] block(SpaceInvaders g) {
        int[] b = {10, -1, 10, -1};
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                if (g.channel(y, x, SpaceInvaders.ALIEN)) {
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.max(b[1], x);
                    b[2] = Math.min(b[2], y);
                    b[3] = Math.max(b[3], y);
                }
            }
        }
        return b;
    }

    @Test
    void aWaveIsAFourBySixBlockMovingLeft() {
        SpaceInvaders g = new SpaceInvaders();
        g.reset(2);
        assertEquals(24, g.aliensLeft());
        assertArrayEquals(new int[] {2, 7, 0, 3}, block(g));
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                assertEquals(g.channel(y, x, SpaceInvaders.ALIEN), g.channel(y, x, SpaceInvaders.ALIEN_LEFT));
                assertFalse(g.channel(y, x, SpaceInvaders.ALIEN_RIGHT));
            }
        }
        assertTrue(g.channel(9, 5, SpaceInvaders.CANNON));
    }

    @Test
    void theBlockMarchesEvery12FramesAndTurnsDownAtTheEdges() {
        SpaceInvaders g = quiet(true);
        repeat(g, NOOP, 12);
        assertArrayEquals(new int[] {2, 7, 0, 3}, block(g));
        g.act(NOOP); // frame 13
        assertArrayEquals(new int[] {1, 6, 0, 3}, block(g));
        repeat(g, NOOP, 12); // frame 25
        assertArrayEquals(new int[] {0, 5, 0, 3}, block(g));
        repeat(g, NOOP, 12); // frame 37: touching the left edge, so down a row and turn
        assertArrayEquals(new int[] {0, 5, 1, 4}, block(g));
        assertEquals(1, var(g, "alien_dir"));
        assertTrue(g.channel(1, 0, SpaceInvaders.ALIEN_RIGHT));
        repeat(g, NOOP, 12);
        assertArrayEquals(new int[] {1, 6, 1, 4}, block(g));
    }

    @Test
    void fewerAliensMarchFaster() {
        SpaceInvaders g = with(quiet(true), "alien_map", grid(0, 4, 0, 5, 1, 4), "alien_move_timer", 0);
        g.act(NOOP);
        assertEquals(2, var(g, "alien_move_timer"), "min(3 aliens, 12) = 3, counted down in the frame");
        g = with(quiet(true), "alien_map", grid(2, 4), "alien_move_timer", 0);
        for (int t = 0; t < 3; t++) {
            g.act(NOOP);
        }
        assertArrayEquals(new int[] {1, 1, 2, 2}, block(g), "a lone alien moves every frame");
    }

    @Test
    void shootingAnAlienScoresAndTheCannonHasACoolDown() {
        SpaceInvaders g = with(quiet(true), "alien_map", grid(0, 2, 7, 5), "alien_move_timer", 10);
        assertEquals(0, g.act(FIRE));
        assertTrue(g.channel(8, 5, SpaceInvaders.FRIENDLY_BULLET), "fired from row 9, moved up once");
        assertEquals(1, g.act(FIRE), "hits the alien at (7, 5); the second FIRE is in the cool-down");
        assertEquals(1, g.aliensLeft());
        for (int y = 0; y < 10; y++) {
            assertFalse(g.channel(y, 5, SpaceInvaders.FRIENDLY_BULLET));
        }
        repeat(g, NOOP, 3);
        g.act(FIRE);
        assertTrue(g.channel(8, 5, SpaceInvaders.FRIENDLY_BULLET), "five frames later the cannon fires again");
    }

    @Test
    void bulletsLeaveTheGrid() {
        SpaceInvaders g = with(quiet(true), "f_bullet_map", grid(0, 3), "e_bullet_map", grid(9, 1), "pos", 5);
        g.act(NOOP);
        assertFalse(g.channel(9, 3, SpaceInvaders.FRIENDLY_BULLET), "no wrap-around");
        assertFalse(g.channel(0, 1, SpaceInvaders.ENEMY_BULLET));
        assertFalse(g.isTerminal());
    }

    @Test
    void theAlienNearestTheCannonShootsFromItsLowestCell() {
        SpaceInvaders g = with(quiet(true), "alien_map", grid(1, 2, 3, 2, 6, 9), "alien_shot_timer", 0,
                "alien_move_timer", 10, "pos", 0);
        g.act(NOOP);
        assertTrue(g.channel(3, 2, SpaceInvaders.ENEMY_BULLET), "column 2 is nearest column 0");
        assertEquals(9, var(g, "alien_shot_timer"));
        g = with(quiet(true), "alien_map", grid(1, 4, 1, 6), "alien_shot_timer", 0, "alien_move_timer", 10,
                "pos", 5);
        g.act(NOOP);
        assertTrue(g.channel(1, 4, SpaceInvaders.ENEMY_BULLET), "a tie goes to the left column");
        assertFalse(g.channel(1, 6, SpaceInvaders.ENEMY_BULLET));
    }

    @Test
    void enemyBulletsAndAliensReachingTheCannonEndTheGame() {
        SpaceInvaders g = with(quiet(true), "e_bullet_map", grid(8, 5), "pos", 5);
        g.act(NOOP);
        assertTrue(g.isTerminal());
        g = with(quiet(true), "e_bullet_map", grid(8, 5), "pos", 5);
        g.act(LEFT);
        assertFalse(g.isTerminal(), "stepping aside");
        g = with(quiet(true), "alien_map", grid(9, 3), "alien_move_timer", 0, "alien_dir", 1, "pos", 4);
        g.act(NOOP);
        assertTrue(g.isTerminal(), "an alien marching onto the cannon");
        g = with(quiet(true), "alien_map", grid(9, 0, 5, 5), "alien_move_timer", 0, "alien_dir", -1, "pos", 8);
        g.act(NOOP);
        assertTrue(g.isTerminal(), "the block turning while in the bottom row");
        assertTrue(g.channel(0, 0, SpaceInvaders.ALIEN), "numpy's roll wraps the bottom row to the top");
    }

    @Test
    void clearingAWaveBringsAFasterOne() {
        SpaceInvaders g = with(quiet(true), "alien_map", grid(7, 5), "alien_move_timer", 3);
        g.act(FIRE);
        assertEquals(1, g.act(NOOP));
        assertEquals(24, g.aliensLeft());
        assertArrayEquals(new int[] {2, 7, 0, 3}, block(g));
        assertEquals(11, g.enemyMoveInterval());
        assertEquals(1, g.difficultyRamp());
        assertEquals(1, var(g, "alien_move_timer"), "the move timer and direction carry over");

        g = with(quiet(true), "alien_map", grid(7, 5), "alien_move_timer", 3, "enemy_move_interval", 6,
                "ramp_index", 6);
        g.act(FIRE);
        g.act(NOOP);
        assertEquals(6, g.enemyMoveInterval(), "the floor is 6");
        assertEquals(6, g.difficultyRamp());

        g = with(quiet(false), "alien_map", grid(7, 5), "alien_move_timer", 3);
        g.act(FIRE);
        g.act(NOOP);
        assertEquals(12, g.enemyMoveInterval(), "no ramp without ramping");
        assertEquals(0, g.difficultyRamp());
    }

    @Test
    void onlyLeftRightAndFireAct() {
        SpaceInvaders g = quiet(true);
        g.act(UP);
        g.act(DOWN);
        assertEquals(5, var(g, "pos"));
        repeat(g, RIGHT, 6);
        assertEquals(9, var(g, "pos"));
        repeat(g, LEFT, 12);
        assertEquals(0, var(g, "pos"));
    }
}
