package dev.arcadia.agents.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.agents.Mode;
import dev.arcadia.agents.Transition;
import dev.arcadia.agents.planning.PolicyEvaluation;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Snapshotable;
import dev.arcadia.env.Step;
import dev.arcadia.env.TabularEnv;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TabularAgentsTest {

    @TempDir
    Path tmp;

    interface Maker {
        TabularAgent make(TabularAgent.Config c, Env<Integer, Integer> env, long seed);
    }

    static Maker maker(String algorithm) {
        return switch (algorithm) {
            case "q-learning" -> (c, env, seed) -> new QLearning(c, env.observationSpace(), env.actionSpace(), seed);
            case "sarsa" -> (c, env, seed) -> new Sarsa(c, env.observationSpace(), env.actionSpace(), seed);
            default -> (c, env, seed) -> new ExpectedSarsa(c, env.observationSpace(), env.actionSpace(), seed);
        };
    }

    static TabularAgent.Config slipperyConfig() {
        TabularAgent.Config c = new TabularAgent.Config();
        c.alpha = 0.02;
        c.gamma = 0.995;
        c.epsilonDecayEpisodes = 1000;
        return c;
    }

    /** Trains for {@code episodes}, resetting with {@code seed} first (or continuing when seed is null). */
    static void train(TabularAgent agent, Env<Integer, Integer> env, int episodes, Long seed) {
        for (int e = 0; e < episodes; e++) {
            int obs = (e == 0 && seed != null ? env.reset(seed) : env.reset()).observation();
            while (true) {
                int a = agent.act(obs, Mode.TRAIN);
                Step<Integer> s = env.step(a);
                agent.observe(new Transition<>(obs, a, s.reward(), s.observation(), s.terminated(), s.truncated()));
                if (s.done()) {
                    break;
                }
                obs = s.observation();
            }
        }
    }

    static double greedySuccess(TabularAgent agent, Env<Integer, Integer> env) {
        return PolicyEvaluation.finiteHorizon(((TabularEnv) env.unwrapped()).transitionTable(), agent.greedyPolicy(0),
                env.spec().orElseThrow().maxEpisodeSteps());
    }

    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "sarsa", "expected-sarsa"})
    void learnsTheSlipperyLakeNearTheOptimum(String algorithm) {
        // optimum with a time limit: 0.7442 (non-stationary); the best stationary policy reaches 0.7402
        for (long seed = 0; seed < 3; seed++) {
            Env<Integer, Integer> env = Envs.make("FrozenLake-v1");
            TabularAgent agent = maker(algorithm).make(slipperyConfig(), env, seed);
            train(agent, env, 30_000, 100 + seed);
            double success = greedySuccess(agent, env);
            assertTrue(success >= 0.70, algorithm + " seed " + seed + ": greedy success " + success);
        }
    }

    /** Q-learning with alpha 1 on the deterministic lake, 2000 episodes; the greedy policy must always succeed. */
    private static double[] solveDeterministicLake(double gamma, Exploration exploration) {
        TabularAgent.Config c = new TabularAgent.Config();
        c.alpha = 1;
        c.gamma = gamma;
        c.exploration = exploration;
        Env<Integer, Integer> env = Envs.make("FrozenLake-v1", Map.of("is_slippery", false));
        QLearning agent = new QLearning(c, env.observationSpace(), env.actionSpace(), 3);
        train(agent, env, 2000, 7L);
        assertEquals(1.0, greedySuccess(agent, env), 1e-9);
        return agent.qTable();
    }

    @Test
    void dummyQLearningSolvesTheDeterministicLake() {
        double[] q = solveDeterministicLake(1.0, Exploration.NONE);
        assertEquals(1.0, q[14 * 4 + 2], "Q(14, RIGHT) = reward of reaching the goal");
    }

    @Test
    void noiseExplorationWithDiscountSolvesTheDeterministicLake() {
        double[] q = solveDeterministicLake(0.99, Exploration.NOISE);
        double best = Math.max(Math.max(q[0], q[1]), Math.max(q[2], q[3]));
        assertEquals(Math.pow(0.99, 5), best, 1e-12, "max Q(0, .) = 0.99^5: the goal is six moves away");
    }

    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "sarsa", "expected-sarsa"})
    void sameSeedsGiveTheSameTableAndSaveLoadContinuesExactly(String algorithm) throws IOException {
        Env<Integer, Integer> envA = Envs.make("FrozenLake-v1");
        TabularAgent a = maker(algorithm).make(slipperyConfig(), envA, 9);
        train(a, envA, 600, 5L);
        train(a, envA, 600, null);

        Env<Integer, Integer> envB = Envs.make("FrozenLake-v1");
        TabularAgent b = maker(algorithm).make(slipperyConfig(), envB, 9);
        train(b, envB, 600, 5L);
        Path file = tmp.resolve(algorithm + ".json");
        b.save(file);
        byte[] envState = ((Snapshotable) envB).snapshot();

        Env<Integer, Integer> envC = Envs.make("FrozenLake-v1");
        ((Snapshotable) envC).restore(envState);
        TabularAgent c = maker(algorithm).make(slipperyConfig(), envC, 12345);
        c.load(file);
        train(c, envC, 600, null);
        assertArrayEquals(a.qTable(), c.qTable(), "stop, save, load, continue == never stopping");
        assertEquals(a.episodes(), c.episodes());
        assertEquals(1200, c.episodes());
        assertFalse(java.util.Arrays.equals(a.qTable(), new double[a.qTable().length]));
    }

    @Test
    void badInputIsRejectedClearly() throws IOException {
        Env<Integer, Integer> env = Envs.make("FrozenLake-v1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new QLearning(new TabularAgent.Config(), Box.uniform(0, 1, 4), new Discrete(2), 0));
        assertEquals("q-learning needs Discrete observation and action spaces, got Box[4] and Discrete(2); "
                + "wrap other observations first", e.getMessage());
        TabularAgent.Config bad = new TabularAgent.Config();
        bad.alpha = 1.5;
        e = assertThrows(IllegalArgumentException.class, () -> new Sarsa(bad, env.observationSpace(), env.actionSpace(), 0));
        assertEquals("sarsa config: alpha: expected a number in (0, 1], got 1.5", e.getMessage());
        TabularAgent.Config noise = new TabularAgent.Config();
        noise.exploration = Exploration.NOISE;
        assertThrows(IllegalArgumentException.class, () -> new ExpectedSarsa(noise, env.observationSpace(), env.actionSpace(), 0));

        QLearning agent = new QLearning(new TabularAgent.Config(), env.observationSpace(), env.actionSpace(), 0);
        Path missing = tmp.resolve("missing.json");
        assertTrue(assertThrows(IOException.class, () -> agent.load(missing)).getMessage().contains("does not exist"));
        Path corrupt = tmp.resolve("corrupt.json");
        Files.writeString(corrupt, "{\"format\": \"arcadia-tabular-agent\", \"algorithm\": \"q-learning\", \"states\": 16, \"actions\": 4, \"q\": [1,");
        assertTrue(assertThrows(IOException.class, () -> agent.load(corrupt)).getMessage().contains("corrupt"));
        Path other = tmp.resolve("sarsa.json");
        new Sarsa(new TabularAgent.Config(), env.observationSpace(), env.actionSpace(), 0).save(other);
        assertTrue(assertThrows(IOException.class, () -> agent.load(other)).getMessage()
                .contains("holds a sarsa agent for 16 states x 4 actions; this is a q-learning agent"));
        assertArrayEquals(new double[64], agent.qTable(), "a failed load leaves the agent untouched");
    }

    @Test
    void sarsaActsWithTheActionItsTargetUsed() {
        // alpha 1, reward 0 on non-goal moves: after observing (s, a, s'), Q(s, a) = gamma Q(s', a') exactly, where a'
        // must be the action the agent then takes in s'
        Env<Integer, Integer> env = Envs.make("FrozenLake-v1");
        TabularAgent.Config c = slipperyConfig();
        c.alpha = 1.0;
        c.gamma = 0.5;
        c.initialQ = 0.0;
        Sarsa agent = new Sarsa(c, env.observationSpace(), env.actionSpace(), 1);
        train(agent, env, 3_000, 1L); // Q now differs between actions
        int checked = 0;
        int obs = env.reset().observation();
        for (int t = 0; t < 5_000 && checked < 200; t++) {
            int a = agent.act(obs, Mode.TRAIN);
            Step<Integer> s = env.step(a);
            agent.observe(new Transition<>(obs, a, s.reward(), s.observation(), s.terminated(), s.truncated()));
            if (s.done()) {
                obs = env.reset().observation();
                continue;
            }
            int next = s.observation();
            int nextAction = agent.act(next, Mode.TRAIN);
            double[] q = agent.qTable();
            if (next != obs) {
                assertEquals(c.gamma * q[next * 4 + nextAction], q[obs * 4 + a], 0.0, "step " + t);
                checked++;
            }
            // continue the episode with the action just taken from s'
            Step<Integer> s2 = env.step(nextAction);
            agent.observe(new Transition<>(next, nextAction, s2.reward(), s2.observation(), s2.terminated(), s2.truncated()));
            obs = s2.done() ? env.reset().observation() : s2.observation();
        }
        assertTrue(checked >= 100, "checked " + checked + " transitions");
    }
}
