package dev.arcadia.env.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays trajectories recorded from MinAtar 1.0.15 (the Python package) by {@code tools/fixtures/gen_minatar.py} and
 * compares every frame.
 *
 * <p><b>Method.</b> Same seeds are not comparable (numpy's MT19937 against our xoshiro256**), so the fixtures record
 * MinAtar's random draws themselves: every {@code rand()} value and {@code randint(low, high)} result made by the
 * shared {@code RandomState} (the sticky-action draw of {@code Environment.act} and the game's spawns, car speeds,
 * ball start), in call order. Our game draws from a {@link ScriptedRandom} holding them, which fails if the game asks
 * for a draw of another kind or range, or for one too many; after each frame the number of draws consumed must equal
 * the number MinAtar made in that frame. So random events happen identically and whole trajectories are compared:
 * sticky actions with p = 0.1 (and 0), ramping on and off.
 *
 * <p>An episode starts either from MinAtar's reset (its draws replayed) or from a recorded state: a reset whose
 * game variables the generator then edited (next to a difficulty ramp, a cleared wave, a six-diver surfacing, the end
 * of Freeway's clock, ...), put into our game with {@link MinAtarGame#setMinAtarState} under MinAtar's attribute
 * names. Per frame the full action goes to {@link MinAtarGame#act(int)} (all six actions, MinAtar's indices), and we
 * compare the reward, the terminal flag and the whole 10x10xC observation exactly; every fifth frame and at the end
 * also every game variable (positions, timers, speeds, entity lists in order, ramp index, {@code last_action}).
 */
class MinAtarConformanceTest {

    private static final Gson GSON = new Gson();
    private static final Type MAP = new com.google.gson.reflect.TypeToken<Map<String, Object>>() { }.getType();

    static JsonObject fixture(String game) throws Exception {
        String name = "/fixtures/minatar-" + game + ".json";
        try (var in = MinAtarConformanceTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name + "; run tools/fixtures/gen_minatar.py");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    static MinAtarGame make(String game, double sticky, boolean ramping) {
        return switch (game) {
            case "asterix" -> new Asterix(false, sticky, ramping);
            case "breakout" -> new Breakout(false, sticky, ramping);
            case "freeway" -> new Freeway(false, sticky, ramping);
            case "seaquest" -> new Seaquest(false, sticky, ramping);
            case "space-invaders" -> new SpaceInvaders(false, sticky, ramping);
            default -> throw new IllegalArgumentException(game);
        };
    }

    static void addDraws(ScriptedRandom random, JsonArray draws) {
        for (JsonElement d : draws) {
            if (d.isJsonArray()) {
                JsonArray a = d.getAsJsonArray();
                random.add(ScriptedRandom.Draw.integer(a.get(0).getAsInt(), a.get(1).getAsInt(), a.get(2).getAsInt()));
            } else {
                random.add(ScriptedRandom.Draw.uniform(d.getAsDouble())); // shortest repr, parsed exactly
            }
        }
    }

    /** A bit-packed observation (numpy packbits of the raveled HWC booleans) as floats. */
    static float[] unpack(String hex, int size) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            int b = Integer.parseInt(hex.substring(i / 8 * 2, i / 8 * 2 + 2), 16);
            out[i] = (b >> (7 - i % 8)) & 1;
        }
        return out;
    }

    static String obsDiff(MinAtarGame g, float[] expected, float[] actual) {
        List<String> cells = new ArrayList<>();
        int c = g.channelCount();
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                int cell = i / c;
                cells.add(g.channelNames().get(i % c) + "@(row " + cell / 10 + ", col " + cell % 10 + ") MinAtar="
                        + (int) expected[i] + " ours=" + (int) actual[i]);
            }
        }
        return cells.isEmpty() ? "" : String.join("; ", cells) + "\n" + g.textGrid();
    }

    static String varsDiff(JsonObject expected, JsonObject actual) {
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            if (!java.util.Objects.equals(expected.get(k), actual.get(k))) {
                out.add(k + ": MinAtar " + expected.get(k) + ", ours " + actual.get(k));
            }
        }
        return String.join("\n  ", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"asterix", "breakout", "freeway", "seaquest", "space-invaders"})
    void replaysMinAtarFrameByFrame(String game) throws Exception {
        JsonObject doc = fixture(game);
        int frames = 0;
        int rewards = 0;
        int terminals = 0;
        for (JsonElement e : doc.getAsJsonArray("episodes")) {
            JsonObject ep = e.getAsJsonObject();
            String where = game + " episode '" + ep.get("name").getAsString() + "'";
            MinAtarGame g = make(game, ep.get("sticky_action_prob").getAsDouble(),
                    ep.get("difficulty_ramping").getAsBoolean());
            ScriptedRandom random = new ScriptedRandom();
            boolean fromReset = ep.get("start").getAsString().equals("reset");
            if (fromReset) {
                addDraws(random, ep.getAsJsonArray("reset_draws"));
            }
            JsonArray steps = ep.getAsJsonArray("steps");
            for (JsonElement s : steps) {
                addDraws(random, s.getAsJsonObject().getAsJsonArray("d"));
            }
            g.useRandom(random);
            JsonObject initialVars = ep.getAsJsonObject("initial_vars");
            if (fromReset) {
                g.reset();
                assertEquals(ep.getAsJsonArray("reset_draws").size(), random.used(), where + ": draws at reset");
            } else {
                g.setMinAtarState(GSON.fromJson(initialVars, MAP));
            }
            JsonObject ours = GSON.toJsonTree(g.minAtarState()).getAsJsonObject();
            assertEquals(initialVars, ours, where + ", start state:\n  " + varsDiff(initialVars, ours));
            int size = 100 * g.channelCount();
            float[] obs = new float[size];
            g.observeInto(obs);
            String diff = obsDiff(g, unpack(ep.get("initial_obs").getAsString(), size), obs);
            if (!diff.isEmpty()) {
                fail(where + ", start observation differs: " + diff);
            }
            int t = 0;
            for (JsonElement s : steps) {
                JsonObject step = s.getAsJsonObject();
                String at = where + ", frame " + t + " (action " + step.get("a").getAsInt() + ")";
                int before = random.used();
                int r = g.act(step.get("a").getAsInt());
                assertEquals(step.getAsJsonArray("d").size(), random.used() - before, at + ": number of random draws");
                assertEquals(step.get("r").getAsInt(), r, at + ": reward");
                assertEquals(step.get("t").getAsBoolean(), g.isTerminal(), at + ": terminal");
                g.observeInto(obs);
                diff = obsDiff(g, unpack(step.get("obs").getAsString(), size), obs);
                if (!diff.isEmpty()) {
                    fail(at + ": observation differs: " + diff);
                }
                if (step.has("vars")) {
                    JsonObject expected = step.getAsJsonObject("vars");
                    JsonObject actual = GSON.toJsonTree(g.minAtarState()).getAsJsonObject();
                    assertEquals(expected, actual, at + ", game variables:\n  " + varsDiff(expected, actual));
                }
                rewards += r;
                terminals += g.isTerminal() ? 1 : 0;
                t++;
                frames++;
            }
            assertEquals(random.size(), random.used(), where + ": every recorded draw used");
        }
        assertTrue(frames > 100, game + ": only " + frames + " frames replayed");
        assertTrue(rewards > 0, game + ": no reward in the fixtures");
        assertFalse(terminals == 0, game + ": no termination in the fixtures");
    }
}
