package dev.arcadia.env.minatar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.env.Env;
import dev.arcadia.env.EnvChecker;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.env.render.GridFrame;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.util.Rng;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What all five games share: registration, spaces, sticky actions, determinism, snapshots, observations, frames. */
class MinAtarGameTest {

    /** (game name, channels, minimal action set as full indices, factory of a game with sticky p and ramping). */
    record Game(String name, int channels, int[] minimal, Factory factory) {
        MinAtarGame make(boolean minimalSet, double sticky, boolean ramping) {
            return factory.make(minimalSet, sticky, ramping);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    interface Factory {
        MinAtarGame make(boolean minimalSet, double sticky, boolean ramping);
    }

    static final List<Game> GAMES = List.of(
            new Game("Asterix", 4, new int[] {0, 1, 2, 3, 4}, Asterix::new),
            new Game("Breakout", 4, new int[] {0, 1, 3}, Breakout::new),
            new Game("Freeway", 7, new int[] {0, 2, 4}, Freeway::new),
            new Game("Seaquest", 10, new int[] {0, 1, 2, 3, 4, 5}, Seaquest::new),
            new Game("SpaceInvaders", 6, new int[] {0, 1, 3, 5}, SpaceInvaders::new));

    static Stream<Game> games() {
        return GAMES.stream();
    }

    @Test
    void registersMinAtarsGymnasiumIds() {
        for (Game g : GAMES) {
            for (int v = 0; v <= 1; v++) {
                String id = "MinAtar/" + g.name() + "-v" + v;
                EnvSpec spec = Envs.registry().spec(id);
                assertEquals(0, spec.maxEpisodeSteps(), id + " has no time limit, as in MinAtar's registration");
                assertEquals(Map.of("sticky_action_prob", 0.1, "difficulty_ramping", true, "use_minimal_action_set",
                        v == 1), spec.defaults());
                Env<float[], Integer> env = Envs.make(id);
                assertEquals(new Discrete(v == 0 ? 6 : g.minimal().length), env.actionSpace(), id);
                assertEquals(Box.uniform(0, 1, 10, 10, g.channels()), env.observationSpace(), id);
                assertArrayEquals(new int[] {10, 10, g.channels()}, env.observationSpace().shape());
                MinAtarGame raw = (MinAtarGame) env.unwrapped();
                assertEquals(0.1, raw.stickyActionProb());
                assertTrue(raw.difficultyRamping());
                assertArrayEquals(v == 0 ? new int[] {0, 1, 2, 3, 4, 5} : g.minimal(), raw.actionSet());
                assertEquals(g.channels(), raw.channelNames().size());
            }
        }
        MinAtarGame custom = (MinAtarGame) Envs.make("MinAtar/Breakout-v0",
                Map.of("sticky_action_prob", 0.0, "difficulty_ramping", false, "use_minimal_action_set", true))
                .unwrapped();
        assertEquals(0.0, custom.stickyActionProb());
        assertFalse(custom.difficultyRamping());
        assertEquals(new Discrete(3), custom.actionSpace());
        assertMessage("unknown option 'sticky_action_probability' for MinAtar/Breakout-v1 (did you "
                + "mean 'sticky_action_prob'?)", () -> Envs.make("MinAtar/Breakout-v1",
                Map.of("sticky_action_probability", 0.2)));
        assertMessage("sticky_action_prob of Breakout must be in [0, 1], got 1.5",
                () -> Envs.make("MinAtar/Breakout-v1", Map.of("sticky_action_prob", 1.5)));
        assertMessage("option 'difficulty_ramping' of MinAtar/Seaquest-v0: expected true or false",
                () -> Envs.make("MinAtar/Seaquest-v0", Map.of("difficulty_ramping", "yes")));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(expected),
                "expected a message containing <" + expected + "> but was <" + e.getMessage() + ">");
    }

    @ParameterizedTest
    @MethodSource("games")
    void passesTheCheckerInEveryConfiguration(Game g) {
        EnvChecker.check(g.make(false, 0.1, true));
        EnvChecker.check(g.make(true, 0.0, false));
        EnvChecker.check(g.make(true, 1.0, true));
    }

    /** Plays {@code steps} random actions from reset(seed), resetting on termination; observations and rewards. */
    static List<Object> play(MinAtarGame env, long seed, int steps) {
        List<Object> out = new ArrayList<>();
        Rng actions = new Rng(seed + 1000);
        out.add(env.reset(seed).observation());
        for (int t = 0; t < steps; t++) {
            Step<float[]> s = env.step(env.actionSpace().sample(actions));
            out.add(s.observation());
            out.add(s.reward());
            if (s.terminated()) {
                out.add(env.reset().observation());
            }
        }
        return out;
    }

    static boolean same(List<Object> a, List<Object> b) {
        return a.size() == b.size() && Arrays.deepEquals(a.toArray(), b.toArray());
    }

    @ParameterizedTest
    @MethodSource("games")
    void aSeedDeterminesTheTrajectory(Game g) {
        MinAtarGame a = g.make(false, 0.1, true);
        MinAtarGame b = g.make(false, 0.1, true);
        assertTrue(same(play(a, 5, 600), play(b, 5, 600)));
        assertTrue(same(play(a, 5, 600), play(a, 5, 600)), "reset(seed) on a used game starts afresh");
        assertFalse(same(play(a, 5, 600), play(a, 6, 600)), "another seed, another trajectory");
    }

    @ParameterizedTest
    @MethodSource("games")
    void snapshotsRestoreTheWholeState(Game g) {
        MinAtarGame env = g.make(false, 0.1, true);
        Rng actions = new Rng(3);
        env.reset(9);
        for (int t = 0; t < 40; t++) {
            if (env.step(env.actionSpace().sample(actions)).terminated()) {
                env.reset();
            }
        }
        byte[] snap = env.snapshot();
        Map<String, Object> state = env.minAtarState();
        long actionSeed = actions.nextLong();
        List<Object> after = continueFor(env, actionSeed);
        MinAtarGame other = g.make(false, 0.1, true);
        other.restore(snap);
        assertEquals(state, other.minAtarState());
        assertArrayEquals(snap, other.snapshot());
        assertTrue(same(after, continueFor(other, actionSeed)), "a restored copy continues identically");
        env.restore(snap);
        assertTrue(same(after, continueFor(env, actionSeed)), "restoring rewinds");

        MinAtarGame differentConfig = g.make(true, 0.1, true);
        assertMessage("snapshot is of " + g.name() + " with use_minimal_action_set=false",
                () -> differentConfig.restore(snap));
        MinAtarGame otherGame = (g.name().equals("Breakout") ? GAMES.get(0) : GAMES.get(1)).make(false, 0.1, true);
        assertMessage("snapshot is of '" + g.name() + "'", () -> otherGame.restore(snap));
        assertMessage("snapshot of " + g.name() + " is",
                () -> env.restore(Arrays.copyOf(snap, snap.length - 3)));
    }

    static List<Object> continueFor(MinAtarGame env, long actionSeed) {
        Rng actions = new Rng(actionSeed);
        List<Object> out = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            Step<float[]> s = env.step(env.actionSpace().sample(actions));
            out.add(s.observation());
            out.add(s.reward());
            out.add(env.minAtarState().toString());
            if (s.terminated()) {
                out.add(env.reset().observation());
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("games")
    void stickyActionsRepeatTheLastActionWithProbabilityP(Game g) {
        MinAtarGame env = g.make(false, 0.1, true);
        Rng actions = new Rng(17);
        env.reset(17);
        int chances = 0;
        int stuck = 0;
        for (int t = 0; t < 20_000; t++) {
            int previous = env.lastAction();
            int a = actions.nextInt(6);
            env.act(a);
            if (a != previous) {
                chances++;
                if (env.lastAction() == previous) {
                    stuck++;
                }
            } else {
                assertEquals(a, env.lastAction());
            }
            if (env.isTerminal()) {
                env.reset();
            }
        }
        double rate = (double) stuck / chances;
        assertEquals(0.1, rate, 0.015, "sticky rate over " + chances + " chances");
    }

    @ParameterizedTest
    @MethodSource("games")
    void stickinessDrawsOncePerFrameEvenAtPZeroAndAfterTheEnd(Game g) {
        // p = 1: the action given never matters, the first remembered action is n.
        MinAtarGame always = g.make(false, 1.0, false);
        always.reset(1);
        for (int t = 0; t < 20; t++) {
            always.act(t % 6);
            assertEquals(MinAtarGame.NOOP, always.lastAction());
        }
        // p = 0 still draws once per frame (as MinAtar does): a scripted stream shows it.
        MinAtarGame never = g.make(false, 0.0, false);
        never.reset(1);
        ScriptedRandom script = new ScriptedRandom();
        script.add(ScriptedRandom.Draw.uniform(0.0));
        never.useRandom(script);
        int a = g.name().equals("Freeway") ? MinAtarGame.DOWN : MinAtarGame.LEFT;
        if (g.name().equals("Asterix") || g.name().equals("Seaquest")) {
            // keep spawns out of this frame
            Map<String, Object> s = never.minAtarState();
            s.put(g.name().equals("Asterix") ? "spawn_timer" : "e_spawn_timer", 5);
            never.setMinAtarState(s);
        }
        never.act(a);
        assertEquals(1, script.used());
        assertEquals(a, never.lastAction(), "u = 0.0 is not below p = 0");
        // After the end every call still draws, returns 0 and changes nothing but the remembered action.
        Map<String, Object> s = never.minAtarState();
        s.put("terminal", true);
        never.setMinAtarState(s);
        script.add(ScriptedRandom.Draw.uniform(0.5));
        Map<String, Object> before = never.minAtarState();
        assertEquals(0, never.act(MinAtarGame.NOOP));
        assertEquals(2, script.used());
        assertTrue(never.isTerminal());
        before.put("last_action", MinAtarGame.NOOP);
        assertEquals(before, never.minAtarState());
    }

    @ParameterizedTest
    @MethodSource("games")
    void resetWithASeedForgetsTheLastActionAndPlainResetKeepsIt(Game g) {
        MinAtarGame env = g.make(false, 1.0, true);
        env.reset(3);
        Map<String, Object> s = env.minAtarState();
        s.put("last_action", MinAtarGame.RIGHT);
        env.setMinAtarState(s);
        env.reset();
        assertEquals(MinAtarGame.RIGHT, env.lastAction(), "MinAtar never resets last_action");
        env.reset(3);
        assertEquals(MinAtarGame.NOOP, env.lastAction(), "a seeded reset is a fresh MinAtar environment");
    }

    @ParameterizedTest
    @MethodSource("games")
    void minimalActionSetMapsToMinAtarsIndices(Game g) {
        MinAtarGame env = g.make(true, 0.0, true);
        env.reset(2);
        for (int i = 0; i < g.minimal().length; i++) {
            assertEquals(g.minimal()[i], env.fullAction(i));
            env.act(i);
            if (env.isTerminal()) {
                env.reset();
            } else {
                assertEquals(g.minimal()[i], env.lastAction());
            }
        }
        StringBuilder hint = new StringBuilder("(");
        for (int i = 0; i < g.minimal().length; i++) {
            hint.append(i == 0 ? "" : " ").append(i).append('=').append(MinAtarGame.ACTION_NAMES.get(g.minimal()[i]));
        }
        assertMessage("action " + g.minimal().length, () -> env.step(g.minimal().length));
        assertMessage(hint.append(')').toString(), () -> env.step(-1));
    }

    @ParameterizedTest
    @MethodSource("games")
    void observationsAreHwcZeroOneAndMatchTheChannels(Game g) {
        MinAtarGame env = g.make(false, 0.1, true);
        Step<float[]> s = env.reset(4);
        Rng actions = new Rng(4);
        float[] into = new float[100 * g.channels()];
        for (int t = 0; t < 500; t++) {
            env.observeInto(into);
            assertArrayEquals(s.observation(), into);
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 10; x++) {
                    for (int c = 0; c < g.channels(); c++) {
                        float v = into[(y * 10 + x) * g.channels() + c];
                        assertTrue(v == 0f || v == 1f);
                        assertEquals(v == 1f, env.channel(y, x, c));
                    }
                }
            }
            s = env.step(env.actionSpace().sample(actions));
            assertFalse(s.truncated());
            if (s.terminated()) {
                s = env.reset();
            }
        }
        assertNotEquals(s.observation(), env.observation(), "every observation is a fresh array");
        assertMessage("observation has " + 100 * g.channels() + " values (10x10x" + g.channels()
                + "), got an array of 3", () -> env.observeInto(new float[3]));
    }

    @ParameterizedTest
    @MethodSource("games")
    void framesShowTheHighestChannelAndThePlayer(Game g) {
        MinAtarGame env = g.make(false, 0.1, true);
        env.reset(8);
        Rng actions = new Rng(8);
        for (int t = 0; t < 30 && !env.isTerminal(); t++) {
            env.act(actions.nextInt(6));
        }
        GridFrame f = (GridFrame) env.render();
        assertEquals(10, f.rows());
        assertEquals("empty", f.legend().get(0));
        assertEquals(env.channelNames(), f.legend().subList(1, f.legend().size()));
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                int expected = 0;
                for (int c = 0; c < g.channels(); c++) {
                    if (env.channel(y, x, c)) {
                        expected = c + 1;
                    }
                }
                assertEquals(expected, f.tile(y, x));
            }
        }
        assertTrue(f.agentRow() >= 0 && f.agentCol() >= 0);
        assertTrue(env.channel(f.agentRow(), f.agentCol(), 0), "the agent marker is on channel 0 (the player)");
        assertTrue(f.caption().startsWith("action "), f.caption());
    }

    @Test
    void stepBeforeResetAndBadStatesFail() {
        Breakout b = new Breakout();
        assertMessage("Breakout.step() called before reset()", () -> b.step(0));
        b.reset(1);
        Map<String, Object> s = b.minAtarState();
        s.remove("strike");
        assertMessage("Breakout state lacks 'strike'", () -> b.setMinAtarState(s));
        s.put("strike", false);
        s.put("paddle", 3);
        assertMessage("Breakout state has unknown variable 'paddle'", () -> b.setMinAtarState(s));
        s.remove("paddle");
        s.put("ball_x", 12);
        assertMessage("coordinate 12 is off the grid", () -> b.setMinAtarState(s));
        s.put("ball_x", "3");
        assertMessage("Breakout state 'ball_x': expected an integer, got 3", () -> b.setMinAtarState(s));
    }

    @Test
    void actAndObserveIntoAllocateNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        int[] actions = new int[4096];
        Rng rng = new Rng(1);
        for (int i = 0; i < actions.length; i++) {
            actions[i] = rng.nextInt(6);
        }
        for (Game g : GAMES) {
            MinAtarGame env = g.make(false, 0.1, true);
            float[] obs = new float[100 * g.channels()];
            long[] allocated = new long[3];
            for (int round = 0; round < allocated.length; round++) { // the first rounds warm up the JIT
                env.reset(round);
                long before = threads.getThreadAllocatedBytes(tid);
                for (int i = 0; i < 100_000; i++) {
                    env.act(actions[i & 4095]);
                    env.observeInto(obs);
                    if (env.isTerminal()) {
                        env.newEpisode();
                    }
                }
                allocated[round] = threads.getThreadAllocatedBytes(tid) - before;
            }
            assertTrue(allocated[2] < 10_000, g + ": 100k frames with resets allocated " + allocated[2] + " bytes");
        }
    }

    @Test
    void toStringNamesTheGame() {
        assertEquals("SpaceInvaders", new SpaceInvaders().toString());
        assertEquals("Freeway[minimal actions]", new Freeway(true, 0.1, true).toString());
        Supplier<Env<float[], Integer>> made = () -> Envs.make("MinAtar/Asterix-v1");
        assertTrue(made.get().toString().contains("Asterix[minimal actions]"), made.get().toString());
    }
}
