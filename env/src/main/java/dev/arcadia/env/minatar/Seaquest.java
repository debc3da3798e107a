package dev.arcadia.env.minatar;

import dev.arcadia.env.Options;
import dev.arcadia.env.util.StateCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * MinAtar's Seaquest (Young and Tian 2019), following {@code minatar/environments/seaquest.py} of MinAtar 1.0.15.
 *
 * <h2>Description</h2>
 * The player's submarine (a front and a back cell, which show its heading) shoots enemy fish and enemy submarines,
 * which cross rows 1 to 8; enemy submarines shoot back. Divers cross too; touching one picks it up (at most 6 on
 * board). Oxygen runs down while submerged. Surfacing (row 0) with at least one diver refills the oxygen and drops one
 * diver; surfacing with six drops all of them and pays a bonus. Enemies, divers and their directions show through a
 * trail channel; the bottom row shows an oxygen bar and a diver bar.
 *
 * <h2>Actions</h2>
 * {@code Discrete(6)} (n, l, u, r, d, f) for both {@code MinAtar/Seaquest-v0} and {@code -v1} (the minimal set is
 * all six). The submarine stays in columns 0..9 and rows 0..8; firing has a cool-down of 5 frames.
 *
 * <h2>Observations</h2>
 * {@code Box[10, 10, 10]}, HWC: 0 sub_front, 1 sub_back, 2 friendly_bullet, 3 trail, 4 enemy_bullet, 5 enemy_fish,
 * 6 enemy_sub, 7 oxygen_guage (row 9, the first {@code oxygen * 10 / 200} columns), 8 diver_guage (row 9,
 * columns {@code 9 - divers} to 8), 9 diver. (MinAtar's spelling "guage" is kept.)
 *
 * <h2>Rewards</h2>
 * +1 per enemy fish or submarine shot; on surfacing with 6 divers, {@code oxygen * 10 / 200} (integer division).
 *
 * <h2>Episode end</h2>
 * Terminated when an enemy fish, submarine or bullet touches the submarine, when the oxygen is used up (checked
 * before the frame's own decrement, so the frame after the one that reaches 0), or when it surfaces with no diver on
 * board. No time limit.
 *
 * <h2>Dynamics</h2>
 * Each frame, in MinAtar's order: enemy spawn when its timer is 0 (draws: uniform &lt; 1/2 for entering from the
 * left, uniform &lt; 1/3 for a submarine, {@code randint(1, 9)} for the row; nothing spawns in a row holding an
 * enemy moving the other way) and timer restart at the spawn interval (20); diver spawn when its timer is 0 (uniform
 * &lt; 1/2, {@code randint(1, 9)}) and timer restart at 30; the player's action; friendly bullets (one cell a frame,
 * hitting fish before submarines); divers (every 5 frames); enemy submarines (every move-interval frames, 5 at
 * first; each fires every 10 frames a bullet that moves one cell a frame); enemy bullets; enemy fish; timers; oxygen
 * (200, minus one per frame below row 0). MinAtar's list semantics are reproduced exactly, including its quirks: an
 * entity removed from a list by value removes the first equal entry, a submarine removed in a frame may still fire,
 * and surfacing with six divers leaves the count at -1 (MinAtar sets it to 0 and then subtracts one).
 * <b>Ramping</b> (on by default): on every surfacing with divers, while the spawn interval is above 1 or the move
 * interval above 2, the spawn interval drops by 1 (down to 1), on odd ramp indices the move interval drops by 1 (down
 * to 2), and the ramp index grows by 1.
 *
 * <h2>Arguments</h2>
 * {@code sticky_action_prob} (0.1), {@code difficulty_ramping} (true), {@code use_minimal_action_set} (false for
 * v0, true for v1; the same six actions either way).
 *
 * <h2>Version history</h2>
 * v0 / v1: MinAtar 1.0.15's Seaquest (all actions / minimal action set, here the same), checked frame by frame
 * against trajectories recorded from MinAtar.
 *
 * <p>Entity lists grow past their initial capacity (64 each) by allocating; in play they never get close.
 */
public final class Seaquest extends MinAtarGame {

    public static final int SUB_FRONT = 0;
    public static final int SUB_BACK = 1;
    public static final int FRIENDLY_BULLET = 2;
    public static final int TRAIL = 3;
    public static final int ENEMY_BULLET = 4;
    public static final int ENEMY_FISH = 5;
    public static final int ENEMY_SUB = 6;
    public static final int OXYGEN_GUAGE = 7;
    public static final int DIVER_GUAGE = 8;
    public static final int DIVER = 9;

    static final int RAMP_INTERVAL = 100;
    static final int MAX_OXYGEN = 200;
    static final int INIT_SPAWN_SPEED = 20;
    static final int DIVER_SPAWN_SPEED = 30;
    static final int INIT_MOVE_INTERVAL = 5;
    static final int SHOT_COOL_DOWN = 5;
    static final int ENEMY_SHOT_INTERVAL = 10;
    static final int DIVER_MOVE_INTERVAL = 5;

    // Entity fields, as MinAtar's lists: x, y, direction (1 = right), then timers.
    private static final int X = 0;
    private static final int Y = 1;
    private static final int DIR = 2;
    /** Fish, subs and divers: frames until the next move. */
    private static final int MOVE = 3;
    /** Subs: frames until the next shot. */
    private static final int SHOT = 4;

    private int oxygen;
    private int diverCount;
    private int subX;
    private int subY;
    /** Heading: true = right. */
    private boolean subOr;
    private final EntityList fBullets = new EntityList(3);
    private final EntityList eBullets = new EntityList(3);
    private final EntityList eFish = new EntityList(4);
    private final EntityList eSubs = new EntityList(5);
    private final EntityList divers = new EntityList(4);
    private int eSpawnSpeed;
    private int eSpawnTimer;
    private int dSpawnTimer;
    private int moveSpeed;
    private int rampIndex;
    private int shotTimer;
    private boolean surface;
    /** The fields of the entity being processed once it has left its list (MinAtar's loop variable). */
    private final int[] gone = new int[5];

    /** Seaquest with all six actions, sticky actions 0.1 and ramping, as {@code MinAtar/Seaquest-v0}. */
    public Seaquest() {
        this(false, 0.1, true);
    }

    public Seaquest(boolean minimalActionSet, double stickyActionProb, boolean ramping) {
        super("Seaquest", List.of("sub_front", "sub_back", "friendly_bullet", "trail", "enemy_bullet", "enemy_fish",
                "enemy_sub", "oxygen_guage", "diver_guage", "diver"), new int[] {NOOP, LEFT, UP, RIGHT, DOWN, FIRE},
                minimalActionSet, stickyActionProb, ramping);
    }

    /** Builds the game from registry options. */
    public static Seaquest fromOptions(Options o) {
        return new Seaquest(o.getBoolean("use_minimal_action_set"), o.getDouble("sticky_action_prob"),
                o.getBoolean("difficulty_ramping"));
    }

    @Override
    protected void resetGame() {
        oxygen = MAX_OXYGEN;
        diverCount = 0;
        subX = 5;
        subY = 0;
        subOr = false;
        fBullets.clear();
        eBullets.clear();
        eFish.clear();
        eSubs.clear();
        divers.clear();
        eSpawnSpeed = INIT_SPAWN_SPEED;
        eSpawnTimer = eSpawnSpeed;
        dSpawnTimer = DIVER_SPAWN_SPEED;
        moveSpeed = INIT_MOVE_INTERVAL;
        rampIndex = 0;
        shotTimer = 0;
        surface = true;
    }

    private boolean atSub(int x, int y) {
        return x == subX && y == subY;
    }

    @Override
    protected int actGame(int a) {
        int r = 0;
        if (eSpawnTimer == 0) {
            spawnEnemy();
            eSpawnTimer = eSpawnSpeed;
        }
        if (dSpawnTimer == 0) {
            spawnDiver();
            dSpawnTimer = DIVER_SPAWN_SPEED;
        }

        if (a == FIRE && shotTimer == 0) {
            fBullets.add(subX, subY, subOr ? 1 : 0, 0, 0);
            shotTimer = SHOT_COOL_DOWN;
        } else if (a == LEFT) {
            subX = Math.max(0, subX - 1);
            subOr = false;
        } else if (a == RIGHT) {
            subX = Math.min(9, subX + 1);
            subOr = true;
        } else if (a == UP) {
            subY = Math.max(0, subY - 1);
        } else if (a == DOWN) {
            subY = Math.min(8, subY + 1);
        }

        r += updateFriendlyBullets();
        updateDivers();
        r += updateEnemySubs();
        updateEnemyBullets();
        r += updateEnemyFish();

        if (eSpawnTimer > 0) {
            eSpawnTimer--;
        }
        if (dSpawnTimer > 0) {
            dSpawnTimer--;
        }
        if (shotTimer > 0) {
            shotTimer--;
        }
        if (oxygen <= 0) {
            terminal = true;
        }
        if (subY > 0) {
            oxygen--;
            surface = false;
        } else if (!surface) {
            if (diverCount == 0) {
                terminal = true;
            } else {
                r += surface();
            }
        }
        return r;
    }

    // Each update below walks its list as Python's reversed(list) does: from the end, by index, stopping as soon as
    // the index is outside the (possibly shrunk) list. `p` is the current entity's index while it is in the list.

    private int updateFriendlyBullets() {
        int r = 0;
        for (int it = fBullets.size - 1; it >= 0 && it < fBullets.size; it--) {
            int p = it;
            fBullets.add(p, X, fBullets.get(p, DIR) == 1 ? 1 : -1);
            int bx = fBullets.get(p, X);
            int by = fBullets.get(p, Y);
            if (bx < 0 || bx > 9) {
                fBullets.removeFirstEqual(p);
                continue;
            }
            boolean removed = false;
            for (int k = 0; k < eFish.size; k++) {
                if (eFish.get(k, X) == bx && eFish.get(k, Y) == by) {
                    eFish.removeFirstEqual(k);
                    fBullets.removeFirstEqual(p);
                    r++;
                    removed = true;
                    break;
                }
            }
            if (!removed) {
                for (int k = 0; k < eSubs.size; k++) {
                    if (eSubs.get(k, X) == bx && eSubs.get(k, Y) == by) {
                        eSubs.removeFirstEqual(k);
                        fBullets.removeFirstEqual(p);
                        r++;
                        break;
                    }
                }
            }
        }
        return r;
    }

    private void updateDivers() {
        for (int it = divers.size - 1; it >= 0 && it < divers.size; it--) {
            int p = it;
            if (atSub(divers.get(p, X), divers.get(p, Y)) && diverCount < 6) {
                divers.removeFirstEqual(p);
                diverCount++;
            } else if (divers.get(p, MOVE) == 0) {
                divers.set(p, MOVE, DIVER_MOVE_INTERVAL);
                divers.add(p, X, divers.get(p, DIR) == 1 ? 1 : -1);
                int dx = divers.get(p, X);
                if (dx < 0 || dx > 9) {
                    divers.removeFirstEqual(p);
                } else if (atSub(dx, divers.get(p, Y)) && diverCount < 6) {
                    divers.removeFirstEqual(p);
                    diverCount++;
                }
            } else {
                divers.add(p, MOVE, -1);
            }
        }
    }

    /**
     * Removes entity {@code p} of {@code list} by value, as Python's {@code list.remove(obj)}: the first equal entry
     * goes. Returns the current entity's new index, or -1 when the entity itself left (its fields then in
     * {@link #gone}).
     */
    private int removeCurrent(EntityList list, int p) {
        list.copyTo(p, gone);
        int j = list.removeFirstEqual(p);
        return j == p ? -1 : p - 1;
    }

    private int field(EntityList list, int p, int f) {
        return p >= 0 ? list.get(p, f) : gone[f];
    }

    private int updateEnemySubs() {
        int r = 0;
        for (int it = eSubs.size - 1; it >= 0 && it < eSubs.size; it--) {
            int p = it;
            if (atSub(eSubs.get(p, X), eSubs.get(p, Y))) {
                terminal = true;
            }
            if (eSubs.get(p, MOVE) == 0) {
                eSubs.set(p, MOVE, moveSpeed);
                eSubs.add(p, X, eSubs.get(p, DIR) == 1 ? 1 : -1);
                int sx = eSubs.get(p, X);
                int sy = eSubs.get(p, Y);
                if (sx < 0 || sx > 9) {
                    p = removeCurrent(eSubs, p);
                } else if (atSub(sx, sy)) {
                    terminal = true;
                } else {
                    for (int k = 0; k < fBullets.size; k++) {
                        if (fBullets.get(k, X) == sx && fBullets.get(k, Y) == sy) {
                            p = removeCurrent(eSubs, p);
                            fBullets.removeFirstEqual(k);
                            r++;
                            break;
                        }
                    }
                }
            } else {
                eSubs.add(p, MOVE, -1);
            }
            // A submarine that just left the list still fires (MinAtar's loop variable lives on).
            if (field(eSubs, p, SHOT) == 0) {
                if (p >= 0) {
                    eSubs.set(p, SHOT, ENEMY_SHOT_INTERVAL);
                }
                eBullets.add(field(eSubs, p, X), field(eSubs, p, Y), field(eSubs, p, DIR), 0, 0);
            } else if (p >= 0) {
                eSubs.add(p, SHOT, -1);
            }
        }
        return r;
    }

    private void updateEnemyBullets() {
        for (int it = eBullets.size - 1; it >= 0 && it < eBullets.size; it--) {
            int p = it;
            if (atSub(eBullets.get(p, X), eBullets.get(p, Y))) {
                terminal = true;
            }
            eBullets.add(p, X, eBullets.get(p, DIR) == 1 ? 1 : -1);
            int bx = eBullets.get(p, X);
            if (bx < 0 || bx > 9) {
                eBullets.removeFirstEqual(p);
            } else if (atSub(bx, eBullets.get(p, Y))) {
                terminal = true;
            }
        }
    }

    private int updateEnemyFish() {
        int r = 0;
        for (int it = eFish.size - 1; it >= 0 && it < eFish.size; it--) {
            int p = it;
            if (atSub(eFish.get(p, X), eFish.get(p, Y))) {
                terminal = true;
            }
            if (eFish.get(p, MOVE) == 0) {
                eFish.set(p, MOVE, moveSpeed);
                eFish.add(p, X, eFish.get(p, DIR) == 1 ? 1 : -1);
                int fx = eFish.get(p, X);
                int fy = eFish.get(p, Y);
                if (fx < 0 || fx > 9) {
                    eFish.removeFirstEqual(p);
                } else if (atSub(fx, fy)) {
                    terminal = true;
                } else {
                    for (int k = 0; k < fBullets.size; k++) {
                        if (fBullets.get(k, X) == fx && fBullets.get(k, Y) == fy) {
                            eFish.removeFirstEqual(p);
                            fBullets.removeFirstEqual(k);
                            r++;
                            break;
                        }
                    }
                }
            } else {
                eFish.add(p, MOVE, -1);
            }
        }
        return r;
    }

    /** MinAtar's {@code _surface}: called when the sub reaches row 0 with divers on board. */
    private int surface() {
        surface = true;
        int r;
        if (diverCount == 6) {
            diverCount = 0;
            r = Math.floorDiv(oxygen * 10, MAX_OXYGEN);
        } else {
            r = 0;
        }
        oxygen = MAX_OXYGEN;
        diverCount--;
        if (ramping && (eSpawnSpeed > 1 || moveSpeed > 2)) {
            if (moveSpeed > 2 && rampIndex % 2 == 1) {
                moveSpeed--;
            }
            if (eSpawnSpeed > 1) {
                eSpawnSpeed--;
            }
            rampIndex++;
        }
        return r;
    }

    private void spawnEnemy() {
        boolean lr = random().nextDouble() < 0.5;
        boolean isSub = random().nextDouble() < 1.0 / 3.0;
        int x = lr ? 0 : 9;
        int y = random().nextInt(1, 9);
        int dir = lr ? 1 : 0;
        if (rowHasOther(eSubs, y, dir) || rowHasOther(eFish, y, dir)) {
            return;
        }
        if (isSub) {
            eSubs.add(x, y, dir, moveSpeed, ENEMY_SHOT_INTERVAL);
        } else {
            eFish.add(x, y, dir, moveSpeed, 0);
        }
    }

    private static boolean rowHasOther(EntityList list, int y, int dir) {
        for (int k = 0; k < list.size; k++) {
            if (list.get(k, Y) == y && list.get(k, DIR) != dir) {
                return true;
            }
        }
        return false;
    }

    private void spawnDiver() {
        boolean lr = random().nextDouble() < 0.5;
        int y = random().nextInt(1, 9);
        divers.add(lr ? 0 : 9, y, lr ? 1 : 0, DIVER_MOVE_INTERVAL, 0);
    }

    @Override
    protected void draw() {
        set(subY, subX, SUB_FRONT);
        int back = subOr ? subX - 1 : subX + 1;
        if (back >= 0 && back <= 9) { // always on the grid in play
            set(subY, back, SUB_BACK);
        }
        int o = Math.max(0, oxygen) * 10 / MAX_OXYGEN;
        for (int x = 0; x < Math.min(o, SIZE); x++) {
            set(9, x, OXYGEN_GUAGE);
        }
        for (int x = Math.max(0, 9 - diverCount); x < 9; x++) {
            set(9, x, DIVER_GUAGE);
        }
        for (int k = 0; k < fBullets.size; k++) {
            set(fBullets.get(k, Y), fBullets.get(k, X), FRIENDLY_BULLET);
        }
        for (int k = 0; k < eBullets.size; k++) {
            set(eBullets.get(k, Y), eBullets.get(k, X), ENEMY_BULLET);
        }
        drawWithTrail(eFish, ENEMY_FISH);
        drawWithTrail(eSubs, ENEMY_SUB);
        drawWithTrail(divers, DIVER);
    }

    private void drawWithTrail(EntityList list, int channel) {
        for (int k = 0; k < list.size; k++) {
            int x = list.get(k, X);
            int y = list.get(k, Y);
            set(y, x, channel);
            int back = list.get(k, DIR) == 1 ? x - 1 : x + 1;
            if (back >= 0 && back <= 9) {
                set(y, back, TRAIL);
            }
        }
    }

    @Override
    protected int[] playerCell() {
        return new int[] {subY, subX};
    }

    @Override
    public int difficultyRamp() {
        return rampIndex;
    }

    /** Oxygen left (200 when full). */
    public int oxygen() {
        return oxygen;
    }

    /** Divers on board (MinAtar's {@code diver_count}; -1 after surfacing with six). */
    public int diverCount() {
        return diverCount;
    }

    // ---------------------------------------------------------------- state

    @Override
    protected void writeGame(StateCodec.Writer out) {
        out.writeInt(oxygen).writeInt(diverCount).writeInt(subX).writeInt(subY).writeBoolean(subOr);
        for (EntityList l : lists()) {
            out.writeInt(l.size);
            for (int i = 0; i < l.size * l.stride; i++) {
                out.writeInt(l.data[i]);
            }
        }
        out.writeInt(eSpawnSpeed).writeInt(eSpawnTimer).writeInt(dSpawnTimer).writeInt(moveSpeed).writeInt(rampIndex)
                .writeInt(shotTimer).writeBoolean(surface);
    }

    private EntityList[] lists() {
        return new EntityList[] {fBullets, eBullets, eFish, eSubs, divers};
    }

    @Override
    protected void readGame(StateCodec.Reader in) {
        int ox = readInt(in, "oxygen", -ANY, MAX_OXYGEN);
        int dc = readInt(in, "diver_count", -ANY, ANY);
        int sx = readInt(in, "sub_x", 0, 9);
        int sy = readInt(in, "sub_y", 0, 8);
        boolean so = in.readBoolean();
        int[][] contents = new int[5][];
        EntityList[] ls = lists();
        for (int l = 0; l < ls.length; l++) {
            int n = readInt(in, "entity count", 0, 1 << 16);
            contents[l] = new int[n * ls[l].stride];
            for (int i = 0; i < contents[l].length; i++) {
                boolean position = i % ls[l].stride <= Y;
                contents[l][i] = position ? readInt(in, "entity position", 0, 9) : readInt(in, "entity field", -ANY, ANY);
            }
        }
        int[] t = new int[6];
        for (int i = 0; i < t.length; i++) {
            t[i] = readInt(in, "timer", -ANY, ANY);
        }
        boolean surf = in.readBoolean();
        oxygen = ox;
        diverCount = dc;
        subX = sx;
        subY = sy;
        subOr = so;
        for (int l = 0; l < ls.length; l++) {
            ls[l].setAll(contents[l]);
        }
        eSpawnSpeed = t[0];
        eSpawnTimer = t[1];
        dSpawnTimer = t[2];
        moveSpeed = t[3];
        rampIndex = t[4];
        shotTimer = t[5];
        surface = surf;
    }

    @Override
    protected void putVars(Map<String, Object> vars) {
        vars.put("oxygen", oxygen);
        vars.put("diver_count", diverCount);
        vars.put("sub_x", subX);
        vars.put("sub_y", subY);
        vars.put("sub_or", subOr);
        vars.put("f_bullets", fBullets.toLists());
        vars.put("e_bullets", eBullets.toLists());
        vars.put("e_fish", eFish.toLists());
        vars.put("e_subs", eSubs.toLists());
        vars.put("divers", divers.toLists());
        vars.put("e_spawn_speed", eSpawnSpeed);
        vars.put("e_spawn_timer", eSpawnTimer);
        vars.put("d_spawn_timer", dSpawnTimer);
        vars.put("move_speed", moveSpeed);
        vars.put("ramp_index", rampIndex);
        vars.put("shot_timer", shotTimer);
        vars.put("surface", surface);
    }

    @Override
    protected void loadVars(Vars v) {
        int ox = v.integer("oxygen");
        int sx = v.integer("sub_x");
        int sy = v.integer("sub_y");
        if (sx < 0 || sx > 9 || sy < 0 || sy > 8) {
            throw new IllegalArgumentException("Seaquest state: sub at (" + sx + ", " + sy + ") is off its area");
        }
        if (ox > MAX_OXYGEN) {
            throw new IllegalArgumentException("Seaquest state: oxygen " + ox + " is above " + MAX_OXYGEN);
        }
        int[][] contents = new int[5][];
        String[] names = {"f_bullets", "e_bullets", "e_fish", "e_subs", "divers"};
        EntityList[] ls = lists();
        for (int l = 0; l < ls.length; l++) {
            List<?> list = v.list(names[l]);
            contents[l] = new int[list.size() * ls[l].stride];
            for (int k = 0; k < list.size(); k++) {
                int[] e = v.entity(names[l], list.get(k), ls[l].stride);
                if (e[0] < 0 || e[0] > 9 || e[1] < 0 || e[1] > 9) {
                    throw new IllegalArgumentException("Seaquest state: " + names[l] + " entry " + k + " at (" + e[0]
                            + ", " + e[1] + ") is off the grid");
                }
                System.arraycopy(e, 0, contents[l], k * ls[l].stride, e.length);
            }
        }
        oxygen = ox;
        diverCount = v.integer("diver_count");
        subX = sx;
        subY = sy;
        subOr = v.bool("sub_or");
        for (int l = 0; l < ls.length; l++) {
            ls[l].setAll(contents[l]);
        }
        eSpawnSpeed = v.integer("e_spawn_speed");
        eSpawnTimer = v.integer("e_spawn_timer");
        dSpawnTimer = v.integer("d_spawn_timer");
        moveSpeed = v.integer("move_speed");
        rampIndex = v.integer("ramp_index");
        shotTimer = v.integer("shot_timer");
        surface = v.bool("surface");
    }

    /**
     * A Python list of small int lists, stored flat: {@code stride} ints per entity, in list order. Removal keeps the
     * order (Python's {@code list.remove}).
     */
    static final class EntityList {
        final int stride;
        int[] data;
        int size;

        EntityList(int stride) {
            this.stride = stride;
            this.data = new int[64 * stride];
        }

        void clear() {
            size = 0;
        }

        int get(int i, int f) {
            return data[i * stride + f];
        }

        void set(int i, int f, int v) {
            data[i * stride + f] = v;
        }

        void add(int i, int f, int delta) {
            data[i * stride + f] += delta;
        }

        /** Appends an entity; fields beyond the stride are ignored. */
        void add(int a, int b, int c, int d, int e) {
            if ((size + 1) * stride > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            int o = size * stride;
            data[o] = a;
            data[o + 1] = b;
            data[o + 2] = c;
            if (stride > 3) {
                data[o + 3] = d;
            }
            if (stride > 4) {
                data[o + 4] = e;
            }
            size++;
        }

        void copyTo(int i, int[] out) {
            System.arraycopy(data, i * stride, out, 0, stride);
        }

        /** Removes the first entry equal to entry {@code i} (Python's {@code list.remove}); returns its index. */
        int removeFirstEqual(int i) {
            int j = 0;
            while (!Arrays.equals(data, j * stride, j * stride + stride, data, i * stride, i * stride + stride)) {
                j++;
            }
            System.arraycopy(data, (j + 1) * stride, data, j * stride, (size - j - 1) * stride);
            size--;
            return j;
        }

        void setAll(int[] flat) {
            if (flat.length > data.length) {
                data = Arrays.copyOf(flat, Math.max(flat.length, data.length * 2));
            } else {
                System.arraycopy(flat, 0, data, 0, flat.length);
            }
            size = flat.length / stride;
        }

        /** As MinAtar's lists, the direction field as a boolean. */
        List<List<Object>> toLists() {
            List<List<Object>> out = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                List<Object> e = new ArrayList<>();
                for (int f = 0; f < stride; f++) {
                    e.add(f == DIR ? (Object) (get(k, f) == 1) : (Object) get(k, f));
                }
                out.add(e);
            }
            return out;
        }
    }
}
