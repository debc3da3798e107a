package dev.arcadia.agents.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.agents.Evaluation;
import dev.arcadia.agents.Mode;
import dev.arcadia.agents.Transition;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.vector.SyncVectorEnv;
import dev.arcadia.env.vector.ThreadedVectorEnv;
import dev.arcadia.env.vector.VectorEnv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learning tests with small budgets and fixed seeds (thresholds from measured runs, see each test), determinism
 * across thread counts, checkpoints and errors.
 */
class PolicyGradientTest {

    @TempDir
    Path tmp;

    /** Trains on {@code env} (reset with {@code seed}) until the agent has seen {@code steps} environment steps. */
    static void train(PolicyGradientAgent agent, VectorEnv env, long steps, long seed) {
        agent.setTrainingBudget(steps);
        env.reset(seed);
        while (agent.steps() < steps) {
            agent.act(env.observations());
            agent.applyActions(env);
            agent.observe(env);
        }
    }

    /** Greedy mean return over {@code episodes} episodes of a fresh {@code id}. */
    @SuppressWarnings("unchecked")
    static double greedy(PolicyGradientAgent agent, String id, int episodes, long seed) {
        Env<Object, Object> env = Envs.make(id);
        return Evaluation.run(env, agent, episodes, seed).meanReturn();
    }

    static <T> T spaces(String id, java.util.function.BiFunction<Object, Object, T> make) {
        Env<?, ?> e = Envs.make(id);
        return make.apply(e.observationSpace(), e.actionSpace());
    }

    @Test
    void ppoLearnsCartPoleWithin50kSteps() {
        Ppo.Config c = new Ppo.Config(); // CleanRL's ppo.py: 4 envs x 128 steps, lr 2.5e-4 annealed
        Env<?, ?> e = Envs.make("CartPole-v1");
        Ppo ppo = new Ppo(c, e.observationSpace(), e.actionSpace(), 1);
        try (VectorEnv env = new SyncVectorEnv("CartPole-v1", c.numEnvs)) {
            train(ppo, env, 50_000, 11);
        }
        double mean = greedy(ppo, "CartPole-v1", 100, 5);
        System.out.println("ppo CartPole 50k: greedy " + mean);
        assertTrue(mean >= 300, "PPO greedy mean return after 50k steps: " + mean); // measured: 417.2
    }

    /**
     * A2C's greedy policy swings while it learns (as in Stable-Baselines3), so this test checks what the acceptance
     * rule checks: a greedy evaluation (20 episodes, every 10k steps) reaches 475 within the budget.
     */
    @Test
    void a2cReachesAGreedyReturnOf475Within200kSteps() {
        A2c.Config c = new A2c.Config(); // SB3: 8 envs x 5 steps, RMSProp 7e-4; annealed as in cartpole-a2c
        c.annealLearningRate = true;
        Env<?, ?> e = Envs.make("CartPole-v1");
        A2c a2c = new A2c(c, e.observationSpace(), e.actionSpace(), 1);
        long solvedAt = -1;
        StringBuilder curve = new StringBuilder();
        try (VectorEnv env = new SyncVectorEnv("CartPole-v1", c.numEnvs)) {
            a2c.setTrainingBudget(200_000);
            env.reset(11);
            for (long next = 10_000; next <= 200_000 && solvedAt < 0; next += 10_000) {
                while (a2c.steps() < next) {
                    a2c.act(env.observations());
                    a2c.applyActions(env);
                    a2c.observe(env);
                }
                double mean = greedy(a2c, "CartPole-v1", 20, next);
                curve.append(' ').append(Math.round(mean));
                if (mean >= 475) {
                    solvedAt = a2c.steps();
                }
            }
        }
        System.out.println("a2c CartPole greedy every 10k steps:" + curve + "; solved at " + solvedAt);
        // measured: 287 389 218 182 327 500, solved at 60,000
        assertTrue(solvedAt > 0, "A2C greedy evaluations within 200k steps:" + curve);
    }

    @Test
    void reinforceWithBaselineLearnsCartPoleWithin100kSteps() {
        Reinforce.Config c = new Reinforce.Config(); // 8 envs x 500 steps, Adam 3e-3, baseline, reward-to-go
        Env<?, ?> e = Envs.make("CartPole-v1");
        Reinforce r = new Reinforce(c, e.observationSpace(), e.actionSpace(), 1);
        try (VectorEnv env = new SyncVectorEnv("CartPole-v1", c.numEnvs)) {
            train(r, env, 100_000, 11);
        }
        double mean = greedy(r, "CartPole-v1", 100, 5);
        System.out.println("reinforce CartPole 100k: greedy " + mean);
        assertTrue(mean >= 450, "REINFORCE greedy mean return after 100k steps: " + mean); // measured: 499.8
    }

    @Test
    void plugInNetworksServeAsActorAndCriticOnMinAtar(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws IOException {
        Ppo.Config c = new Ppo.Config();
        c.network = "minatar-cnn";
        c.networkOptions = new java.util.LinkedHashMap<>(java.util.Map.of("hidden", 32));
        c.numEnvs = 4;
        c.rolloutSteps = 32;
        c.minibatches = 4;
        Env<?, ?> e = Envs.make("MinAtar/Breakout-v1");
        Ppo ppo = new Ppo(c, e.observationSpace(), e.actionSpace(), 3);
        float[] before = ppo.parameters().toFlat();
        try (VectorEnv env = new SyncVectorEnv("MinAtar/Breakout-v1", c.numEnvs)) {
            train(ppo, env, 3 * 4 * 32, 5);
        }
        float[] after = ppo.parameters().toFlat();
        assertTrue(before.length > 2 * (16 * 4 * 9 + 1024 * 32), "two CNNs (actor and critic): " + before.length);
        assertTrue(!java.util.Arrays.equals(before, after), "three PPO updates change the CNNs' weights");
        for (float v : after) {
            assertTrue(Float.isFinite(v));
        }
        Env<Object, Object> game = Envs.make("MinAtar/Breakout-v1");
        Object obs = game.reset(8).observation();
        double[] p = ((dev.arcadia.agents.PolicyDistribution.Categorical) ppo.distribution(obs)).probabilities();
        assertEquals(3, p.length, "Breakout-v1's minimal action set");
        assertEquals(1.0, java.util.Arrays.stream(p).sum(), 1e-6);
        ppo.save(tmp.resolve("ppo"));
        Ppo loaded = new Ppo(c, e.observationSpace(), e.actionSpace(), 99);
        loaded.load(tmp.resolve("ppo"));
        assertArrayEquals(p, ((dev.arcadia.agents.PolicyDistribution.Categorical) loaded.distribution(obs)).probabilities());

        Ppo.Config bad = new Ppo.Config();
        bad.network = "minatar-cn";
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> new Ppo(bad, e.observationSpace(), e.actionSpace(), 1));
        assertTrue(x.getMessage().contains("network: expected mlp or a registered network")
                && x.getMessage().contains("minatar-cnn") && x.getMessage().contains("got minatar-cn"), x.getMessage());
    }

    @Test
    void ppoWithAGaussianPolicyImprovesOnPendulum() {
        Ppo.Config c = new Ppo.Config();
        c.numEnvs = 4;
        c.rolloutSteps = 256;
        c.gamma = 0.9;
        c.learningRate = 1e-3;
        c.epochs = 10;
        c.minibatches = 16;
        c.valueClip = 0;
        c.entropyCoef = 0;
        Env<?, ?> e = Envs.make("Pendulum-v1");
        Ppo ppo = new Ppo(c, e.observationSpace(), e.actionSpace(), 1);
        double before = greedy(ppo, "Pendulum-v1", 10, 5);
        try (VectorEnv env = new SyncVectorEnv("Pendulum-v1", c.numEnvs)) {
            train(ppo, env, 60_000, 11);
        }
        double after = greedy(ppo, "Pendulum-v1", 10, 5);
        System.out.println("ppo Pendulum 60k: greedy " + before + " -> " + after + ", sigma " + ppo.standardDeviations()[0]);
        // measured: -985.5 (the initial policy) -> -159.1; random torques score about -1200
        assertTrue(after >= -400 && after > before + 300, "PPO on Pendulum: " + before + " -> " + after);
    }

    private static float[] trainA2c(VectorEnv env, long seed) {
        A2c.Config c = new A2c.Config();
        c.numEnvs = 4;
        A2c a2c = new A2c(c, env.singleObservationSpace(), env.singleActionSpace(), seed);
        train(a2c, env, 2_000, 3);
        return a2c.parameters().toFlat();
    }

    @Test
    void sameSeedGivesIdenticalParametersWhateverTheThreadCount() {
        float[] sync1;
        float[] sync2;
        float[] threaded;
        try (VectorEnv env = new SyncVectorEnv("CartPole-v1", 4)) {
            sync1 = trainA2c(env, 9);
        }
        try (VectorEnv env = new SyncVectorEnv("CartPole-v1", 4)) {
            sync2 = trainA2c(env, 9);
        }
        try (VectorEnv env = new ThreadedVectorEnv("CartPole-v1", 4, 2)) {
            threaded = trainA2c(env, 9);
        }
        assertArrayEquals(sync1, sync2);
        assertArrayEquals(sync1, threaded);
        try (VectorEnv env = new SyncVectorEnv("CartPole-v1", 4)) {
            float[] other = trainA2c(env, 10);
            assertTrue(!java.util.Arrays.equals(sync1, other), "another seed gives other parameters");
        }
    }

    @Test
    void checkpointRestoresParametersOptimizerAndRandomState() throws IOException {
        Ppo.Config c = new Ppo.Config();
        c.rolloutSteps = 32;
        Env<?, ?> e = Envs.make("CartPole-v1");
        Ppo a = new Ppo(c, e.observationSpace(), e.actionSpace(), 4);
        try (VectorEnv env = new SyncVectorEnv("CartPole-v1", c.numEnvs)) {
            train(a, env, 256, 1); // two full rollouts: at an update boundary
            a.setTrainingBudget(1024); // saved with the checkpoint: the annealed learning rate depends on it
            a.save(tmp.resolve("ckpt"));
            Ppo b = new Ppo(c, e.observationSpace(), e.actionSpace(), 99);
            b.load(tmp.resolve("ckpt"));
            assertArrayEquals(a.parameters().toFlat(), b.parameters().toFlat());
            assertEquals(a.steps(), b.steps());
            assertEquals(a.updates(), b.updates());
            assertFalse(a.updateStats().isEmpty());
            assertEquals(a.updateStats(), b.updateStats(), "the last update's statistics (logged until the next one)");
            // both continue identically on the same observations
            for (int k = 0; k < 64; k++) {
                a.act(env.observations());
                b.act(env.observations());
                assertArrayEquals(a.discreteActions(), b.discreteActions());
                a.applyActions(env);
                a.observe(env);
                b.observe(env);
            }
            assertArrayEquals(a.parameters().toFlat(), b.parameters().toFlat());
            assertEquals(a.updateStats(), b.updateStats());
        }
        Reinforce.Config rc = new Reinforce.Config();
        Reinforce r = new Reinforce(rc, e.observationSpace(), e.actionSpace(), 1);
        IOException bad = assertThrows(IOException.class, () -> r.load(tmp.resolve("ckpt")));
        assertTrue(bad.getMessage().contains("expected arcadia-pg-checkpoint / reinforce"), bad.getMessage());
        Path state = tmp.resolve("ckpt").resolve("state.json");
        java.nio.file.Files.writeString(state, java.nio.file.Files.readString(state).replaceFirst("\"stats\":\\{[^}]*}",
                "\"stats\":5"));
        Ppo d = new Ppo(c, e.observationSpace(), e.actionSpace(), 99);
        IOException corrupt = assertThrows(IOException.class, () -> d.load(tmp.resolve("ckpt")));
        assertTrue(corrupt.getMessage().contains("state.json is corrupt"), corrupt.getMessage());
    }

    @Test
    void actingObservingAndUpdatingAllocateNothingAfterWarmUp() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (String id : List.of("CartPole-v1", "Pendulum-v1")) {
            Env<?, ?> e = Envs.make(id);
            Ppo.Config c = new Ppo.Config();
            c.rolloutSteps = 32;
            Ppo ppo = new Ppo(c, e.observationSpace(), e.actionSpace(), 2);
            A2c a2c = new A2c(new A2c.Config(), e.observationSpace(), e.actionSpace(), 2);
            Reinforce.Config rc = new Reinforce.Config();
            rc.rolloutSteps = 32;
            Reinforce reinforce = new Reinforce(rc, e.observationSpace(), e.actionSpace(), 2);
            for (PolicyGradientAgent agent : List.of(ppo, a2c, reinforce)) {
                try (VectorEnv env = new SyncVectorEnv(id, agent.numEnvs())) {
                    env.reset(1);
                    long agentBytes = 0;
                    for (int k = 0; k < 3 * 32 * 2; k++) { // warm-up: updates at batch sizes seen, then measured
                        if (k == 3 * 32) {
                            agentBytes = 0;
                        }
                        long b0 = threads.getCurrentThreadAllocatedBytes();
                        agent.act(env.observations());
                        long b1 = threads.getCurrentThreadAllocatedBytes();
                        agent.applyActions(env); // the environments allocate their observations and Steps
                        long b2 = threads.getCurrentThreadAllocatedBytes();
                        agent.observe(env);
                        agentBytes += threads.getCurrentThreadAllocatedBytes() - b2 + b1 - b0;
                    }
                    assertTrue(agent.updates() >= 4, agent + " updated " + agent.updates() + " times");
                    assertTrue(agentBytes < 2_000, agent + " on " + id + ": 96 act + observe calls (3 updates) allocated "
                            + agentBytes + " bytes");
                }
            }
        }
    }

    @Test
    void evaluationActsOnSingleObservations() {
        Env<?, ?> e = Envs.make("Pendulum-v1");
        Ppo ppo = new Ppo(new Ppo.Config(), e.observationSpace(), e.actionSpace(), 1);
        float[] obs = {1, 0, 0};
        float[] a = (float[]) ppo.act(obs, Mode.EVAL);
        assertEquals(1, a.length);
        assertArrayEquals(a, (float[]) ppo.act(obs, Mode.EVAL), "EVAL is the mean: deterministic");
        assertTrue(ppo.toString().contains("gaussian"));
        assertEquals(1.0f, ppo.standardDeviations()[0], 1e-6f);
    }

    @Test
    void theDistributionIsTheOneActedOn() {
        Env<?, ?> cart = Envs.make("CartPole-v1");
        Ppo.Config c = new Ppo.Config();
        c.rolloutSteps = 32;
        Ppo ppo = new Ppo(c, cart.observationSpace(), cart.actionSpace(), 3);
        try (VectorEnv env = new SyncVectorEnv("CartPole-v1", c.numEnvs)) {
            train(ppo, env, 1024, 2); // away from the uniform initial policy
        }
        float[] obs = {0.1f, -0.4f, 0.05f, 0.6f};
        double[] p = ((dev.arcadia.agents.PolicyDistribution.Categorical) ppo.distribution(obs)).probabilities();
        assertEquals(2, p.length);
        assertEquals(1.0, p[0] + p[1], 1e-12);
        assertEquals(p[1] > p[0] ? 1 : 0, ppo.act(obs, Mode.EVAL), "EVAL takes the most probable action");
        // TRAIN samples with these probabilities
        int ones = 0;
        int n = 4000;
        for (int k = 0; k < n; k++) {
            ones += (Integer) ppo.act(obs, Mode.TRAIN);
        }
        assertEquals(p[1], ones / (double) n, 4 * Math.sqrt(p[1] * (1 - p[1]) / n) + 1e-3);

        Env<?, ?> pendulum = Envs.make("Pendulum-v1");
        Ppo.Config pc = new Ppo.Config();
        pc.initLogStd = -0.5;
        Ppo gaussian = new Ppo(pc, pendulum.observationSpace(), pendulum.actionSpace(), 4);
        float[] o = {0.3f, 0.95f, -1.2f};
        var g = (dev.arcadia.agents.PolicyDistribution.Gaussian) gaussian.distribution(o);
        assertEquals(1, g.mean().length);
        assertEquals(Math.exp(-0.5), g.std()[0], 1e-6);
        assertEquals(gaussian.standardDeviations()[0], g.std()[0], 1e-6);
        assertEquals((float) Math.max(-2, Math.min(2, g.mean()[0])), ((float[]) gaussian.act(o, Mode.EVAL))[0],
                "EVAL takes the mean, clipped");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> gaussian.distribution(5));
        assertTrue(bad.getMessage().contains("float[] observations, got Integer"), bad.getMessage());
    }

    @Test
    void misuseFailsWithClearMessages() {
        Env<?, ?> e = Envs.make("CartPole-v1");
        Ppo.Config c = new Ppo.Config();
        c.minibatches = 7;
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new Ppo(c, e.observationSpace(), e.actionSpace(), 1));
        assertTrue(bad.getMessage().contains("minibatches: expected a divisor of numEnvs * rolloutSteps (512)"),
                bad.getMessage());
        Ppo ppo = new Ppo(new Ppo.Config(), e.observationSpace(), e.actionSpace(), 1);
        UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
                () -> ppo.observe(new Transition<>(new float[4], 0, 1.0, new float[4], false, false)));
        assertTrue(u.getMessage().contains("vector environment"), u.getMessage());
        try (VectorEnv env = new SyncVectorEnv("CartPole-v1", 2)) {
            env.reset(1);
            IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> ppo.act(env.observations()));
            assertTrue(wrong.getMessage().contains("expects 4 x 4 observations"), wrong.getMessage());
            assertThrows(IllegalStateException.class, () -> ppo.observe(env));
        }
        assertTrue(new Reinforce.Config().problems().isEmpty());
        A2c.Config ac = new A2c.Config();
        ac.optimizer = "adagrad";
        ac.envThreads = 9;
        List<String> problems = ac.problems();
        assertTrue(problems.contains("optimizer: expected rmsprop or adam, got adagrad"), problems.toString());
        assertTrue(problems.contains("envThreads: expected 1 .. numEnvs (8), got 9"), problems.toString());
        assertEquals(Map.of(), ppo.updateStats());
    }
}
