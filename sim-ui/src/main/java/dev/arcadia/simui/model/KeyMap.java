package dev.arcadia.simui.model;

import com.badlogic.gdx.Input.Keys;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How keyboard keys become actions, chosen by the action space alone (never by environment id):
 *
 * <ul>
 *   <li>{@code Discrete(4)}: turn based, one step per key press, in FrozenLake's order 0 = left (←/A),
 *       1 = down (↓/S), 2 = right (→/D), 3 = up (↑/W).</li>
 *   <li>{@code Discrete(2)}: real time (25 steps/s) while a key is held, 0 = left (←/A), 1 = right (→/D), as
 *       CartPole's push directions; with no key held the simulation waits.</li>
 *   <li>{@code Discrete(3)}: real time (30 steps/s), 0 = left (←/A), 1 = none (no key, or ↓/S), 2 = right (→/D), as
 *       MountainCar's accelerations.</li>
 *   <li>{@code Discrete(6)}: real time (8 steps/s), MinAtar's full action set n, l, u, r, d, f: no key = noop,
 *       ←/A, ↑/W, →/D, ↓/S, space = fire.</li>
 *   <li>any other {@code Discrete(n)} with n &lt;= 10: turn based, digit keys 0..n-1.</li>
 * </ul>
 * Digit keys also select actions by index in every discrete map. Continuous action spaces cannot be played.
 *
 * <p>When the environment names its actions ({@link ActionMeanings}), {@link #forEnv} maps keys by meaning instead:
 * left/l, right/r, up/u, down/d, fire/f, and a no-op (noop/n/none, or a zero torque) as the idle action, so that a
 * game's minimal action set (MinAtar Breakout's n, l, r) gets the right keys.
 */
public final class KeyMap {

    /** Whether a key press is one step, or the environment advances on a clock with the keys held. */
    public enum Timing { TURN, REALTIME }

    /** Marker for "no key held: do not step" in a real-time map. */
    public static final int WAIT = -1;

    private final int actions;
    private final List<String> names;
    private final Map<Integer, Integer> keys;
    private final Timing timing;
    private final double stepsPerSecond;
    private final int idleAction;

    private KeyMap(int actions, List<String> names, Map<Integer, Integer> keys, Timing timing, double stepsPerSecond,
                   int idleAction) {
        this.actions = actions;
        this.names = List.copyOf(names);
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.timing = timing;
        this.stepsPerSecond = stepsPerSecond;
        this.idleAction = idleAction;
    }

    /** The key map of an environment: by its action names when it declares them, else by its action space. */
    public static KeyMap forEnv(dev.arcadia.env.Env<?, ?> env) {
        Space<?> space = env.actionSpace();
        java.util.Optional<List<String>> names = ActionMeanings.of(env);
        if (names.isPresent()) {
            KeyMap m = forMeanings(names.get(), ((Discrete) space).start());
            if (m != null) {
                return m;
            }
        }
        return forSpace(space);
    }

    /**
     * A key map from action names, or null when a name has no known meaning. Turn based for four moves without a
     * no-op (a grid world), real time otherwise: 8 steps/s for MinAtar-style one-letter names, else the pace of
     * {@link #forSpace} for the same number of actions.
     */
    public static KeyMap forMeanings(List<String> names, int start) {
        Map<Integer, Integer> k = new LinkedHashMap<>();
        int idle = WAIT;
        boolean letters = true;
        boolean moves4 = names.size() == 4;
        for (int a = 0; a < names.size(); a++) {
            String n = names.get(a).trim().toLowerCase(java.util.Locale.ROOT);
            letters &= n.length() == 1;
            switch (n) {
                case "n", "noop", "none", "no-op", "torque 0" -> {
                    idle = a;
                    moves4 = false;
                }
                case "l", "left", "push left", "torque -1" -> put(k, a, Keys.LEFT, Keys.A);
                case "r", "right", "push right", "torque +1" -> put(k, a, Keys.RIGHT, Keys.D);
                case "u", "up" -> put(k, a, Keys.UP, Keys.W);
                case "d", "down" -> put(k, a, Keys.DOWN, Keys.S);
                case "f", "fire" -> {
                    put(k, a, Keys.SPACE);
                    moves4 = false;
                }
                default -> {
                    return null;
                }
            }
        }
        if (idle != WAIT && !k.containsKey(Keys.DOWN)) {
            put(k, idle, Keys.DOWN, Keys.S); // as MountainCar's "none": down is the explicit no-op
        }
        List<String> display = new ArrayList<>();
        for (String n : names) {
            display.add(displayName(n));
        }
        KeyMap map;
        if (moves4) {
            map = new KeyMap(4, display, digits(k, 4), Timing.TURN, 4, WAIT);
        } else {
            double rate = letters ? 8 : names.size() == 2 ? 25 : names.size() == 3 ? 30 : 8;
            map = new KeyMap(names.size(), display, digits(k, names.size()), Timing.REALTIME, rate, idle);
        }
        return start == 0 ? map : map.shifted(start);
    }

    private static String displayName(String n) {
        return switch (n.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "n" -> "Noop";
            case "l" -> "Left";
            case "r" -> "Right";
            case "u" -> "Up";
            case "d" -> "Down";
            case "f" -> "Fire";
            default -> n;
        };
    }

    /**
     * The key map of an action space.
     *
     * @throws IllegalArgumentException for a space that cannot be played with keys (continuous, or more than ten
     *                                  actions without a known layout)
     */
    public static KeyMap forSpace(Space<?> space) {
        if (!(space instanceof Discrete d)) {
            throw new IllegalArgumentException("cannot play with the keyboard: the action space " + space
                    + " is not discrete");
        }
        Map<Integer, Integer> k = new LinkedHashMap<>();
        KeyMap map;
        switch (d.n()) {
            case 4 -> {
                put(k, 0, Keys.LEFT, Keys.A);
                put(k, 1, Keys.DOWN, Keys.S);
                put(k, 2, Keys.RIGHT, Keys.D);
                put(k, 3, Keys.UP, Keys.W);
                map = new KeyMap(4, List.of("Left", "Down", "Right", "Up"), digits(k, 4), Timing.TURN, 4, WAIT);
            }
            case 2 -> {
                put(k, 0, Keys.LEFT, Keys.A);
                put(k, 1, Keys.RIGHT, Keys.D);
                map = new KeyMap(2, List.of("Push left", "Push right"), digits(k, 2), Timing.REALTIME, 25, WAIT);
            }
            case 3 -> {
                put(k, 0, Keys.LEFT, Keys.A);
                put(k, 1, Keys.DOWN, Keys.S);
                put(k, 2, Keys.RIGHT, Keys.D);
                map = new KeyMap(3, List.of("Left", "None", "Right"), digits(k, 3), Timing.REALTIME, 30, 1);
            }
            case 6 -> {
                put(k, 1, Keys.LEFT, Keys.A);
                put(k, 2, Keys.UP, Keys.W);
                put(k, 3, Keys.RIGHT, Keys.D);
                put(k, 4, Keys.DOWN, Keys.S);
                put(k, 5, Keys.SPACE);
                map = new KeyMap(6, List.of("Noop", "Left", "Up", "Right", "Down", "Fire"), digits(k, 6),
                        Timing.REALTIME, 8, 0);
            }
            default -> {
                if (d.n() > 10) {
                    throw new IllegalArgumentException("cannot play with the keyboard: " + d
                            + " has more actions than digit keys (10)");
                }
                List<String> names = new ArrayList<>();
                for (int a = 0; a < d.n(); a++) {
                    names.add("Action " + a);
                }
                map = new KeyMap(d.n(), names, digits(k, d.n()), Timing.TURN, 4, WAIT);
            }
        }
        return d.start() == 0 ? map : map.shifted(d.start());
    }

    private KeyMap shifted(int start) {
        Map<Integer, Integer> k = new LinkedHashMap<>();
        keys.forEach((key, a) -> k.put(key, a + start));
        return new KeyMap(actions, names, k, timing, stepsPerSecond, idleAction == WAIT ? WAIT : idleAction + start);
    }

    private static void put(Map<Integer, Integer> k, int action, int... keycodes) {
        for (int key : keycodes) {
            k.put(key, action);
        }
    }

    private static Map<Integer, Integer> digits(Map<Integer, Integer> k, int n) {
        for (int a = 0; a < n; a++) {
            k.putIfAbsent(Keys.NUM_0 + a, a);
            k.putIfAbsent(Keys.NUMPAD_0 + a, a);
        }
        return k;
    }

    /** The action a key selects, if any. */
    public OptionalInt action(int keycode) {
        Integer a = keys.get(keycode);
        return a == null ? OptionalInt.empty() : OptionalInt.of(a);
    }

    /**
     * The action of one real-time tick: the most recently pressed mapped key among {@code heldKeys} (oldest first),
     * else the idle action, else {@link #WAIT}.
     */
    public int tickAction(List<Integer> heldKeys) {
        for (int i = heldKeys.size() - 1; i >= 0; i--) {
            Integer a = keys.get(heldKeys.get(i));
            if (a != null) {
                return a;
            }
        }
        return idleAction;
    }

    public Timing timing() {
        return timing;
    }

    /** Steps per second of a real-time map (the turn-based ones give the pace of an automatic replay). */
    public double stepsPerSecond() {
        return stepsPerSecond;
    }

    /** The action taken with no key held in a real-time map, or {@link #WAIT}. */
    public int idleAction() {
        return idleAction;
    }

    /** Number of actions. */
    public int actions() {
        return actions;
    }

    /** Display name of an action index (0-based within the space). */
    public String name(int index) {
        return names.get(index);
    }

    public List<String> names() {
        return names;
    }

    /** A one-line summary of the keys, for the help bar. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        Map<Integer, List<String>> byAction = new LinkedHashMap<>();
        keys.forEach((key, a) -> {
            if (!(key >= Keys.NUM_0 && key <= Keys.NUM_9) && !(key >= Keys.NUMPAD_0 && key <= Keys.NUMPAD_9)) {
                byAction.computeIfAbsent(a, x -> new ArrayList<>()).add(Keys.toString(key));
            }
        });
        byAction.forEach((a, ks) -> {
            if (sb.length() > 0) {
                sb.append("  ");
            }
            sb.append(String.join("/", ks)).append(' ').append(names.get(a - firstAction()));
        });
        if (idleAction != WAIT) {
            sb.append(sb.length() > 0 ? "  " : "").append("(no key) ").append(names.get(idleAction - firstAction()));
        }
        if (sb.length() == 0) {
            sb.append("digits 0-").append(actions - 1);
        }
        return sb + (timing == Timing.REALTIME ? "  [real time, " + (int) stepsPerSecond + " steps/s]" : "");
    }

    private int firstAction() {
        int min = Integer.MAX_VALUE;
        for (int a : keys.values()) {
            min = Math.min(min, a);
        }
        return min == Integer.MAX_VALUE ? 0 : min;
    }
}
