package dev.arcadia.env.minatar;

import dev.arcadia.env.Options;
import dev.arcadia.env.util.StateCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * MinAtar's Asterix (Young and Tian, "MinAtar: An Atari-Inspired Testbed for Thorough and Reproducible Reinforcement
 * Learning Experiments", 2019), following {@code minatar/environments/asterix.py} of MinAtar 1.0.15.
 *
 * <h2>Description</h2>
 * The player moves freely in rows 1 to 8. Enemies and treasure (gold) enter from the left or right edge, one per
 * row, and move across; a trail channel marks the cell behind each one, which shows its direction.
 *
 * <h2>Actions</h2>
 * {@code Discrete(6)} (n, l, u, r, d, f; f does nothing) for {@code MinAtar/Asterix-v0}, {@code Discrete(5)}
 * (n, l, u, r, d) for {@code -v1}. The player stays in columns 0..9 and rows 1..8.
 *
 * <h2>Observations</h2>
 * {@code Box[10, 10, 4]}, HWC: 0 player, 1 enemy, 2 trail, 3 gold.
 *
 * <h2>Rewards</h2>
 * +1 for each gold picked up: gold on the player's cell after the player's move, or moving onto it.
 *
 * <h2>Episode end</h2>
 * Terminated when an enemy and the player share a cell (after the player's move or after the enemies' move).
 * No time limit.
 *
 * <h2>Dynamics</h2>
 * Each frame: when the spawn timer is 0 an entity spawns (uniform draw &lt; 1/2: from the left moving right, else
 * from the right moving left; draw &lt; 1/3: gold, else enemy) into a uniformly drawn free row of 1..8 (nothing when
 * all eight are taken, the two uniform draws still made) and the timer restarts at the spawn speed (10); the player
 * moves; contacts are resolved; when the move timer is 0 every entity moves one cell (leaving the grid removes it),
 * contacts are resolved again and the move timer restarts at the move speed (5); both timers count down by one.
 * <b>Ramping</b> (on by default): a ramp timer starts at 100 and counts down once per frame; the frame after it
 * passes below 0 it restarts at 100 and the difficulty rises: the spawn speed drops by 1 (down to 1) and on every
 * odd ramp index the move speed drops by 1 (down to 1). The first ramp is thus in frame 102, then every 102 frames.
 *
 * <h2>Arguments</h2>
 * {@code sticky_action_prob} (0.1), {@code difficulty_ramping} (true), {@code use_minimal_action_set} (false for
 * v0, true for v1): MinAtar's and its Gymnasium registration's keywords.
 *
 * <h2>Version history</h2>
 * v0 / v1: MinAtar 1.0.15's Asterix with all actions / the minimal action set (MinAtar's Gymnasium ids), checked
 * frame by frame against trajectories recorded from MinAtar.
 */
public final class Asterix extends MinAtarGame {

    public static final int PLAYER = 0;
    public static final int ENEMY = 1;
    public static final int TRAIL = 2;
    public static final int GOLD = 3;

    static final int RAMP_INTERVAL = 100;
    static final int INIT_SPAWN_SPEED = 10;
    static final int INIT_MOVE_INTERVAL = 5;
    private static final int SLOTS = 8;

    private int playerX;
    private int playerY;
    /** Entity slot i lives in row i + 1; MinAtar's {@code entities[i]} is [x, y, moving right, is gold] or None. */
    private final boolean[] present = new boolean[SLOTS];
    private final int[] ex = new int[SLOTS];
    private final int[] ey = new int[SLOTS];
    private final boolean[] right = new boolean[SLOTS];
    private final boolean[] gold = new boolean[SLOTS];
    private final int[] free = new int[SLOTS];
    /** MinAtar keeps an unused {@code shot_timer} (always 0); carried for state round trips. */
    private int shotTimer;
    private int spawnSpeed;
    private int spawnTimer;
    private int moveSpeed;
    private int moveTimer;
    private int rampTimer;
    private int rampIndex;

    /** Asterix with all six actions, sticky actions 0.1 and ramping, as {@code MinAtar/Asterix-v0}. */
    public Asterix() {
        this(false, 0.1, true);
    }

    public Asterix(boolean minimalActionSet, double stickyActionProb, boolean ramping) {
        super("Asterix", List.of("player", "enemy", "trail", "gold"), new int[] {NOOP, LEFT, UP, RIGHT, DOWN},
                minimalActionSet, stickyActionProb, ramping);
    }

    /** Builds the game from registry options. */
    public static Asterix fromOptions(Options o) {
        return new Asterix(o.getBoolean("use_minimal_action_set"), o.getDouble("sticky_action_prob"),
                o.getBoolean("difficulty_ramping"));
    }

    @Override
    protected void resetGame() {
        playerX = 5;
        playerY = 5;
        Arrays.fill(present, false);
        shotTimer = 0;
        spawnSpeed = INIT_SPAWN_SPEED;
        spawnTimer = spawnSpeed;
        moveSpeed = INIT_MOVE_INTERVAL;
        moveTimer = moveSpeed;
        rampTimer = RAMP_INTERVAL;
        rampIndex = 0;
    }

    @Override
    protected int actGame(int a) {
        int r = 0;
        if (spawnTimer == 0) {
            spawnEntity();
            spawnTimer = spawnSpeed;
        }
        switch (a) {
            case LEFT -> playerX = Math.max(0, playerX - 1);
            case RIGHT -> playerX = Math.min(9, playerX + 1);
            case UP -> playerY = Math.max(1, playerY - 1);
            case DOWN -> playerY = Math.min(8, playerY + 1);
            default -> { }
        }
        for (int i = 0; i < SLOTS; i++) {
            if (present[i] && ex[i] == playerX && ey[i] == playerY) {
                if (gold[i]) {
                    present[i] = false;
                    r++;
                } else {
                    terminal = true;
                }
            }
        }
        if (moveTimer == 0) {
            moveTimer = moveSpeed;
            for (int i = 0; i < SLOTS; i++) {
                if (present[i]) {
                    ex[i] += right[i] ? 1 : -1;
                    if (ex[i] < 0 || ex[i] > 9) {
                        present[i] = false;
                    } else if (ex[i] == playerX && ey[i] == playerY) {
                        if (gold[i]) {
                            present[i] = false;
                            r++;
                        } else {
                            terminal = true;
                        }
                    }
                }
            }
        }
        spawnTimer--;
        moveTimer--;
        if (ramping && (spawnSpeed > 1 || moveSpeed > 1)) {
            if (rampTimer >= 0) {
                rampTimer--;
            } else {
                if (moveSpeed > 1 && rampIndex % 2 == 1) {
                    moveSpeed--;
                }
                if (spawnSpeed > 1) {
                    spawnSpeed--;
                }
                rampIndex++;
                rampTimer = RAMP_INTERVAL;
            }
        }
        return r;
    }

    private void spawnEntity() {
        boolean lr = random().nextDouble() < 0.5;
        boolean isGold = random().nextDouble() < 1.0 / 3.0;
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (!present[i]) {
                free[n++] = i;
            }
        }
        if (n == 0) {
            return;
        }
        int slot = free[random().nextInt(0, n)];
        present[slot] = true;
        ex[slot] = lr ? 0 : 9;
        ey[slot] = slot + 1;
        right[slot] = lr;
        gold[slot] = isGold;
    }

    @Override
    protected void draw() {
        set(playerY, playerX, PLAYER);
        for (int i = 0; i < SLOTS; i++) {
            if (present[i]) {
                set(ey[i], ex[i], gold[i] ? GOLD : ENEMY);
                int back = right[i] ? ex[i] - 1 : ex[i] + 1;
                if (back >= 0 && back <= 9) {
                    set(ey[i], back, TRAIL);
                }
            }
        }
    }

    @Override
    protected int[] playerCell() {
        return new int[] {playerY, playerX};
    }

    @Override
    public int difficultyRamp() {
        return rampIndex;
    }

    /** Frames until the next spawn, the spawn interval, frames until the entities move, the move interval. */
    public int[] timers() {
        return new int[] {spawnTimer, spawnSpeed, moveTimer, moveSpeed};
    }

    @Override
    protected void writeGame(StateCodec.Writer out) {
        out.writeInt(playerX).writeInt(playerY);
        for (int i = 0; i < SLOTS; i++) {
            out.writeBoolean(present[i]).writeInt(ex[i]).writeInt(ey[i]).writeBoolean(right[i]).writeBoolean(gold[i]);
        }
        out.writeInt(shotTimer).writeInt(spawnSpeed).writeInt(spawnTimer).writeInt(moveSpeed).writeInt(moveTimer)
                .writeInt(rampTimer).writeInt(rampIndex);
    }

    @Override
    protected void readGame(StateCodec.Reader in) {
        int px = readInt(in, "player_x", 0, 9);
        int py = readInt(in, "player_y", 0, 9);
        boolean[] p = new boolean[SLOTS];
        int[] x = new int[SLOTS];
        int[] y = new int[SLOTS];
        boolean[] rt = new boolean[SLOTS];
        boolean[] g = new boolean[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            p[i] = in.readBoolean();
            x[i] = readInt(in, "entity x", -1, 10);
            y[i] = readInt(in, "entity y", 0, 9);
            rt[i] = in.readBoolean();
            g[i] = in.readBoolean();
        }
        int[] t = new int[7];
        for (int i = 0; i < t.length; i++) {
            t[i] = readInt(in, "timer", -ANY, ANY);
        }
        playerX = px;
        playerY = py;
        System.arraycopy(p, 0, present, 0, SLOTS);
        System.arraycopy(x, 0, ex, 0, SLOTS);
        System.arraycopy(y, 0, ey, 0, SLOTS);
        System.arraycopy(rt, 0, right, 0, SLOTS);
        System.arraycopy(g, 0, gold, 0, SLOTS);
        shotTimer = t[0];
        spawnSpeed = t[1];
        spawnTimer = t[2];
        moveSpeed = t[3];
        moveTimer = t[4];
        rampTimer = t[5];
        rampIndex = t[6];
    }

    @Override
    protected void putVars(Map<String, Object> vars) {
        vars.put("player_x", playerX);
        vars.put("player_y", playerY);
        List<Object> entities = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            entities.add(present[i] ? List.of(ex[i], ey[i], right[i], gold[i]) : null);
        }
        vars.put("entities", entities);
        vars.put("shot_timer", shotTimer);
        vars.put("spawn_speed", spawnSpeed);
        vars.put("spawn_timer", spawnTimer);
        vars.put("move_speed", moveSpeed);
        vars.put("move_timer", moveTimer);
        vars.put("ramp_timer", rampTimer);
        vars.put("ramp_index", rampIndex);
    }

    @Override
    protected void loadVars(Vars v) {
        int px = v.integer("player_x");
        int py = v.integer("player_y");
        if (px < 0 || px > 9 || py < 0 || py > 9) {
            throw new IllegalArgumentException("Asterix state: player at (" + px + ", " + py + ") is off the grid");
        }
        List<?> entities = v.list("entities");
        if (entities.size() != SLOTS) {
            throw new IllegalArgumentException("Asterix state 'entities': expected 8 slots, got " + entities.size());
        }
        for (int i = 0; i < SLOTS; i++) {
            Object e = entities.get(i);
            present[i] = e != null;
            if (e != null) {
                int[] f = v.entity("entities", e, 4);
                if (f[0] < 0 || f[0] > 9 || f[1] < 0 || f[1] > 9) {
                    throw new IllegalArgumentException("Asterix state: entity " + i + " at (" + f[0] + ", " + f[1]
                            + ") is off the grid");
                }
                ex[i] = f[0];
                ey[i] = f[1];
                right[i] = f[2] != 0;
                gold[i] = f[3] != 0;
            }
        }
        playerX = px;
        playerY = py;
        shotTimer = v.integer("shot_timer");
        spawnSpeed = v.integer("spawn_speed");
        spawnTimer = v.integer("spawn_timer");
        moveSpeed = v.integer("move_speed");
        moveTimer = v.integer("move_timer");
        rampTimer = v.integer("ramp_timer");
        rampIndex = v.integer("ramp_index");
    }
}
