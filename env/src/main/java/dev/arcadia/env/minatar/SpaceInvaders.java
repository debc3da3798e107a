package dev.arcadia.env.minatar;

import dev.arcadia.env.Options;
import dev.arcadia.env.util.StateCodec;
import java.util.List;
import java.util.Map;

/**
 * MinAtar's Space Invaders (Young and Tian 2019), following {@code minatar/environments/space_invaders.py} of
 * MinAtar 1.0.15.
 *
 * <h2>Description</h2>
 * A cannon on the bottom row shoots upward at a 4x6 block of aliens that marches sideways, stepping down a row and
 * turning whenever it touches a side. The aliens shoot back from the alien nearest the cannon. Two channels, one for
 * each direction, repeat the alien grid to show which way the block is moving.
 *
 * <h2>Actions</h2>
 * {@code Discrete(6)} (n, l, u, r, d, f; u and d do nothing) for {@code MinAtar/SpaceInvaders-v0},
 * {@code Discrete(4)} (n, l, r, f) for {@code -v1}. Firing has a cool-down of 5 frames.
 *
 * <h2>Observations</h2>
 * {@code Box[10, 10, 6]}, HWC: 0 cannon, 1 alien, 2 alien_left (aliens, when moving left), 3 alien_right (when
 * moving right), 4 friendly_bullet, 5 enemy_bullet.
 *
 * <h2>Rewards</h2>
 * +1 per alien shot.
 *
 * <h2>Episode end</h2>
 * Terminated when an enemy bullet or an alien reaches the cannon's cell, or when the block turns while it occupies
 * the bottom row. No time limit.
 *
 * <h2>Dynamics</h2>
 * Each frame: the action (fire puts a bullet on the cannon's cell if the cool-down is over; l/r move the cannon);
 * friendly bullets move up a row and enemy bullets down a row (leaving the grid removes them); when the alien move
 * timer is 0 it restarts at {@code min(aliens left, move interval)} and the block moves one column, or, if it touches
 * the side it moves towards, turns and moves down a row (numpy's roll: a bottom row would wrap to the top); when the
 * shot timer is 0 it restarts at 10 and the lowest alien of the column nearest the cannon (ties: the left column)
 * fires; cells holding both an alien and a friendly bullet clear and score. A cleared wave is replaced by a new 4x6
 * block in rows 0..3, columns 2..7, keeping the direction and the move timer. The move interval starts at 12, so
 * the block speeds up as fewer than 12 aliens remain. No randomness besides the sticky actions.
 * <b>Ramping</b> (on by default): each cleared wave lowers the move interval by 1, down to 6, and raises the ramp
 * index.
 *
 * <h2>Arguments</h2>
 * {@code sticky_action_prob} (0.1), {@code difficulty_ramping} (true), {@code use_minimal_action_set} (false for
 * v0, true for v1).
 *
 * <h2>Version history</h2>
 * v0 / v1: MinAtar 1.0.15's Space Invaders with all actions / the minimal action set, checked frame by frame
 * against trajectories recorded from MinAtar.
 */
public final class SpaceInvaders extends MinAtarGame {

    public static final int CANNON = 0;
    public static final int ALIEN = 1;
    public static final int ALIEN_LEFT = 2;
    public static final int ALIEN_RIGHT = 3;
    public static final int FRIENDLY_BULLET = 4;
    public static final int ENEMY_BULLET = 5;

    static final int SHOT_COOL_DOWN = 5;
    static final int ENEMY_MOVE_INTERVAL = 12;
    static final int ENEMY_SHOT_INTERVAL = 10;
    private static final int ROW = (1 << SIZE) - 1;
    /** Columns 2..7: a new wave's rows. */
    private static final int WAVE_ROW = 0b0011111100;

    // The three maps as one 10-bit mask per row (bit x = column x).
    private final int[] alien = new int[SIZE];
    private final int[] fBullet = new int[SIZE];
    private final int[] eBullet = new int[SIZE];
    private int pos;
    private int alienDir;
    private int enemyMoveInterval;
    private int alienMoveTimer;
    private int alienShotTimer;
    private int rampIndex;
    private int shotTimer;

    /** Space Invaders with all six actions, sticky actions 0.1 and ramping, as {@code MinAtar/SpaceInvaders-v0}. */
    public SpaceInvaders() {
        this(false, 0.1, true);
    }

    public SpaceInvaders(boolean minimalActionSet, double stickyActionProb, boolean ramping) {
        super("SpaceInvaders", List.of("cannon", "alien", "alien_left", "alien_right", "friendly_bullet",
                "enemy_bullet"), new int[] {NOOP, LEFT, RIGHT, FIRE}, minimalActionSet, stickyActionProb, ramping);
    }

    /** Builds the game from registry options. */
    public static SpaceInvaders fromOptions(Options o) {
        return new SpaceInvaders(o.getBoolean("use_minimal_action_set"), o.getDouble("sticky_action_prob"),
                o.getBoolean("difficulty_ramping"));
    }

    @Override
    protected void resetGame() {
        pos = 5;
        for (int y = 0; y < SIZE; y++) {
            fBullet[y] = 0;
            eBullet[y] = 0;
            alien[y] = y < 4 ? WAVE_ROW : 0;
        }
        alienDir = -1;
        enemyMoveInterval = ENEMY_MOVE_INTERVAL;
        alienMoveTimer = enemyMoveInterval;
        alienShotTimer = ENEMY_SHOT_INTERVAL;
        rampIndex = 0;
        shotTimer = 0;
    }

    private boolean at(int[] map, int y, int x) {
        return (map[y] >>> x & 1) != 0;
    }

    private int alienCount() {
        int n = 0;
        for (int y = 0; y < SIZE; y++) {
            n += Integer.bitCount(alien[y]);
        }
        return n;
    }

    private boolean anyInColumn(int x) {
        int bit = 1 << x;
        for (int y = 0; y < SIZE; y++) {
            if ((alien[y] & bit) != 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected int actGame(int a) {
        if (a == FIRE && shotTimer == 0) {
            fBullet[9] |= 1 << pos;
            shotTimer = SHOT_COOL_DOWN;
        } else if (a == LEFT) {
            pos = Math.max(0, pos - 1);
        } else if (a == RIGHT) {
            pos = Math.min(9, pos + 1);
        }

        // Friendly bullets up a row (the top row leaves), enemy bullets down a row (the bottom row leaves).
        System.arraycopy(fBullet, 1, fBullet, 0, SIZE - 1);
        fBullet[9] = 0;
        System.arraycopy(eBullet, 0, eBullet, 1, SIZE - 1);
        eBullet[0] = 0;
        if (at(eBullet, 9, pos)) {
            terminal = true;
        }

        if (at(alien, 9, pos)) {
            terminal = true;
        }
        if (alienMoveTimer == 0) {
            alienMoveTimer = Math.min(alienCount(), enemyMoveInterval);
            if ((anyInColumn(0) && alienDir < 0) || (anyInColumn(9) && alienDir > 0)) {
                alienDir = -alienDir;
                if (alien[9] != 0) {
                    terminal = true;
                }
                int bottom = alien[9]; // numpy.roll wraps the bottom row to the top
                System.arraycopy(alien, 0, alien, 1, SIZE - 1);
                alien[0] = bottom;
            } else {
                for (int y = 0; y < SIZE; y++) {
                    int m = alien[y];
                    alien[y] = alienDir < 0 ? (m >>> 1) | ((m & 1) << 9) : ((m << 1) & ROW) | (m >>> 9 & 1);
                }
            }
            if (at(alien, 9, pos)) {
                terminal = true;
            }
        }
        if (alienShotTimer == 0) {
            alienShotTimer = ENEMY_SHOT_INTERVAL;
            fireNearestAlien();
        }

        int r = 0;
        for (int y = 0; y < SIZE; y++) {
            int kill = alien[y] & fBullet[y];
            if (kill != 0) {
                r += Integer.bitCount(kill);
                alien[y] &= ~kill;
                fBullet[y] &= ~kill;
            }
        }

        if (shotTimer > 0) {
            shotTimer--;
        }
        alienMoveTimer--;
        alienShotTimer--;
        if (alienCount() == 0) {
            if (enemyMoveInterval > 6 && ramping) {
                enemyMoveInterval--;
                rampIndex++;
            }
            for (int y = 0; y < 4; y++) {
                alien[y] = WAVE_ROW;
            }
        }
        return r;
    }

    /** MinAtar's {@code _nearest_alien}: columns by distance from the cannon (ties: left first), lowest alien. */
    private void fireNearestAlien() {
        for (int d = 0; d < SIZE; d++) {
            if (pos - d >= 0 && fireFrom(pos - d)) {
                return;
            }
            if (d > 0 && pos + d <= 9 && fireFrom(pos + d)) {
                return;
            }
        }
    }

    /** Puts an enemy bullet on the lowest alien of column {@code x}, if there is one. */
    private boolean fireFrom(int x) {
        for (int y = SIZE - 1; y >= 0; y--) {
            if (at(alien, y, x)) {
                eBullet[y] |= 1 << x;
                return true;
            }
        }
        return false;
    }

    @Override
    protected void draw() {
        set(9, pos, CANNON);
        int dirChannel = alienDir < 0 ? ALIEN_LEFT : ALIEN_RIGHT;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (at(alien, y, x)) {
                    set(y, x, ALIEN);
                    set(y, x, dirChannel);
                }
                if (at(fBullet, y, x)) {
                    set(y, x, FRIENDLY_BULLET);
                }
                if (at(eBullet, y, x)) {
                    set(y, x, ENEMY_BULLET);
                }
            }
        }
    }

    @Override
    protected int[] playerCell() {
        return new int[] {9, pos};
    }

    @Override
    public int difficultyRamp() {
        return rampIndex;
    }

    /** Aliens left in the current wave. */
    public int aliensLeft() {
        return alienCount();
    }

    /** Frames between alien moves at full strength (12, down to 6 with ramping). */
    public int enemyMoveInterval() {
        return enemyMoveInterval;
    }

    @Override
    protected void writeGame(StateCodec.Writer out) {
        for (int y = 0; y < SIZE; y++) {
            out.writeInt(alien[y]).writeInt(fBullet[y]).writeInt(eBullet[y]);
        }
        out.writeInt(pos).writeInt(alienDir).writeInt(enemyMoveInterval).writeInt(alienMoveTimer)
                .writeInt(alienShotTimer).writeInt(rampIndex).writeInt(shotTimer);
    }

    @Override
    protected void readGame(StateCodec.Reader in) {
        int[] rows = new int[3 * SIZE];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = readInt(in, "grid row", 0, ROW);
        }
        int p = readInt(in, "pos", 0, 9);
        int dir = in.readInt();
        if (dir != -1 && dir != 1) {
            throw new IllegalArgumentException("snapshot of SpaceInvaders is corrupt: alien_dir = " + dir
                    + ", expected -1 or 1");
        }
        int interval = readInt(in, "enemy_move_interval", -ANY, ANY);
        int moveTimer = readInt(in, "alien_move_timer", -ANY, ANY);
        int shot = readInt(in, "alien_shot_timer", -ANY, ANY);
        int ramp = readInt(in, "ramp_index", -ANY, ANY);
        int st = readInt(in, "shot_timer", -ANY, ANY);
        for (int y = 0; y < SIZE; y++) {
            alien[y] = rows[3 * y];
            fBullet[y] = rows[3 * y + 1];
            eBullet[y] = rows[3 * y + 2];
        }
        pos = p;
        alienDir = dir;
        enemyMoveInterval = interval;
        alienMoveTimer = moveTimer;
        alienShotTimer = shot;
        rampIndex = ramp;
        shotTimer = st;
    }

    private static boolean[] toGrid(int[] rows) {
        boolean[] g = new boolean[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                g[y * SIZE + x] = (rows[y] >>> x & 1) != 0;
            }
        }
        return g;
    }

    private static void fromGrid(boolean[] g, int[] rows) {
        for (int y = 0; y < SIZE; y++) {
            int m = 0;
            for (int x = 0; x < SIZE; x++) {
                m |= g[y * SIZE + x] ? 1 << x : 0;
            }
            rows[y] = m;
        }
    }

    @Override
    protected void putVars(Map<String, Object> vars) {
        vars.put("pos", pos);
        vars.put("f_bullet_map", gridToLists(toGrid(fBullet)));
        vars.put("e_bullet_map", gridToLists(toGrid(eBullet)));
        vars.put("alien_map", gridToLists(toGrid(alien)));
        vars.put("alien_dir", alienDir);
        vars.put("enemy_move_interval", enemyMoveInterval);
        vars.put("alien_move_timer", alienMoveTimer);
        vars.put("alien_shot_timer", alienShotTimer);
        vars.put("ramp_index", rampIndex);
        vars.put("shot_timer", shotTimer);
    }

    @Override
    protected void loadVars(Vars v) {
        int p = v.integer("pos");
        int dir = v.integer("alien_dir");
        if (p < 0 || p > 9) {
            throw new IllegalArgumentException("SpaceInvaders state: pos " + p + " is off the grid (0..9)");
        }
        if (dir != -1 && dir != 1) {
            throw new IllegalArgumentException("SpaceInvaders state: alien_dir must be -1 or 1, got " + dir);
        }
        boolean[] f = v.grid("f_bullet_map");
        boolean[] e = v.grid("e_bullet_map");
        boolean[] al = v.grid("alien_map");
        pos = p;
        alienDir = dir;
        fromGrid(f, fBullet);
        fromGrid(e, eBullet);
        fromGrid(al, alien);
        enemyMoveInterval = v.integer("enemy_move_interval");
        alienMoveTimer = v.integer("alien_move_timer");
        alienShotTimer = v.integer("alien_shot_timer");
        rampIndex = v.integer("ramp_index");
        shotTimer = v.integer("shot_timer");
    }
}
