package dev.arcadia.env.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.env.Env;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays trajectories recorded from Gymnasium 1.3 by {@code tools/fixtures/gen_classic_control.py}: each episode's
 * recorded start state is put into our environment (made through {@code Envs.make}, so the time limit is the
 * registry's), the same actions are played, and observations, rewards and both flags are compared step by step.
 *
 * <p>Two checks per episode. <b>Free run</b>: the whole episode from the start state alone; observations agree to
 * float tolerance (1e-6; bit-identical on the generating machine), rewards and flags exactly, and the last step's truncation comes from our {@code TimeLimit}.
 * <b>One step</b>: from every recorded float64 state, one step of ours lands on the next recorded state to about
 * 1e-13 (relative), which pins the order of operations; bit equality is not possible across platforms because
 * Java's {@code Math.cos/sin} and glibc's (which numpy calls, also for {@code x**2} through {@code pow}) each round
 * about one result in a thousand to the other neighbouring double.
 */
class ClassicControlConformanceTest {

    /**
     * Relative tolerance of the free-running observations (absolute below 1): about 8 float32 ulps. On the
     * generating machine every recorded observation is reproduced bit for bit; the margin is for other platforms.
     */
    private static final double OBS_TOLERANCE = 1e-6;
    /** Relative tolerance of one step from a recorded float64 state (absolute below 1); the worst seen is 2.2e-16. */
    private static final double STATE_TOLERANCE = 1e-13;

    private static JsonObject fixture(String name) throws Exception {
        try (var in = ClassicControlConformanceTest.class.getResourceAsStream("/fixtures/" + name + "-trajectories.json")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name + "; run tools/fixtures/gen_classic_control.py");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    /** Gymnasium kwargs and class attributes of an episode, as Arcadia options. */
    private static Map<String, Object> options(JsonObject episode) {
        Map<String, Object> options = new HashMap<>();
        for (String group : new String[] {"kwargs", "attributes"}) {
            for (Map.Entry<String, JsonElement> e : episode.getAsJsonObject(group).entrySet()) {
                var p = e.getValue().getAsJsonPrimitive();
                options.put(e.getKey(), p.isBoolean() ? p.getAsBoolean() : p.isNumber() ? p.getAsDouble() : p.getAsString());
            }
        }
        return options;
    }

    private static double[] doubles(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    private static float[] floats(JsonArray a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsFloat(); // shortest float32 decimal, parsed exactly
        }
        return out;
    }

    private static float[] setState(Env<?, ?> raw, double[] state) {
        if (raw instanceof CartPole c) {
            return c.setState(state);
        } else if (raw instanceof MountainCar m) {
            return m.setState(state);
        }
        return ((Acrobot) raw).setState(state);
    }

    private static double[] stateOf(Env<?, ?> raw) {
        if (raw instanceof CartPole c) {
            return c.state();
        } else if (raw instanceof MountainCar m) {
            return m.state();
        }
        return ((Acrobot) raw).state();
    }

    private static double error(double ours, double theirs) {
        return Math.abs(ours - theirs) / Math.max(1.0, Math.abs(theirs));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cartpole", "mountaincar", "acrobot"})
    void spacesAndLimitsMatchGymnasium(String name) throws Exception {
        JsonObject f = fixture(name);
        String id = f.get("id").getAsString();
        Env<float[], Integer> env = Envs.make(id);
        EnvSpec spec = env.spec().orElseThrow();
        assertEquals(f.get("maxEpisodeSteps").getAsInt(), spec.maxEpisodeSteps(), id + " time limit");
        assertEquals(f.get("rewardThreshold").getAsDouble(), spec.rewardThreshold(), 0.0, id + " reward threshold");
        assertEquals(new Discrete(f.get("actionCount").getAsInt()), env.actionSpace(), id + " action space");
        assertEquals("float32", f.get("observationDtype").getAsString());
        Box box = (Box) env.observationSpace();
        assertArrayEquals(new int[] {f.getAsJsonArray("observationShape").get(0).getAsInt()}, box.shape(), id + " shape");
        assertArrayEquals(floats(f.getAsJsonArray("observationLow")), box.low(), id + " observation low");
        assertArrayEquals(floats(f.getAsJsonArray("observationHigh")), box.high(), id + " observation high");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cartpole", "mountaincar", "acrobot"})
    void replaysGymnasiumTrajectories(String name) throws Exception {
        JsonObject f = fixture(name);
        String id = f.get("id").getAsString();
        JsonArray episodes = f.getAsJsonArray("episodes");
        double worstObs = 0;
        double worstState = 0;
        int steps = 0;
        int identicalStates = 0;
        int observationsCompared = 0;
        int identicalObservations = 0;
        int truncations = 0;
        int terminations = 0;
        for (int e = 0; e < episodes.size(); e++) {
            JsonObject ep = episodes.get(e).getAsJsonObject();
            String where = name + " episode " + e + " (" + ep.get("policy").getAsString() + ", seed " + ep.get("seed") + ")";
            Map<String, Object> options = options(ep);
            Env<float[], Integer> env = Envs.make(id, options);
            EnvSpec spec = env.spec().orElseThrow();
            assertEquals(f.get("maxEpisodeSteps").getAsInt(), spec.maxEpisodeSteps(), id + " time limit");
            assertEquals(f.get("rewardThreshold").getAsDouble(), spec.rewardThreshold(), 0.0, id + " reward threshold");

            JsonArray actions = ep.getAsJsonArray("actions");
            JsonArray observations = ep.getAsJsonArray("observations");
            JsonArray states = ep.getAsJsonArray("states");
            JsonArray rewards = ep.getAsJsonArray("rewards");
            JsonArray terminated = ep.getAsJsonArray("terminated");
            JsonArray truncated = ep.getAsJsonArray("truncated");

            // Free run through the registry's wrapper stack, from the recorded start state.
            env.reset(0);
            double[] start = doubles(ep.getAsJsonArray("startState"));
            float[] resetObs = setState(env.unwrapped(), start);
            worstObs = Math.max(worstObs, compare(floats(ep.getAsJsonArray("resetObservation")), resetObs, where + " reset"));
            for (int t = 0; t < actions.size(); t++) {
                String at = where + " step " + (t + 1);
                Step<float[]> s = env.step(actions.get(t).getAsInt());
                float[] expectedObs = floats(observations.get(t).getAsJsonArray());
                worstObs = Math.max(worstObs, compare(expectedObs, s.observation(), at));
                observationsCompared++;
                identicalObservations += Arrays.equals(expectedObs, s.observation()) ? 1 : 0;
                assertEquals(rewards.get(t).getAsDouble(), s.reward(), 0.0, at + " reward");
                assertEquals(terminated.get(t).getAsInt() == 1, s.terminated(), at + " terminated");
                assertEquals(truncated.get(t).getAsInt() == 1, s.truncated(), at + " truncated");
                assertEquals(t == actions.size() - 1, s.done(), at + ": the episode ends where Gymnasium's did");
            }
            truncations += truncated.get(actions.size() - 1).getAsInt();
            terminations += terminated.get(actions.size() - 1).getAsInt();

            // One step at a time on the raw environment, each from Gymnasium's own float64 state.
            Env<float[], Integer> raw = cast(Envs.make(id, options).unwrapped());
            double[] before = start;
            for (int t = 0; t < actions.size(); t++) {
                String at = where + " step " + (t + 1) + " from the recorded state";
                setState(raw, before);
                Step<float[]> s = raw.step(actions.get(t).getAsInt());
                double[] expected = doubles(states.get(t).getAsJsonArray());
                double[] ours = stateOf(raw);
                boolean identical = true;
                for (int i = 0; i < expected.length; i++) {
                    double err = error(ours[i], expected[i]);
                    worstState = Math.max(worstState, err);
                    identical &= ours[i] == expected[i];
                    assertTrue(err <= STATE_TOLERANCE, at + ": state[" + i + "] = " + ours[i] + ", Gymnasium "
                            + expected[i] + " (error " + err + ")");
                }
                identicalStates += identical ? 1 : 0;
                assertEquals(rewards.get(t).getAsDouble(), s.reward(), 0.0, at + " reward");
                assertEquals(terminated.get(t).getAsInt() == 1, s.terminated(), at + " terminated");
                before = expected;
                steps++;
            }
        }
        assertTrue(truncations >= 1 && terminations >= 1, name + ": the fixture must end episodes both ways");
        System.out.printf("%s: %d episodes (%d terminated, %d truncated), %d steps; free run: %d/%d observations"
                        + " bit-identical, worst error %.3g; one step: %d/%d states bit-identical, worst error %.3g%n",
                id, episodes.size(), terminations, truncations, steps, identicalObservations, observationsCompared,
                worstObs, identicalStates, steps, worstState);
    }

    @SuppressWarnings("unchecked")
    private static Env<float[], Integer> cast(Env<?, ?> env) {
        return (Env<float[], Integer>) env;
    }

    /** Compares observations element by element; returns the worst error (relative, absolute below 1). */
    private static double compare(float[] expected, float[] actual, String where) {
        assertEquals(expected.length, actual.length, where + ": observation length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double err = error(actual[i], expected[i]);
            worst = Math.max(worst, err);
            assertTrue(err <= OBS_TOLERANCE, where + ": observation[" + i + "] = " + actual[i] + ", Gymnasium "
                    + expected[i] + " (error " + err + ")");
        }
        return worst;
    }
}
