package dev.arcadia.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.agents.Agent;
import dev.arcadia.agents.Evaluation;
import dev.arcadia.agents.Mode;
import dev.arcadia.agents.Transition;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Snapshotable;
import dev.arcadia.env.Step;
import dev.arcadia.env.space.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DqnTest {

    @TempDir
    Path tmp;

    /** A small, fast CartPole setting for learning tests. */
    static Dqn.Config cartPole() {
        Dqn.Config c = new Dqn.Config();
        c.hidden = List.of(64, 64);
        c.learningRate = 1e-3;
        c.bufferSize = 10_000;
        c.batchSize = 32;
        c.learningStarts = 500;
        c.trainFrequency = 1;
        c.targetUpdateInterval = 250;
        c.epsilonDecaySteps = 4_000;
        c.epsilonEnd = 0.02;
        return c;
    }

    /** Trains whole episodes until at least {@code steps} environment steps are done (ends at an episode boundary). */
    @SuppressWarnings("unchecked")
    static long train(Agent<Object, Integer> agent, Env<?, ?> e, long steps, long seed, boolean first) {
        Env<Object, Integer> env = (Env<Object, Integer>) e;
        long done = 0;
        boolean start = first;
        while (done < steps) {
            Step<Object> s = start ? env.reset(seed) : env.reset();
            start = false;
            while (true) {
                Integer a = agent.act(s.observation(), Mode.TRAIN);
                Step<Object> next = env.step(a);
                agent.observe(new Transition<>(s.observation(), a, next.reward(), next.observation(), next.terminated(),
                        next.truncated()));
                done++;
                s = next;
                if (next.done()) {
                    break;
                }
            }
        }
        return done;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static double greedyReturn(Dqn agent, String id, int episodes) {
        Env env = Envs.make(id);
        return Evaluation.run(env, (dev.arcadia.agents.Policy) agent, episodes, 99).meanReturn();
    }

    /** The best greedy mean return (10 episodes) of evaluations every 2,000 steps over 20,000 training steps. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static double learnCartPole(Consumer<Dqn.Config> variant, long seed) {
        Dqn.Config c = cartPole();
        variant.accept(c);
        Env<float[], Integer> env = Envs.make("CartPole-v1");
        Dqn agent = new Dqn(c, env.observationSpace(), env.actionSpace(), seed);
        double best = 0;
        for (int chunk = 0; chunk < 10; chunk++) {
            train((Agent) agent, env, 2_000, seed, chunk == 0);
            best = Math.max(best, greedyReturn(agent, "CartPole-v1", 10));
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "polyak", "double", "dueling", "nstep", "prioritized", "mse"})
    void everyVariantLearnsCartPoleWellAboveRandom(String variant) {
        Consumer<Dqn.Config> v = switch (variant) {
            case "polyak" -> c -> {
                c.target = "polyak";
                c.tau = 0.01;
            };
            case "double" -> c -> c.doubleDqn = true;
            case "dueling" -> c -> c.dueling = true;
            case "nstep" -> c -> c.nStep = 3;
            case "prioritized" -> c -> c.prioritized = true;
            case "mse" -> c -> c.loss = "mse";
            default -> c -> { };
        };
        double score = learnCartPole(v, 3);
        // a random policy averages about 22; within 20,000 steps the greedy policy must reach 150 at some evaluation
        assertTrue(score >= 150, variant + ": greedy mean return " + score);
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        Env<float[], Integer> a = Envs.make("CartPole-v1");
        Env<float[], Integer> b = Envs.make("CartPole-v1");
        Dqn x = new Dqn(cartPole(), a.observationSpace(), a.actionSpace(), 5);
        Dqn y = new Dqn(cartPole(), b.observationSpace(), b.actionSpace(), 5);
        train((Agent) x, a, 2_000, 11, true);
        train((Agent) y, b, 2_000, 11, true);
        assertArrayEquals(x.parameters().toFlat(), y.parameters().toFlat());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void saveLoadContinueEqualsNeverStopping() throws IOException {
        Dqn.Config c = cartPole();
        c.prioritized = true;
        c.doubleDqn = true;
        Env<float[], Integer> envA = Envs.make("CartPole-v1");
        Dqn a = new Dqn(c, envA.observationSpace(), envA.actionSpace(), 7);
        long first = trainEpisodes(a, envA, 40, 21, true);
        trainEpisodes(a, envA, 40, 0, false);

        Env<float[], Integer> envB = Envs.make("CartPole-v1");
        Dqn b = new Dqn(c, envB.observationSpace(), envB.actionSpace(), 7);
        assertEquals(first, trainEpisodes(b, envB, 40, 21, true));
        b.save(tmp.resolve("ckpt"));
        byte[] envState = ((Snapshotable) envB).snapshot();

        Env<float[], Integer> envC = Envs.make("CartPole-v1");
        ((Snapshotable) envC).restore(envState);
        Dqn resumed = new Dqn(c, envC.observationSpace(), envC.actionSpace(), 12345);
        resumed.load(tmp.resolve("ckpt"));
        trainEpisodes(resumed, envC, 40, 0, false);
        assertArrayEquals(a.parameters().toFlat(), resumed.parameters().toFlat());
        assertEquals(a.steps(), resumed.steps());
    }

    @Test
    void loadPolicyReadsTheQNetworkOnly() throws IOException {
        Dqn.Config c = cartPole();
        Env<float[], Integer> env = Envs.make("CartPole-v1");
        Dqn a = new Dqn(c, env.observationSpace(), env.actionSpace(), 7);
        trainEpisodes(a, env, 40, 21, true);
        a.save(tmp.resolve("policy"));
        Dqn viewer = new Dqn(c, env.observationSpace(), env.actionSpace(), 99);
        java.nio.file.Files.delete(tmp.resolve("policy").resolve("replay.bin")); // not even needed
        viewer.loadPolicy(tmp.resolve("policy"));
        float[] obs = env.reset(3).observation();
        double[] qa = new double[2];
        double[] qv = new double[2];
        a.qValues(obs, qa);
        viewer.qValues(obs, qv);
        assertArrayEquals(qa, qv);
        assertEquals(a.act(obs, Mode.EVAL), viewer.act(obs, Mode.EVAL));
        assertEquals(0, viewer.buffer().state().size(), "the replay buffer was left alone");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> viewer.load(tmp.resolve("policy")));
        assertTrue(e.getMessage().contains("replay.bin"), "a full load still needs everything: " + e.getMessage());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static long trainEpisodes(Dqn agent, Env<float[], Integer> env, int episodes, long seed, boolean first) {
        long steps = 0;
        for (int e = 0; e < episodes; e++) {
            Step<float[]> s = e == 0 && first ? env.reset(seed) : env.reset();
            while (true) {
                Integer a = agent.act(s.observation(), Mode.TRAIN);
                Step<float[]> next = env.step(a);
                agent.observe((Transition) new Transition<>(s.observation(), a, next.reward(), next.observation(),
                        next.terminated(), next.truncated()));
                steps++;
                s = next;
                if (next.done()) {
                    break;
                }
            }
        }
        return steps;
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void actingAndLearningAllocateNothingAfterWarmUp() {
        Dqn.Config c = cartPole();
        c.prioritized = true;
        c.nStep = 3;
        Env<float[], Integer> env = Envs.make("CartPole-v1");
        Dqn agent = new Dqn(c, env.observationSpace(), env.actionSpace(), 3);
        float[] obs = {0.01f, -0.02f, 0.03f, 0.04f};
        float[] next = {0.02f, -0.01f, 0.02f, 0.05f};
        Transition t = new Transition<>(obs, 1, 1.0, next, false, false);
        Runnable work = () -> {
            for (int i = 0; i < 2_000; i++) {
                agent.act(obs, Mode.TRAIN);
                agent.act(obs, Mode.EVAL);
                agent.observe(t);
            }
        };
        work.run();
        work.run();
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        long bytes = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 20_000, "2,000 act + observe + update cycles allocated " + bytes + " bytes");
    }

    @Test
    void badInputIsRejectedClearly() throws IOException {
        Env<float[], Integer> env = Envs.make("CartPole-v1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dqn(new Dqn.Config(), env.observationSpace(), Box.uniform(-1, 1, 2), 0));
        assertEquals("dqn needs a Discrete action space starting at 0, got Box[2]", e.getMessage());
        Dqn.Config bad = new Dqn.Config();
        bad.target = "soft";
        e = assertThrows(IllegalArgumentException.class, () -> new Dqn(bad, env.observationSpace(), env.actionSpace(), 0));
        assertEquals("dqn config: target: expected hard, polyak or none, got soft", e.getMessage());
        Dqn agent = new Dqn(cartPole(), env.observationSpace(), env.actionSpace(), 0);
        IOException missing = assertThrows(IOException.class, () -> agent.load(tmp.resolve("nothing")));
        assertTrue(missing.getMessage().contains("no state.json"), missing.getMessage());
        agent.save(tmp.resolve("ok"));
        byte[] replay = Files.readAllBytes(tmp.resolve("ok/replay.bin"));
        replay[replay.length - 1] ^= 1;
        Files.write(tmp.resolve("ok/replay.bin"), replay);
        IOException corrupt = assertThrows(IOException.class, () -> agent.load(tmp.resolve("ok")));
        assertTrue(corrupt.getMessage().contains("fails its checksum"), corrupt.getMessage());
    }

    @Test
    void divergingTrainingStopsWithAClearMessage() {
        Dqn.Config c = cartPole();
        c.learningRate = 1e30;
        c.optimizer = "sgd";
        c.maxGradNorm = 0;
        c.learningStarts = 40;
        Env<float[], Integer> env = Envs.make("CartPole-v1");
        Dqn agent = new Dqn(c, env.observationSpace(), env.actionSpace(), 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> train((Agent) agent, env, 5_000, 1, true));
        assertTrue(e.getMessage().startsWith("dqn training diverged at environment step"), e.getMessage());
    }
}
