package dev.arcadia.env.toytext;

import dev.arcadia.env.Env;
import dev.arcadia.env.Options;
import dev.arcadia.env.Renderable;
import dev.arcadia.env.Snapshotable;
import dev.arcadia.env.Step;
import dev.arcadia.env.TabularEnv;
import dev.arcadia.env.TransitionTable;
import dev.arcadia.env.render.Frame;
import dev.arcadia.env.render.GridFrame;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.Rng;
import dev.arcadia.env.util.StateCodec;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * FrozenLake, with the semantics of Gymnasium 1.x's {@code FrozenLakeEnv}.
 *
 * <h2>Description</h2>
 * Cross a frozen lake from the start (S) to the goal (G) walking on frozen tiles (F) without falling into a hole (H).
 * On a slippery lake the player may move perpendicular to the intended direction.
 *
 * <h2>Actions</h2>
 * {@code Discrete(4)}: 0 = LEFT, 1 = DOWN, 2 = RIGHT, 3 = UP. Moving into an edge leaves the player in place.
 *
 * <h2>Observations</h2>
 * {@code Discrete(nrow * ncol)}: the player's cell {@code row * ncol + col}.
 *
 * <h2>Rewards</h2>
 * {@code reward_schedule = (goal, hole, frozen)}, by default (1, 0, 0): 1 for reaching the goal, 0 otherwise.
 *
 * <h2>Episode end</h2>
 * Terminated on reaching a hole or the goal. The registered ids truncate at 100 steps (4x4) and 200 (8x8).
 * In a terminal state every action keeps the player there with reward 0 (as in Gymnasium's table).
 *
 * <h2>Arguments</h2>
 * {@code desc} (map rows; wins over {@code map_name}), {@code map_name} ("4x4", "8x8", or "random"/null for a
 * random valid map of {@code map_size} (8) tiles a side, frozen with probability {@code map_p} (0.8), drawn from
 * {@code map_seed} (0; Gymnasium draws from an unseeded stream, Arcadia keeps it reproducible)),
 * {@code is_slippery} (true): the intended move happens with probability {@code success_rate} (1/3) and each
 * perpendicular move with {@code (1 - success_rate) / 2}; {@code reward_schedule} ([1, 0, 0]).
 * Step info carries {@code "prob"}, the probability of the transition taken, as Gymnasium's does.
 *
 * <h2>Version history</h2>
 * v1: Gymnasium's FrozenLake-v1 (Gymnasium 1.3.0 tables, checked by a conformance test).
 */
public final class FrozenLake implements Env<Integer, Integer>, Snapshotable, Renderable, TabularEnv {

    public static final int LEFT = 0;
    public static final int DOWN = 1;
    public static final int RIGHT = 2;
    public static final int UP = 3;

    /** Action names, indexed by action. */
    public static final List<String> ACTION_NAMES = List.of("Left", "Down", "Right", "Up");

    private static final List<String> LEGEND = List.of("start", "frozen", "hole", "goal");

    private final FrozenLakeMap map;
    private final boolean slippery;
    private final double successRate;
    private final double[] rewardSchedule;
    private final TransitionTable table;
    private final Discrete observationSpace;
    private final Discrete actionSpace = new Discrete(4);
    /** Per outcome index: the cumulative probability within its (state, action) pair, for sampling. */
    private final double[] cumulative;
    /** Per outcome index: the Step it produces, built once so that step() allocates nothing. */
    private final Step<Integer>[] outcomeSteps;
    /** Per state: the Step a reset into it produces. */
    private final Step<Integer>[] resetSteps;
    /** The start cells and their cumulative probabilities, for sampling the first state. */
    private final int[] startStates;
    private final double[] startCumulative;
    private final Rng rng = new Rng(0);
    private boolean seeded;
    private int state = -1;
    private int lastAction = -1;

    /** The standard lake: default success rate 1/3 and rewards (1, 0, 0). */
    public FrozenLake(FrozenLakeMap map, boolean slippery) {
        this(map, slippery, 1.0 / 3.0, new double[] {1, 0, 0});
    }

    /**
     * @param map            the lake
     * @param slippery       whether moves may slip perpendicular
     * @param successRate    probability of the intended move on a slippery lake, in [0, 1]
     * @param rewardSchedule rewards for reaching (goal, hole, frozen or start)
     */
    @SuppressWarnings("unchecked")
    public FrozenLake(FrozenLakeMap map, boolean slippery, double successRate, double[] rewardSchedule) {
        if (!(successRate >= 0 && successRate <= 1)) {
            throw new IllegalArgumentException("FrozenLake success_rate must be in [0, 1], got " + successRate);
        }
        if (rewardSchedule.length != 3) {
            throw new IllegalArgumentException("FrozenLake reward_schedule needs 3 values (goal, hole, frozen), got "
                    + rewardSchedule.length);
        }
        this.map = map;
        this.slippery = slippery;
        this.successRate = successRate;
        this.rewardSchedule = rewardSchedule.clone();
        this.table = buildTable();
        this.observationSpace = new Discrete(table.states());
        int outcomes = table.end(table.states() - 1, 3);
        this.cumulative = new double[outcomes];
        this.outcomeSteps = new Step[outcomes];
        for (int s = 0; s < table.states(); s++) {
            for (int a = 0; a < 4; a++) {
                double c = 0;
                for (int i = table.start(s, a); i < table.end(s, a); i++) {
                    c += table.probability(i);
                    cumulative[i] = c;
                    outcomeSteps[i] = new Step<>(table.nextState(i), table.reward(i), table.terminated(i), false,
                            Map.of("prob", table.probability(i)));
                }
            }
        }
        this.startStates = java.util.stream.IntStream.range(0, table.states())
                .filter(st -> table.initialProbability(st) > 0).toArray();
        this.startCumulative = new double[startStates.length];
        double c = 0;
        for (int k = 0; k < startStates.length; k++) {
            c += table.initialProbability(startStates[k]);
            startCumulative[k] = c;
        }
        this.resetSteps = new Step[table.states()];
        for (int s = 0; s < table.states(); s++) {
            resetSteps[s] = Step.ofReset(s, Map.of("prob", 1.0));
        }
    }

    /** Builds the lake from registry options (see the class comment for their meaning). */
    public static FrozenLake fromOptions(Options o) {
        FrozenLakeMap map;
        List<String> desc = o.getStringList("desc");
        String name = o.getString("map_name");
        if (desc != null) {
            map = new FrozenLakeMap(desc);
        } else if (name == null || name.equals("random")) {
            map = FrozenLakeMap.random(o.getInt("map_size"), o.getDouble("map_p"), new Rng(o.getLong("map_seed")));
        } else {
            map = FrozenLakeMap.named(name);
        }
        double[] schedule = o.getDoubles("reward_schedule");
        return new FrozenLake(map, o.getBoolean("is_slippery"), o.getDouble("success_rate"),
                schedule == null ? new double[] {1, 0, 0} : schedule);
    }

    private TransitionTable buildTable() {
        int nrow = map.nrow();
        int ncol = map.ncol();
        int states = nrow * ncol;
        TransitionTable.Builder b = new TransitionTable.Builder(states, 4);
        int starts = 0;
        for (int s = 0; s < states; s++) {
            starts += map.tile(s / ncol, s % ncol) == 'S' ? 1 : 0;
        }
        double failRate = (1.0 - successRate) / 2.0;
        for (int s = 0; s < states; s++) {
            int row = s / ncol;
            int col = s % ncol;
            char here = map.tile(row, col);
            if (here == 'S') {
                b.initialProbability(s, 1.0 / starts);
            }
            for (int a = 0; a < 4; a++) {
                if (here == 'G' || here == 'H') {
                    b.add(s, a, 1.0, s, 0, true);
                } else if (slippery) {
                    for (int k = -1; k <= 1; k++) {
                        int dir = Math.floorMod(a + k, 4);
                        addMove(b, s, a, dir == a ? successRate : failRate, row, col, dir);
                    }
                } else {
                    addMove(b, s, a, 1.0, row, col, a);
                }
            }
        }
        return b.build();
    }

    private void addMove(TransitionTable.Builder b, int s, int a, double p, int row, int col, int dir) {
        switch (dir) {
            case LEFT -> col = Math.max(col - 1, 0);
            case DOWN -> row = Math.min(row + 1, map.nrow() - 1);
            case RIGHT -> col = Math.min(col + 1, map.ncol() - 1);
            default -> row = Math.max(row - 1, 0);
        }
        char tile = map.tile(row, col);
        double reward = tile == 'G' ? rewardSchedule[0] : tile == 'H' ? rewardSchedule[1] : rewardSchedule[2];
        b.add(s, a, p, row * map.ncol() + col, reward, tile == 'G' || tile == 'H');
    }

    @Override
    public Step<Integer> reset(long seed) {
        rng.setSeed(seed);
        seeded = true;
        return start();
    }

    @Override
    public Step<Integer> reset() {
        if (!seeded) {
            rng.setSeed(RandomGenerator.getDefault().nextLong());
            seeded = true;
        }
        return start();
    }

    private Step<Integer> start() {
        double u = rng.nextDouble();
        int k = 0;
        while (k < startStates.length - 1 && startCumulative[k] <= u) {
            k++;
        }
        state = startStates[k];
        lastAction = -1;
        return resetSteps[state];
    }

    @Override
    public Step<Integer> step(Integer action) {
        if (state < 0) {
            throw new IllegalStateException("FrozenLake.step() called before reset(); call reset() or reset(seed) first");
        }
        if (action == null || action < 0 || action > 3) {
            throw new IllegalArgumentException(actionSpace.explainNotContained("action", action)
                    + " (0=LEFT 1=DOWN 2=RIGHT 3=UP)");
        }
        int a = action;
        int first = table.start(state, a);
        int last = table.end(state, a) - 1;
        int i = first;
        if (last > first) {
            // Branch-free inverse-CDF sampling: count the cumulative bounds at or below u (the outcome draw is
            // random, so a data-dependent early exit would mispredict about once per step).
            double u = rng.nextDouble();
            for (int j = first; j < last; j++) {
                i += cumulative[j] <= u ? 1 : 0;
            }
        }
        state = table.nextState(i);
        lastAction = a;
        return outcomeSteps[i];
    }

    @Override
    public Space<Integer> observationSpace() {
        return observationSpace;
    }

    @Override
    public Space<Integer> actionSpace() {
        return actionSpace;
    }

    @Override
    public TransitionTable transitionTable() {
        return table;
    }

    public FrozenLakeMap map() {
        return map;
    }

    public boolean slippery() {
        return slippery;
    }

    /** The current cell, or -1 before the first reset. */
    public int state() {
        return state;
    }

    @Override
    public Frame render() {
        byte[] tiles = new byte[map.nrow() * map.ncol()];
        for (int s = 0; s < tiles.length; s++) {
            tiles[s] = (byte) "SFHG".indexOf(map.tile(s / map.ncol(), s % map.ncol()));
        }
        String caption = lastAction < 0 ? "" : ACTION_NAMES.get(lastAction);
        int row = state < 0 ? -1 : state / map.ncol();
        int col = state < 0 ? -1 : state % map.ncol();
        return new GridFrame(map.nrow(), map.ncol(), tiles, LEGEND, row, col, caption);
    }

    /**
     * Gymnasium's "ansi" rendering, character for character: a first line with the last action in parentheses
     * (empty after reset), then the map with the player's cell on a red background.
     */
    public String renderAnsi() {
        StringBuilder sb = new StringBuilder();
        sb.append(lastAction < 0 ? "\n" : "  (" + ACTION_NAMES.get(lastAction) + ")\n");
        for (int r = 0; r < map.nrow(); r++) {
            for (int c = 0; c < map.ncol(); c++) {
                char ch = map.tile(r, c);
                if (r * map.ncol() + c == state) {
                    sb.append("\u001b[41m").append(ch).append("\u001b[0m");
                } else {
                    sb.append(ch);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public byte[] snapshot() {
        return new StateCodec.Writer("FrozenLake").writeString(map.toString()).writeBoolean(slippery)
                .writeInt(state).writeInt(lastAction).writeBoolean(seeded).writeLongs(rng.state()).toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        StateCodec.Reader in = new StateCodec.Reader(snapshot, "FrozenLake");
        String mapText = in.readString();
        boolean slip = in.readBoolean();
        if (!mapText.equals(map.toString()) || slip != slippery) {
            throw new IllegalArgumentException("snapshot is of FrozenLake map " + mapText + (slip ? " (slippery)" : "")
                    + ", this environment has map " + map + (slippery ? " (slippery)" : ""));
        }
        int s = in.readInt();
        int last = in.readInt();
        boolean wasSeeded = in.readBoolean();
        long[] rngState = in.readLongs();
        in.end();
        if (s < -1 || s >= table.states() || last < -1 || last > 3) {
            throw new IllegalArgumentException("snapshot of FrozenLake is corrupt: state " + s + ", last action " + last);
        }
        rng.setState(rngState);
        state = s;
        lastAction = last;
        seeded = wasSeeded;
    }

    @Override
    public String toString() {
        return "FrozenLake[" + map.nrow() + "x" + map.ncol() + (slippery ? ", slippery" : "") + "]";
    }

    @Override
    public List<String> actionNames() {
        return ACTION_NAMES;
    }
}
