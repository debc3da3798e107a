package dev.arcadia.env.minatar;

import dev.arcadia.env.Options;
import dev.arcadia.env.util.StateCodec;
import java.util.List;
import java.util.Map;

/**
 * MinAtar's Breakout (Young and Tian 2019), following {@code minatar/environments/breakout.py} of MinAtar 1.0.15.
 *
 * <h2>Description</h2>
 * A paddle on the bottom row bounces a ball that travels along diagonals, one cell per frame, to break three rows
 * of bricks (rows 1 to 3). The ball reflects off the side walls, the top and bricks; on the paddle it bounces left or
 * right depending on where it hits. When the ball reaches the bottom row and no brick is left, three new rows appear.
 *
 * <h2>Actions</h2>
 * {@code Discrete(6)} (n, l, u, r, d, f; only l and r act) for {@code MinAtar/Breakout-v0}, {@code Discrete(3)}
 * (n, l, r) for {@code -v1}. The paddle stays in columns 0..9.
 *
 * <h2>Observations</h2>
 * {@code Box[10, 10, 4]}, HWC: 0 paddle, 1 ball, 2 trail (the ball's previous cell), 3 brick.
 *
 * <h2>Rewards</h2>
 * +1 per brick broken.
 *
 * <h2>Episode end</h2>
 * Terminated when the ball reaches the bottom row without hitting the paddle. No time limit.
 *
 * <h2>Dynamics</h2>
 * The ball starts in row 3 at column 0 moving down-right or at column 9 moving down-left (one {@code randint(2)}
 * draw at reset), the paddle in column 4. Each frame the paddle moves, then the ball steps diagonally: off a side
 * wall it is clamped and its horizontal direction flips; above the top it is clamped to row 0 and its vertical
 * direction flips; into a brick (unless a brick was struck the frame before) the brick breaks, the ball stays in its
 * row and its vertical direction flips; into row 9 it bounces straight back up if the paddle is under its old column,
 * back up and reversed horizontally if the paddle is under its new column, and otherwise ends the game. MinAtar's
 * {@code strike} flag (a brick hit in the previous frame lets the ball pass into the next brick without breaking it)
 * is kept as it is. No randomness after the reset and no difficulty ramp: {@code difficulty_ramping} is accepted
 * and ignored, as in MinAtar.
 *
 * <h2>Arguments</h2>
 * {@code sticky_action_prob} (0.1), {@code difficulty_ramping} (true; no effect), {@code use_minimal_action_set}
 * (false for v0, true for v1).
 *
 * <h2>Version history</h2>
 * v0 / v1: MinAtar 1.0.15's Breakout with all actions / the minimal action set, checked frame by frame against
 * trajectories recorded from MinAtar.
 */
public final class Breakout extends MinAtarGame {

    public static final int PADDLE = 0;
    public static final int BALL = 1;
    public static final int TRAIL = 2;
    public static final int BRICK = 3;

    /** MinAtar's ball directions: 0 up-left, 1 up-right, 2 down-right, 3 down-left. */
    private static final int[] FLIP_X = {1, 0, 3, 2};
    private static final int[] FLIP_Y = {3, 2, 1, 0};
    private static final int[] FLIP_BOTH = {2, 3, 0, 1};

    private int ballX;
    private int ballY;
    private int ballDir;
    private int pos;
    private final boolean[] bricks = new boolean[SIZE * SIZE];
    private int brickCount;
    private boolean strike;
    private int lastX;
    private int lastY;

    /** Breakout with all six actions, sticky actions 0.1, as {@code MinAtar/Breakout-v0}. */
    public Breakout() {
        this(false, 0.1, true);
    }

    public Breakout(boolean minimalActionSet, double stickyActionProb, boolean ramping) {
        super("Breakout", List.of("paddle", "ball", "trail", "brick"), new int[] {NOOP, LEFT, RIGHT},
                minimalActionSet, stickyActionProb, ramping);
    }

    /** Builds the game from registry options. */
    public static Breakout fromOptions(Options o) {
        return new Breakout(o.getBoolean("use_minimal_action_set"), o.getDouble("sticky_action_prob"),
                o.getBoolean("difficulty_ramping"));
    }

    @Override
    protected void resetGame() {
        ballY = 3;
        if (random().nextInt(0, 2) == 0) {
            ballX = 0;
            ballDir = 2;
        } else {
            ballX = 9;
            ballDir = 3;
        }
        pos = 4;
        fillBricks();
        strike = false;
        lastX = ballX;
        lastY = ballY;
    }

    private void fillBricks() {
        java.util.Arrays.fill(bricks, false);
        for (int i = SIZE; i < 4 * SIZE; i++) {
            bricks[i] = true;
        }
        brickCount = 3 * SIZE;
    }

    @Override
    protected int actGame(int a) {
        int r = 0;
        if (a == LEFT) {
            pos = Math.max(0, pos - 1);
        } else if (a == RIGHT) {
            pos = Math.min(9, pos + 1);
        }
        lastX = ballX;
        lastY = ballY;
        int newX = ballDir == 0 || ballDir == 3 ? ballX - 1 : ballX + 1;
        int newY = ballDir == 0 || ballDir == 1 ? ballY - 1 : ballY + 1;
        boolean strikeToggle = false;
        if (newX < 0 || newX > 9) {
            newX = newX < 0 ? 0 : 9;
            ballDir = FLIP_X[ballDir];
        }
        if (newY < 0) {
            newY = 0;
            ballDir = FLIP_Y[ballDir];
        } else if (bricks[newY * SIZE + newX]) {
            strikeToggle = true;
            if (!strike) {
                r++;
                strike = true;
                bricks[newY * SIZE + newX] = false;
                brickCount--;
                newY = lastY;
                ballDir = FLIP_Y[ballDir];
            }
        } else if (newY == 9) {
            if (brickCount == 0) {
                fillBricks();
            }
            if (ballX == pos) {
                ballDir = FLIP_Y[ballDir];
                newY = lastY;
            } else if (newX == pos) {
                ballDir = FLIP_BOTH[ballDir];
                newY = lastY;
            } else {
                terminal = true;
            }
        }
        if (!strikeToggle) {
            strike = false;
        }
        ballX = newX;
        ballY = newY;
        return r;
    }

    @Override
    protected void draw() {
        set(ballY, ballX, BALL);
        set(9, pos, PADDLE);
        set(lastY, lastX, TRAIL);
        for (int i = SIZE; i < 4 * SIZE; i++) { // bricks only ever occupy rows 1 to 3
            if (bricks[i]) {
                setCell(i, BRICK);
            }
        }
    }

    @Override
    protected int[] playerCell() {
        return new int[] {9, pos};
    }

    /** No ramp in Breakout: -1 (MinAtar's None). */
    @Override
    public int difficultyRamp() {
        return -1;
    }

    /** Bricks left. */
    public int brickCount() {
        return brickCount;
    }

    @Override
    protected void writeGame(StateCodec.Writer out) {
        out.writeInt(ballX).writeInt(ballY).writeInt(ballDir).writeInt(pos).writeBoolean(strike).writeInt(lastX)
                .writeInt(lastY);
        byte[] b = new byte[bricks.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (bricks[i] ? 1 : 0);
        }
        out.writeBytes(b);
    }

    @Override
    protected void readGame(StateCodec.Reader in) {
        int bx = readInt(in, "ball_x", 0, 9);
        int by = readInt(in, "ball_y", 0, 9);
        int dir = readInt(in, "ball_dir", 0, 3);
        int p = readInt(in, "pos", 0, 9);
        boolean s = in.readBoolean();
        int lx = readInt(in, "last_x", 0, 9);
        int ly = readInt(in, "last_y", 0, 9);
        byte[] b = in.readBytes();
        if (b.length != bricks.length) {
            throw new IllegalArgumentException("snapshot of Breakout is corrupt: " + b.length + " brick cells, expected "
                    + bricks.length);
        }
        ballX = bx;
        ballY = by;
        ballDir = dir;
        pos = p;
        strike = s;
        lastX = lx;
        lastY = ly;
        checkBrickRows(i -> b[i] != 0);
        brickCount = 0;
        for (int i = 0; i < b.length; i++) {
            bricks[i] = b[i] != 0;
            brickCount += bricks[i] ? 1 : 0;
        }
    }

    /** Refuses a state with a brick outside rows 1 to 3, where MinAtar never puts one (and {@link #draw()} looks). */
    private static void checkBrickRows(java.util.function.IntPredicate brickAt) {
        for (int i = 0; i < SIZE * SIZE; i++) {
            if (brickAt.test(i) && (i < SIZE || i >= 4 * SIZE)) {
                throw new IllegalArgumentException("Breakout state: a brick at row " + i / SIZE + ", column " + i % SIZE
                        + "; bricks can only be in rows 1 to 3");
            }
        }
    }

    @Override
    protected void putVars(Map<String, Object> vars) {
        vars.put("ball_y", ballY);
        vars.put("ball_x", ballX);
        vars.put("ball_dir", ballDir);
        vars.put("pos", pos);
        vars.put("brick_map", gridToLists(bricks));
        vars.put("strike", strike);
        vars.put("last_x", lastX);
        vars.put("last_y", lastY);
    }

    @Override
    protected void loadVars(Vars v) {
        int by = v.integer("ball_y");
        int bx = v.integer("ball_x");
        int dir = v.integer("ball_dir");
        int p = v.integer("pos");
        int lx = v.integer("last_x");
        int ly = v.integer("last_y");
        for (int c : new int[] {by, bx, p, lx, ly}) {
            if (c < 0 || c > 9) {
                throw new IllegalArgumentException("Breakout state: coordinate " + c + " is off the grid (0..9)");
            }
        }
        if (dir < 0 || dir > 3) {
            throw new IllegalArgumentException("Breakout state: ball_dir must be 0..3, got " + dir);
        }
        boolean[] b = v.grid("brick_map");
        checkBrickRows(i -> b[i]);
        ballY = by;
        ballX = bx;
        ballDir = dir;
        pos = p;
        strike = v.bool("strike");
        lastX = lx;
        lastY = ly;
        brickCount = 0;
        for (int i = 0; i < b.length; i++) {
            bricks[i] = b[i];
            brickCount += b[i] ? 1 : 0;
        }
    }
}
