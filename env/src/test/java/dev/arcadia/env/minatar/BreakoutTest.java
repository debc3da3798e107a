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

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Breakout's rules, from MinAtar's breakout.py: start, bounces, bricks, the paddle and the end. */
class BreakoutTest {

    static Breakout game() {
        Breakout g = new Breakout(false, 0.0, true);
        g.reset(1);
        return g;
    }

    /** Ball (x, y, direction), paddle column; directions: 0 up-left, 1 up-right, 2 down-right, 3 down-left. */
    static Breakout ball(Breakout g, int x, int y, int dir, int pos) {
        return with(g, "ball_x", x, "ball_y", y, "ball_dir", dir, "pos", pos, "last_x", x, "last_y", y);
    }

    static int[] ballOf(Breakout g) {
        return new int[] {var(g, "ball_x"), var(g, "ball_y"), var(g, "ball_dir")};
    }

    @Test
    void theBallStartsInRowThreeAtEitherSideMovingDown() {
        Set<List<Integer>> starts = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            Breakout g = new Breakout();
            g.reset(seed);
            starts.add(List.of(var(g, "ball_x"), var(g, "ball_y"), var(g, "ball_dir")));
            assertEquals(4, var(g, "pos"));
            assertEquals(30, g.brickCount());
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 10; x++) {
                    assertEquals(y >= 1 && y <= 3, g.channel(y, x, Breakout.BRICK));
                }
            }
            assertTrue(g.channel(var(g, "ball_y"), var(g, "ball_x"), Breakout.TRAIL), "the trail starts on the ball");
        }
        assertEquals(Set.of(List.of(0, 3, 2), List.of(9, 3, 3)), starts);
    }

    @Test
    void aBrickBreaksScoresAndTurnsTheBallBack() {
        Breakout g = ball(game(), 4, 4, 0, 4);
        assertEquals(1, g.act(NOOP));
        assertArrayEquals(new int[] {3, 4, 3}, ballOf(g), "the ball stays in its row, now moving down-left");
        assertFalse(g.channel(3, 3, Breakout.BRICK));
        assertEquals(29, g.brickCount());
        assertTrue(g.channel(4, 4, Breakout.TRAIL));
        assertTrue(var(g, "strike") == 1);
        g.act(NOOP);
        assertTrue(var(g, "strike") == 0, "a frame without a brick clears the strike flag");
    }

    @Test
    void rightAfterAStrikeTheBallEntersABrickWithoutBreakingIt() {
        Breakout g = with(ball(game(), 4, 4, 0, 4), "strike", true);
        assertEquals(0, g.act(NOOP));
        assertArrayEquals(new int[] {3, 3, 0}, ballOf(g), "MinAtar's strike flag: the ball passes into the brick");
        assertTrue(g.channel(3, 3, Breakout.BRICK));
        assertTrue(g.channel(3, 3, Breakout.BALL));
    }

    @Test
    void wallsAndTheTopReflect() {
        Breakout g = ball(game(), 0, 6, 3, 4);
        g.act(NOOP);
        assertArrayEquals(new int[] {0, 7, 2}, ballOf(g), "left wall: clamped, now moving down-right");
        g = ball(game(), 9, 6, 2, 4);
        g.act(NOOP);
        assertArrayEquals(new int[] {9, 7, 3}, ballOf(g), "right wall");
        g = with(ball(game(), 5, 0, 1, 4), "brick_map", grid());
        g.act(NOOP);
        assertArrayEquals(new int[] {6, 0, 2}, ballOf(g), "top: clamped to row 0, now moving down-right");
    }

    @Test
    void thePaddleReturnsTheBallStraightOrReversed() {
        Breakout g = ball(game(), 5, 8, 2, 5);
        g.act(NOOP);
        assertArrayEquals(new int[] {6, 8, 1}, ballOf(g), "paddle under the old column: straight back up");
        assertFalse(g.isTerminal());
        g = ball(game(), 5, 8, 2, 6);
        g.act(NOOP);
        assertArrayEquals(new int[] {6, 8, 0}, ballOf(g), "paddle under the new column: back the way it came");
        g = ball(game(), 5, 8, 2, 5);
        g.act(RIGHT); // the paddle moves first: now under the new column
        assertArrayEquals(new int[] {6, 8, 0}, ballOf(g));
    }

    @Test
    void missingTheBallEndsTheGame() {
        Breakout g = ball(game(), 5, 8, 2, 2);
        assertEquals(0, g.act(NOOP));
        assertTrue(g.isTerminal());
        assertArrayEquals(new int[] {6, 9, 2}, ballOf(g), "the ball lands in the bottom row");
        assertEquals(0, g.act(LEFT));
        assertEquals(2, var(g, "pos"), "nothing moves after the end");
    }

    @Test
    void aBrickOutsideRowsOneToThreeIsRefused() {
        Breakout g = with(ball(game(), 5, 7, 2, 0), "brick_map", grid(2, 4));
        assertTrue(g.channel(2, 4, Breakout.BRICK), "rows 1 to 3 hold bricks");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> with(game(), "brick_map", grid(5, 3)));
        assertTrue(e.getMessage().contains("row 5, column 3") && e.getMessage().contains("rows 1 to 3"), e.getMessage());
    }

    @Test
    void clearingAllBricksBringsThreeNewRowsWhenTheBallReachesTheBottom() {
        Breakout g = with(ball(game(), 5, 7, 2, 0), "brick_map", grid());
        g.act(NOOP);
        assertEquals(0, g.brickCount(), "not before the ball reaches row 9");
        g.act(NOOP);
        assertTrue(g.isTerminal());
        assertEquals(30, g.brickCount(), "refilled even by the losing frame, as in MinAtar");
        g = with(ball(game(), 5, 8, 2, 6), "brick_map", grid());
        g.act(NOOP);
        assertFalse(g.isTerminal());
        assertEquals(30, g.brickCount());
    }

    @Test
    void onlyLeftAndRightMoveThePaddleWithinTheGrid() {
        Breakout g = ball(game(), 5, 5, 1, 0);
        for (int a : new int[] {UP, DOWN, FIRE, NOOP, LEFT}) {
            g.act(a);
            assertEquals(0, var(g, "pos"));
        }
        g = ball(game(), 5, 5, 1, 9);
        g.act(RIGHT);
        assertEquals(9, var(g, "pos"));
        assertTrue(g.channel(9, 9, Breakout.PADDLE));
    }

    @Test
    void aLongGameScoresEveryBrickAndRampingChangesNothing() {
        // A paddle that follows the ball's column is under it whenever it lands (the paddle moves first and
        // the ball moves one column per frame), so it never loses: 30 bricks, a refill, more bricks.
        Breakout g = game();
        int total = 0;
        for (int t = 0; t < 3000 && !g.isTerminal(); t++) {
            int x = var(g, "ball_x");
            int pos = var(g, "pos");
            total += g.act(x < pos ? LEFT : x > pos ? RIGHT : NOOP);
        }
        assertFalse(g.isTerminal());
        assertTrue(total > 30, "score " + total);
        assertEquals(-1, g.difficultyRamp());
        assertTrue(MinAtarGameTest.same(MinAtarGameTest.play(new Breakout(false, 0.1, true), 3, 500),
                MinAtarGameTest.play(new Breakout(false, 0.1, false), 3, 500)));
        assertEquals(0, repeat(new Breakout(), NOOP, 0));
    }
}
