package dev.arcadia.env.minatar;

import dev.arcadia.env.Env;
import dev.arcadia.env.Renderable;
import dev.arcadia.env.Snapshotable;
import dev.arcadia.env.Step;
import dev.arcadia.env.render.Frame;
import dev.arcadia.env.render.GridFrame;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.Rng;
import dev.arcadia.env.util.StateCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What the five MinAtar games share: MinAtar's {@code Environment} wrapper (sticky actions, the action set, seeding)
 * and Gymnasium's {@code MinAtar/*} registration (minimal action set or all six actions), the 10x10xC channel grid
 * and its observation, snapshot plumbing and the grid frame. Each game supplies its rules in
 * {@link #actGame(int)}, its start state in {@link #resetGame()} and its picture in {@link #draw()}.
 *
 * <h2>Actions</h2>
 * MinAtar's six actions, indexed as in MinAtar: 0 = {@code n} (no-op), 1 = {@code l} (left), 2 = {@code u} (up),
 * 3 = {@code r} (right), 4 = {@code d} (down), 5 = {@code f} (fire). The {@code -v0} ids take all six
 * ({@code Discrete(6)}); the {@code -v1} ids take the game's minimal action set, in MinAtar's order (for Breakout
 * {@code Discrete(3)}: 0 = n, 1 = l, 2 = r). {@link #fullAction(int)} maps an action of this environment to MinAtar's
 * index.
 *
 * <h2>Sticky actions</h2>
 * As MinAtar's {@code Environment.act}: every step first draws a uniform number from the environment's stream; when
 * it is below {@code sticky_action_prob} (0.1) the previous step's (full) action is repeated instead of the one given.
 * The draw happens even with probability 0 and even after termination, as in MinAtar. The remembered action starts
 * as {@code n}; a plain {@link #reset()} keeps it (MinAtar never resets it), {@link #reset(long)} sets it back to
 * {@code n}, so that a seed alone determines an episode (a freshly made and seeded MinAtar environment).
 *
 * <h2>Observations</h2>
 * {@code Box[10, 10, C]} over {@code float[]} of 0/1 values in MinAtar's HWC layout: the value of channel {@code c}
 * at row {@code y} (0 = top) and column {@code x} (0 = left) is at index {@code (y * 10 + x) * C + c}, exactly the
 * order of {@code numpy.ravel()} on MinAtar's {@code state()}. Channel names are in {@link #channelNames()}.
 *
 * <h2>Allocation</h2>
 * {@link #step(Integer)} allocates the observation ({@code float[100 * C]}) and the {@link Step}, nothing else (the
 * info map is shared); resets allocate the same. For allocation-free play use {@link #act(int)} with
 * {@link #isTerminal()}, {@link #observeInto(float[])} and {@link #newEpisode()}: the game keeps its state in
 * primitive fields and draws it straight into the caller's array.
 *
 * <h2>Rendering</h2>
 * {@link #render()} gives a 10x10 {@link GridFrame} whose legend is {@code "empty"} followed by the channel names;
 * a cell shows the on channel with the highest index (as MinAtar's own display, which paints
 * {@code max(channel index + 1)}), and the agent marker sits on the player.
 *
 * <h2>Random stream</h2>
 * One {@link Rng} per environment, as MinAtar shares one {@code RandomState} between the sticky draw and the game:
 * uniform draws ({@code rand()}) are {@code nextDouble()}, integer draws ({@code randint(lo, hi)}) are
 * {@code nextInt(lo, hi)}, in MinAtar's order, so replaying MinAtar's recorded draws replays its game exactly.
 */
public abstract class MinAtarGame implements Env<float[], Integer>, Snapshotable, Renderable {

    public static final int NOOP = 0;
    public static final int LEFT = 1;
    public static final int UP = 2;
    public static final int RIGHT = 3;
    public static final int DOWN = 4;
    public static final int FIRE = 5;

    /** MinAtar's action names, indexed by its full action index. */
    public static final List<String> ACTION_NAMES = List.of("n", "l", "u", "r", "d", "f");

    /** Rows and columns of every MinAtar grid. */
    public static final int SIZE = 10;

    private static final Map<String, Object> NO_INFO = Map.of();

    private final String name;
    private final List<String> channelNames;
    /** Channels per cell (C). */
    protected final int channels;
    private final int[] actionSet;
    private final boolean minimalActionSet;
    private final double stickyActionProb;
    /** MinAtar's {@code difficulty_ramping}; games without a ramp ignore it. */
    protected final boolean ramping;
    private final Discrete actionSpace;
    private final Box observationSpace;
    private final List<String> legend;

    private final Rng rng = new Rng(0);
    /** The stream the game draws from: {@link #rng}, or a scripted one in conformance tests. */
    private RandomGenerator random = rng;
    private boolean seeded;
    private boolean started;
    /** The last full action taken (after stickiness), MinAtar's {@code last_action}. */
    private int lastAction = NOOP;
    /** MinAtar's {@code terminal}. */
    protected boolean terminal;

    /** The channel grid, HWC, 0/1, for {@link #channel} and {@link #render}; valid while {@link #gridValid}. */
    private final float[] grid;
    private boolean gridValid;
    /** Where {@link #set} draws: {@link #grid} or the caller's observation array. */
    private float[] canvas;

    /**
     * @param name             the game's name, e.g. "Breakout" (also the snapshot tag)
     * @param channelNames     MinAtar's channel names in channel order
     * @param minimalActions   the game's minimal action set as full action indices, in MinAtar's order
     * @param minimalActionSet true for the minimal action set (the -v1 ids), false for all six actions (-v0)
     * @param stickyActionProb probability in [0, 1] of repeating the previous action
     * @param ramping          MinAtar's {@code difficulty_ramping}
     */
    protected MinAtarGame(String name, List<String> channelNames, int[] minimalActions, boolean minimalActionSet,
                          double stickyActionProb, boolean ramping) {
        if (!(stickyActionProb >= 0 && stickyActionProb <= 1)) {
            throw new IllegalArgumentException("sticky_action_prob of " + name + " must be in [0, 1], got "
                    + stickyActionProb);
        }
        this.name = name;
        this.channelNames = List.copyOf(channelNames);
        this.channels = channelNames.size();
        this.minimalActionSet = minimalActionSet;
        this.actionSet = minimalActionSet ? minimalActions.clone() : new int[] {0, 1, 2, 3, 4, 5};
        this.stickyActionProb = stickyActionProb;
        this.ramping = ramping;
        this.actionSpace = new Discrete(actionSet.length);
        this.observationSpace = Box.uniform(0f, 1f, SIZE, SIZE, channels);
        List<String> l = new ArrayList<>();
        l.add("empty");
        l.addAll(channelNames);
        this.legend = List.copyOf(l);
        this.grid = new float[SIZE * SIZE * channels];
    }

    // ---------------------------------------------------------------- what each game supplies

    /** MinAtar's {@code Env.reset()}: the start state, drawing from {@link #random()} as MinAtar does. */
    protected abstract void resetGame();

    /**
     * MinAtar's {@code Env.act(a)} for a non-terminal game: one frame under full action {@code a}.
     *
     * @return the reward of the frame
     */
    protected abstract int actGame(int a);

    /** Sets the game's cells with {@link #set(int, int, int)} on a cleared grid (MinAtar's {@code state()}). */
    protected abstract void draw();

    /** The player's cell {row, col} for the frame's agent marker. */
    protected abstract int[] playerCell();

    /** MinAtar's {@code difficulty_ramp()}: the ramp index, or -1 for games without a ramp (MinAtar's None). */
    public abstract int difficultyRamp();

    /** Writes the game's own fields (after the shared ones). */
    protected abstract void writeGame(StateCodec.Writer out);

    /** Reads what {@link #writeGame} wrote, validating it; throws IllegalArgumentException on corrupt values. */
    protected abstract void readGame(StateCodec.Reader in);

    /** Puts the game's variables under MinAtar's Python attribute names. */
    protected abstract void putVars(Map<String, Object> vars);

    /** Loads the variables that {@link #putVars} names; every one must be present. */
    protected abstract void loadVars(Vars vars);

    // ---------------------------------------------------------------- Env

    @Override
    public Step<float[]> reset(long seed) {
        rng.setSeed(seed);
        random = rng;
        seeded = true;
        lastAction = NOOP;
        return start();
    }

    @Override
    public Step<float[]> reset() {
        if (!seeded) {
            rng.setSeed(RandomGenerator.getDefault().nextLong());
            seeded = true;
        }
        return start();
    }

    private Step<float[]> start() {
        begin();
        return Step.ofReset(observation(), NO_INFO);
    }

    private void begin() {
        terminal = false;
        resetGame();
        started = true;
        gridValid = false;
    }

    /**
     * Starts a new episode as {@link #reset()} does (continuing the random stream; seeding it first if it never was)
     * but returns nothing, so that it allocates nothing: for loops built on {@link #act(int)} and
     * {@link #observeInto(float[])}.
     */
    public void newEpisode() {
        if (!seeded) {
            rng.setSeed(RandomGenerator.getDefault().nextLong());
            seeded = true;
        }
        begin();
    }

    @Override
    public Step<float[]> step(Integer action) {
        if (action == null) {
            throw new IllegalArgumentException(actionSpace.explainNotContained("action", null) + " " + actionHint());
        }
        int reward = act(action);
        return new Step<>(observation(), reward, terminal, false, NO_INFO);
    }

    /**
     * One frame without allocating: MinAtar's {@code Environment.act} (sticky draw, then the game's frame).
     * After termination every call returns 0 and leaves the game as it is, as MinAtar's {@code act} does.
     *
     * @param action an action of this environment's action space
     * @return the frame's reward
     */
    public int act(int action) {
        if (!started) {
            throw new IllegalStateException(name + ".step() called before reset(); call reset() or reset(seed) first");
        }
        if (action < 0 || action >= actionSet.length) {
            throw new IllegalArgumentException(actionSpace.explainNotContained("action", action) + " " + actionHint());
        }
        int a = actionSet[action];
        if (random.nextDouble() < stickyActionProb) {
            a = lastAction;
        }
        lastAction = a;
        if (terminal) {
            return 0;
        }
        gridValid = false;
        return actGame(a);
    }

    private String actionHint() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < actionSet.length; i++) {
            sb.append(i == 0 ? "" : " ").append(i).append('=').append(ACTION_NAMES.get(actionSet[i]));
        }
        return sb.append(')').toString();
    }

    /** True once the game has ended (MinAtar's {@code terminal}). */
    public boolean isTerminal() {
        return terminal;
    }

    /** A new observation array of the current state. */
    public float[] observation() {
        float[] out = new float[grid.length];
        drawOn(out);
        return out;
    }

    /**
     * Writes the current observation into {@code out} (length {@code 100 * C}, HWC) without allocating.
     *
     * @throws IllegalArgumentException if {@code out} has the wrong length
     */
    public void observeInto(float[] out) {
        if (out.length != grid.length) {
            throw new IllegalArgumentException(name + " observation has " + grid.length + " values (10x10x" + channels
                    + "), got an array of " + out.length);
        }
        Arrays.fill(out, 0f);
        drawOn(out);
    }

    /** Whether channel {@code c} is on at row {@code y}, column {@code x}. */
    public boolean channel(int y, int x, int c) {
        return grid()[(y * SIZE + x) * channels + c] != 0;
    }

    /** The channel grid (HWC, 0/1), redrawn when the state changed; the array is reused, do not keep it. */
    private float[] grid() {
        if (!gridValid) {
            Arrays.fill(grid, 0f);
            drawOn(grid);
            gridValid = true;
        }
        return grid;
    }

    /** Draws the state on a zeroed array. */
    private void drawOn(float[] zeroed) {
        canvas = zeroed;
        draw();
        canvas = grid;
    }

    /** Sets channel {@code c} at row {@code y}, column {@code x}; for {@link #draw()}. */
    protected final void set(int y, int x, int c) {
        canvas[(y * SIZE + x) * channels + c] = 1f;
    }

    /** Sets channel {@code c} of cell {@code cell = y * 10 + x}; for {@link #draw()}. */
    protected final void setCell(int cell, int c) {
        canvas[cell * channels + c] = 1f;
    }

    /** The stream the game draws its random events from. */
    protected final RandomGenerator random() {
        return random;
    }

    /**
     * Replaces the random stream (package-visible, for conformance tests that replay MinAtar's recorded draws);
     * the next {@link #reset(long)} goes back to the environment's own stream.
     */
    void useRandom(RandomGenerator source) {
        random = Objects.requireNonNull(source, "source");
    }

    @Override
    public Space<float[]> observationSpace() {
        return observationSpace;
    }

    @Override
    public Space<Integer> actionSpace() {
        return actionSpace;
    }

    /** MinAtar's game name in title case, e.g. "SpaceInvaders". */
    public String name() {
        return name;
    }

    /** The channel names, in channel order (MinAtar's). */
    public List<String> channelNames() {
        return channelNames;
    }

    /** Number of channels C. */
    public int channelCount() {
        return channels;
    }

    /** MinAtar's full action index of an action of this environment. */
    public int fullAction(int action) {
        return actionSet[action];
    }

    /** The game's minimal action set as full action indices; all six when this environment uses all actions. */
    public int[] actionSet() {
        return actionSet.clone();
    }

    public boolean minimalActionSet() {
        return minimalActionSet;
    }

    public double stickyActionProb() {
        return stickyActionProb;
    }

    public boolean difficultyRamping() {
        return ramping;
    }

    /** The last full action taken, after stickiness (MinAtar's {@code last_action}). */
    public int lastAction() {
        return lastAction;
    }

    // ---------------------------------------------------------------- MinAtar state by name

    /**
     * The whole game state under MinAtar's Python attribute names ({@code player_x}, {@code entities},
     * {@code brick_map}, ...), plus {@code last_action} of MinAtar's {@code Environment}: integers, booleans and lists,
     * as MinAtar holds them (numpy grids as lists of rows). The random stream is not part of it.
     */
    public Map<String, Object> minAtarState() {
        Map<String, Object> vars = new LinkedHashMap<>();
        putVars(vars);
        vars.put("terminal", terminal);
        vars.put("last_action", lastAction);
        return vars;
    }

    /**
     * Puts the game into a state given as {@link #minAtarState()} names it, e.g. one recorded from MinAtar, leaving the
     * random stream alone; the episode counts as started. Used by the conformance tests; also a way to start from a
     * chosen position. Numbers may be any {@link Number} with an integral value, booleans also 0/1.
     *
     * @throws IllegalArgumentException naming a missing, unknown or ill-typed variable
     */
    public void setMinAtarState(Map<String, ?> state) {
        Vars v = new Vars(name, state);
        int last = v.integer("last_action");
        if (last < 0 || last > 5) {
            throw new IllegalArgumentException(name + " state: last_action must be in 0..5, got " + last);
        }
        loadVars(v);
        terminal = v.bool("terminal");
        v.requireAllUsed();
        lastAction = last;
        started = true;
        gridValid = false;
    }

    /** Typed access to a state map by MinAtar's names, with errors naming the variable and what was found. */
    protected static final class Vars {
        private final String owner;
        private final Map<String, ?> map;
        private final List<String> used = new ArrayList<>();

        Vars(String owner, Map<String, ?> map) {
            this.owner = owner;
            this.map = map;
        }

        private Object get(String key) {
            if (!map.containsKey(key)) {
                throw new IllegalArgumentException(owner + " state lacks '" + key + "'; expected the keys of "
                        + "minAtarState()");
            }
            used.add(key);
            return map.get(key);
        }

        public int integer(String key) {
            return toInt(key, get(key));
        }

        public boolean bool(String key) {
            return toBool(key, get(key));
        }

        /** A list (possibly containing nulls), e.g. MinAtar's entity lists. */
        public List<?> list(String key) {
            Object o = get(key);
            if (o instanceof List<?> l) {
                return l;
            }
            throw new IllegalArgumentException(owner + " state '" + key + "': expected a list, got " + o);
        }

        /** A 10x10 grid of 0/1 as a list of 10 rows. */
        public boolean[] grid(String key) {
            List<?> rows = list(key);
            boolean[] g = new boolean[SIZE * SIZE];
            if (rows.size() != SIZE) {
                throw new IllegalArgumentException(owner + " state '" + key + "': expected 10 rows, got " + rows.size());
            }
            for (int y = 0; y < SIZE; y++) {
                List<?> row = rows.get(y) instanceof List<?> r ? r : List.of();
                if (row.size() != SIZE) {
                    throw new IllegalArgumentException(owner + " state '" + key + "' row " + y
                            + ": expected 10 values, got " + rows.get(y));
                }
                for (int x = 0; x < SIZE; x++) {
                    g[y * SIZE + x] = toBool(key, row.get(x));
                }
            }
            return g;
        }

        /** An entity: a list of numbers or booleans, of the given length. */
        public int[] entity(String key, Object o, int length) {
            if (!(o instanceof List<?> l) || l.size() != length) {
                throw new IllegalArgumentException(owner + " state '" + key + "': expected entries of " + length
                        + " values, got " + o);
            }
            int[] out = new int[length];
            for (int i = 0; i < length; i++) {
                Object v = l.get(i);
                out[i] = v instanceof Boolean b ? (b ? 1 : 0) : toInt(key, v);
            }
            return out;
        }

        int toInt(String key, Object o) {
            if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    && Math.abs(n.doubleValue()) < 1e9) {
                return (int) n.doubleValue();
            }
            throw new IllegalArgumentException(owner + " state '" + key + "': expected an integer, got " + o);
        }

        boolean toBool(String key, Object o) {
            if (o instanceof Boolean b) {
                return b;
            }
            if (o instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
                return n.doubleValue() == 1;
            }
            throw new IllegalArgumentException(owner + " state '" + key + "': expected a boolean or 0/1, got " + o);
        }

        void requireAllUsed() {
            for (String k : map.keySet()) {
                if (!used.contains(k)) {
                    throw new IllegalArgumentException(owner + " state has unknown variable '" + k + "'; known: "
                            + String.join(", ", used));
                }
            }
        }
    }

    /** A 10x10 boolean grid as MinAtar's list of rows of 0/1. */
    protected static List<List<Integer>> gridToLists(boolean[] g) {
        List<List<Integer>> rows = new ArrayList<>();
        for (int y = 0; y < SIZE; y++) {
            List<Integer> row = new ArrayList<>();
            for (int x = 0; x < SIZE; x++) {
                row.add(g[y * SIZE + x] ? 1 : 0);
            }
            rows.add(row);
        }
        return rows;
    }

    // ---------------------------------------------------------------- snapshots

    @Override
    public final byte[] snapshot() {
        if (random != rng) {
            throw new IllegalStateException(name + " draws from a replaced random stream; only its own can be snapshot");
        }
        StateCodec.Writer out = new StateCodec.Writer(name).writeBoolean(minimalActionSet)
                .writeDouble(stickyActionProb).writeBoolean(ramping)
                .writeBoolean(seeded).writeBoolean(started).writeInt(lastAction).writeBoolean(terminal)
                .writeLongs(rng.state());
        writeGame(out);
        return out.toByteArray();
    }

    @Override
    public final void restore(byte[] snapshot) {
        StateCodec.Reader in = new StateCodec.Reader(snapshot, name);
        boolean minimal = in.readBoolean();
        double sticky = in.readDouble();
        boolean ramp = in.readBoolean();
        if (minimal != minimalActionSet || Double.compare(sticky, stickyActionProb) != 0 || ramp != ramping) {
            throw new IllegalArgumentException("snapshot is of " + name + " with use_minimal_action_set=" + minimal
                    + ", sticky_action_prob=" + sticky + ", difficulty_ramping=" + ramp + "; this environment has "
                    + minimalActionSet + ", " + stickyActionProb + ", " + ramping);
        }
        boolean wasSeeded = in.readBoolean();
        boolean wasStarted = in.readBoolean();
        int last = in.readInt();
        boolean term = in.readBoolean();
        long[] rngState = in.readLongs();
        if (last < 0 || last > 5) {
            throw new IllegalArgumentException("snapshot of " + name + " is corrupt: last action " + last);
        }
        readGame(in);
        in.end();
        rng.setState(rngState);
        random = rng;
        seeded = wasSeeded;
        started = wasStarted;
        lastAction = last;
        terminal = term;
        gridValid = false;
    }

    /** Bound for timers and counters in snapshots: any value {@link #setMinAtarState} accepts. */
    protected static final int ANY = 1_000_000_000;

    /** Reads an int and checks it lies in [lo, hi]. */
    protected final int readInt(StateCodec.Reader in, String what, int lo, int hi) {
        int v = in.readInt();
        if (v < lo || v > hi) {
            throw new IllegalArgumentException("snapshot of " + name + " is corrupt: " + what + " = " + v
                    + ", expected " + lo + ".." + hi);
        }
        return v;
    }

    // ---------------------------------------------------------------- rendering

    /**
     * The grid: per cell the on channel with the highest index (tile code = channel + 1; 0 = empty), the agent
     * marker on the player, and the last action and ramp as caption.
     */
    @Override
    public Frame render() {
        float[] g = grid();
        byte[] tiles = new byte[SIZE * SIZE];
        for (int cell = 0; cell < SIZE * SIZE; cell++) {
            for (int c = channels - 1; c >= 0; c--) {
                if (g[cell * channels + c] != 0) {
                    tiles[cell] = (byte) (c + 1);
                    break;
                }
            }
        }
        int[] p = started ? playerCell() : new int[] {-1, -1};
        int ramp = difficultyRamp();
        String caption = started ? "action " + ACTION_NAMES.get(lastAction) + (ramp >= 0 ? ", ramp " + ramp : "")
                + (terminal ? ", game over" : "") : "";
        return new GridFrame(SIZE, SIZE, tiles, legend, p[0], p[1], caption);
    }

    /** Text picture of the grid (one character per cell: '.' or the tile code in base 36), for debugging. */
    public String textGrid() {
        GridFrame f = (GridFrame) render();
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int t = f.tile(y, x);
                sb.append(t == 0 ? '.' : Character.forDigit(t, 36));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name + (minimalActionSet ? "[minimal actions]" : "");
    }

    /** The names of this game's actions (the minimal set names a subset of n, l, u, r, d, f). */
    @Override
    public List<String> actionNames() {
        String[] names = new String[actionSet.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = ACTION_NAMES.get(actionSet[i]);
        }
        return List.of(names);
    }
}
