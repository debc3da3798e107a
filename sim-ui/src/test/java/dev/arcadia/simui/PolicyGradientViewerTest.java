package dev.arcadia.simui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.agents.PolicyDistribution;
import dev.arcadia.simui.model.RunCheckpoint;
import dev.arcadia.simui.model.WatchSession;
import dev.arcadia.simui.screens.WatchScreen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer with policy-gradient runs, headless: watching a {@code step-N} checkpoint with its action probabilities
 * or Gaussian.
 */
class PolicyGradientViewerTest {

    @TempDir
    static Path dir;
    private static Path cartPole;
    private static Path pendulum;

    @BeforeAll
    static void runs() throws Exception {
        cartPole = Fixtures.ppoRun(dir.resolve("ppo-cartpole"), "CartPole-v1");
        pendulum = Fixtures.ppoRun(dir.resolve("ppo-pendulum"), "Pendulum-v1");
    }

    @Test
    void watchShowsTheActionProbabilitiesOfAPolicyGradientCheckpoint() {
        RunCheckpoint c = RunCheckpoint.load(cartPole, 0, OptionalLong.empty());
        assertEquals("step 10240", c.label(), "the final checkpoint is the latest");
        WatchSession s = new WatchSession(c.env(), c.agent(), c.envSeed());
        assertFalse(s.hasQValues());
        assertTrue(s.hasDistribution());
        for (int k = 0; k < 20 && !s.episodeDone(); k++) {
            double[] p = assertInstanceOf(PolicyDistribution.Categorical.class, s.currentDistribution()).probabilities();
            assertEquals(2, p.length);
            assertEquals(1.0, p[0] + p[1], 1e-12);
            s.stepOnce();
            assertEquals(p[1] > p[0] ? 1 : 0, s.lastAction(), "the greedy action is the most probable one");
        }
        WatchScreen w = (WatchScreen) new Launch.Watch(cartPole, 0, OptionalLong.empty()).create(null);
        assertTrue(w.title().contains("checkpoint at step 10240"), w.title());
        assertTrue(w.panelLines().contains("Action probabilities of this state:"), w.panelLines().toString());
        w.dispose();

        List<Path> all = RunCheckpoint.list(cartPole, 0);
        assertTrue(all.size() >= 3, all.toString());
        long first = RunCheckpoint.number(all.get(0));
        assertEquals("step " + first, RunCheckpoint.load(cartPole, 0, OptionalLong.of(first)).label());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RunCheckpoint.load(cartPole, 0, OptionalLong.of(7)));
        assertTrue(missing.getMessage().contains("has no checkpoint of seed 0 at step 7; available: [" + first + ", "),
                missing.getMessage());
    }

    @Test
    void watchShowsTheGaussianOfAContinuousPolicy() {
        RunCheckpoint c = RunCheckpoint.load(pendulum, 0, OptionalLong.empty());
        WatchSession s = new WatchSession(c.env(), c.agent(), c.envSeed());
        PolicyDistribution.Gaussian g = assertInstanceOf(PolicyDistribution.Gaussian.class, s.currentDistribution());
        assertEquals(1, g.mean().length);
        assertTrue(g.std()[0] > 0 && Double.isFinite(g.mean()[0]), g.toString());
        s.stepOnce();
        assertEquals((float) Math.max(-2, Math.min(2, g.mean()[0])), ((float[]) s.lastAction())[0], "EVAL acts the mean");
        WatchScreen w = (WatchScreen) new Launch.Watch(pendulum, 0, OptionalLong.empty()).create(null);
        assertTrue(w.panelLines().contains("Gaussian policy of this state (band: mean +/- std):"), w.panelLines().toString());
        w.dispose();
    }

    @Test
    void aDamagedPolicyGradientCheckpointIsReportedWithTheReason() throws Exception {
        Path copy = dir.resolve("damaged");
        copyTree(cartPole, copy);
        Path params = RunCheckpoint.list(copy, 0).get(RunCheckpoint.list(copy, 0).size() - 1).resolve("agent/params.params");
        byte[] b = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(b, b.length - 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunCheckpoint.load(copy, 0, OptionalLong.empty()));
        assertTrue(e.getMessage().contains("cannot load the agent of") && e.getMessage().contains("step-10240")
                && e.getMessage().contains("params.params"), e.getMessage());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
