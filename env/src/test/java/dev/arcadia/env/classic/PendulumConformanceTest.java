package dev.arcadia.env.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays Pendulum-v1 trajectories recorded from Gymnasium 1.3 by {@code tools/fixtures/gen_pendulum.py}, with the
 * method of {@link ClassicControlConformanceTest}: each episode's recorded start state is put into our environment,
 * the recorded float32 torques are played, and observations, rewards and both flags are compared step by step.
 *
 * <p><b>Free run</b>: the whole episode from the start state alone, through {@code Envs.make} (so the 200-step
 * truncation comes from our {@code TimeLimit}); episodes whose torques leave [-2, 2] (the "wide" rule, which
 * exercises Gymnasium's clipping) run on the raw environment, because through {@code Envs.make} such an action is
 * rejected. Observations and rewards agree to float tolerance, flags exactly.
 * <b>One step</b>: from every recorded float64 state, one step of ours lands on the next recorded state to about
 * 1e-13 (relative), which pins the order of operations and the float32 torque arithmetic; its reward agrees to
 * 1e-13 or within {@value #TORQUE_COST_ULPS} float32 ulps of the torque cost (see there).
 */
class PendulumConformanceTest {

    /** Relative tolerance of the free-running observations (absolute below 1): about 8 float32 ulps. */
    private static final double OBS_TOLERANCE = 1e-6;
    /**
     * Relative tolerance of the free-running rewards (absolute below 1). The float64 state of a long free run
     * drifts from Gymnasium's by rounding differences of {@code sin}/{@code cos} amplified by the dynamics (the
     * one-step check below pins each step to 1e-13), so rewards get the observations' tolerance.
     */
    private static final double REWARD_TOLERANCE = 1e-6;
    /** Relative tolerance of one step from a recorded float64 state (absolute below 1). */
    private static final double STATE_TOLERANCE = 1e-13;
    /**
     * Tolerance of a one-step reward in float32 ulps of the torque cost {@code 0.001 u^2}. NumPy evaluates the
     * scalar {@code u**2} of a float32 with the C library's {@code powf}, which glibc does not round correctly in
     * every case (u = -1.9510195 gives 3.8064773 where the exact square rounds to 3.806477); ours is the exact
     * float32 product {@code u * u}, what NumPy's array power gives. One ulp there can become two after the float32
     * multiplication by 0.001.
     */
    private static final double TORQUE_COST_ULPS = 2;

    private static JsonObject fixture() throws Exception {
        try (var in = PendulumConformanceTest.class.getResourceAsStream("/fixtures/pendulum-trajectories.json")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture pendulum-trajectories.json; run tools/fixtures/gen_pendulum.py");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    private static Map<String, Object> options(JsonObject episode) {
        Map<String, Object> options = new HashMap<>();
        for (Map.Entry<String, JsonElement> e : episode.getAsJsonObject("kwargs").entrySet()) {
            options.put(e.getKey(), e.getValue().getAsDouble());
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

    private static double error(double ours, double theirs) {
        return Math.abs(ours - theirs) / Math.max(1.0, Math.abs(theirs));
    }

    @Test
    void spacesAndLimitsMatchGymnasium() throws Exception {
        JsonObject f = fixture();
        Env<float[], float[]> env = Envs.make("Pendulum-v1");
        EnvSpec spec = env.spec().orElseThrow();
        assertEquals(f.get("id").getAsString(), spec.id());
        assertEquals(f.get("maxEpisodeSteps").getAsInt(), spec.maxEpisodeSteps());
        assertTrue(f.get("rewardThreshold").isJsonNull(), "Gymnasium has no reward threshold for Pendulum-v1");
        assertTrue(Double.isNaN(spec.rewardThreshold()));
        assertEquals("float32", f.get("observationDtype").getAsString());
        assertEquals("float32", f.get("actionDtype").getAsString());
        Box obs = (Box) env.observationSpace();
        assertArrayEquals(new int[] {3}, obs.shape());
        assertArrayEquals(floats(f.getAsJsonArray("observationLow")), obs.low());
        assertArrayEquals(floats(f.getAsJsonArray("observationHigh")), obs.high());
        Box act = (Box) env.actionSpace();
        assertArrayEquals(new int[] {1}, act.shape());
        assertArrayEquals(floats(f.getAsJsonArray("actionLow")), act.low());
        assertArrayEquals(floats(f.getAsJsonArray("actionHigh")), act.high());
    }

    @Test
    void replaysGymnasiumTrajectories() throws Exception {
        JsonObject f = fixture();
        JsonArray episodes = f.getAsJsonArray("episodes");
        double worstObs = 0;
        double worstReward = 0;
        double worstState = 0;
        int steps = 0;
        int identicalObservations = 0;
        int identicalRewards = 0;
        int identicalStates = 0;
        int identicalStepRewards = 0;
        double worstTorqueUlps = 0;
        int clippedEpisodes = 0;
        int nonDefaultGravity = 0;
        for (int e = 0; e < episodes.size(); e++) {
            JsonObject ep = episodes.get(e).getAsJsonObject();
            String where = "episode " + e + " (" + ep.get("policy").getAsString() + ", seed " + ep.get("seed") + ", "
                    + ep.get("kwargs") + ")";
            Map<String, Object> options = options(ep);
            nonDefaultGravity += options.isEmpty() ? 0 : 1;
            boolean clipped = ep.get("clipped").getAsBoolean();
            clippedEpisodes += clipped ? 1 : 0;
            float[] actions = floats(ep.getAsJsonArray("actions"));
            JsonArray observations = ep.getAsJsonArray("observations");
            JsonArray states = ep.getAsJsonArray("states");
            JsonArray rewards = ep.getAsJsonArray("rewards");
            JsonArray terminated = ep.getAsJsonArray("terminated");
            JsonArray truncated = ep.getAsJsonArray("truncated");
            double[] start = doubles(ep.getAsJsonArray("startState"));

            // Free run from the recorded start state: through the registry's stack, or raw where torques get clipped.
            Env<float[], float[]> env = Envs.make("Pendulum-v1", options);
            Env<float[], float[]> runner = clipped ? cast(env.unwrapped()) : env;
            Pendulum pendulum = (Pendulum) env.unwrapped();
            runner.reset(0);
            float[] resetObs = pendulum.setState(start);
            worstObs = Math.max(worstObs, compare(floats(ep.getAsJsonArray("resetObservation")), resetObs, where + " reset"));
            for (int t = 0; t < actions.length; t++) {
                String at = where + " step " + (t + 1);
                Step<float[]> s = runner.step(new float[] {actions[t]});
                float[] expectedObs = floats(observations.get(t).getAsJsonArray());
                worstObs = Math.max(worstObs, compare(expectedObs, s.observation(), at));
                identicalObservations += Arrays.equals(expectedObs, s.observation()) ? 1 : 0;
                double expectedReward = rewards.get(t).getAsDouble();
                double rewardErr = error(s.reward(), expectedReward);
                worstReward = Math.max(worstReward, rewardErr);
                identicalRewards += s.reward() == expectedReward ? 1 : 0;
                assertTrue(rewardErr <= REWARD_TOLERANCE, at + ": reward " + s.reward() + ", Gymnasium " + expectedReward);
                assertEquals(terminated.get(t).getAsInt() == 1, s.terminated(), at + " terminated");
                if (!clipped) {
                    assertEquals(truncated.get(t).getAsInt() == 1, s.truncated(), at + " truncated");
                    assertEquals(t == actions.length - 1, s.done(), at + ": the episode ends where Gymnasium's did");
                }
            }
            assertEquals(1, truncated.get(actions.length - 1).getAsInt(), where + ": Gymnasium truncates at 200");
            assertEquals(200, actions.length, where);

            // One step at a time on the raw environment, each from Gymnasium's own float64 state.
            Pendulum raw = (Pendulum) Envs.make("Pendulum-v1", options).unwrapped();
            double[] before = start;
            for (int t = 0; t < actions.length; t++) {
                String at = where + " step " + (t + 1) + " from the recorded state";
                raw.setState(before);
                Step<float[]> s = raw.step(new float[] {actions[t]});
                double[] expected = doubles(states.get(t).getAsJsonArray());
                double[] ours = raw.state();
                boolean identical = true;
                for (int i = 0; i < expected.length; i++) {
                    double err = error(ours[i], expected[i]);
                    worstState = Math.max(worstState, err);
                    identical &= ours[i] == expected[i];
                    assertTrue(err <= STATE_TOLERANCE, at + ": state[" + i + "] = " + ours[i] + ", Gymnasium "
                            + expected[i] + " (error " + err + ")");
                }
                identicalStates += identical ? 1 : 0;
                double expectedReward = rewards.get(t).getAsDouble();
                float u = Math.min(Math.max(actions[t], -Pendulum.MAX_TORQUE), Pendulum.MAX_TORQUE);
                double torqueUlps = Math.abs(s.reward() - expectedReward) / Math.ulp(0.001f * (u * u));
                worstTorqueUlps = Math.max(worstTorqueUlps, torqueUlps);
                identicalStepRewards += s.reward() == expectedReward ? 1 : 0;
                assertTrue(error(s.reward(), expectedReward) <= STATE_TOLERANCE || torqueUlps <= TORQUE_COST_ULPS,
                        at + ": reward " + s.reward() + ", Gymnasium " + expectedReward + " (" + torqueUlps
                                + " float32 ulps of the torque cost)");
                assertFalse(s.terminated(), at + " terminated");
                before = expected;
                steps++;
            }
        }
        assertTrue(clippedEpisodes >= 1, "the fixture must exercise the torque clipping");
        assertTrue(nonDefaultGravity >= 1, "the fixture must exercise the g option");
        System.out.printf("Pendulum-v1: %d episodes (%d with clipped torques), %d steps; free run: %d/%d observations and"
                        + " %d/%d rewards bit-identical, worst errors %.3g (obs) %.3g (reward); one step: %d/%d states"
                        + " bit-identical, worst error %.3g, %d/%d rewards bit-identical, worst %.3g torque-cost ulps%n",
                episodes.size(), clippedEpisodes, steps, identicalObservations, steps, identicalRewards, steps, worstObs,
                worstReward, identicalStates, steps, worstState, identicalStepRewards, steps, worstTorqueUlps);
    }

    @SuppressWarnings("unchecked")
    private static Env<float[], float[]> cast(Env<?, ?> env) {
        return (Env<float[], float[]>) env;
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
