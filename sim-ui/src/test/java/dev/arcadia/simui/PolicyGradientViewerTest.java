package dev.arcadia.simui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.agents.PolicyDistribution;
import dev.arcadia.simui.model.LiveEpisodes;
import dev.arcadia.simui.model.RunCheckpoint;
import dev.arcadia.simui.model.WatchSession;
import dev.arcadia.simui.screens.LiveScreen;
import dev.arcadia.simui.screens.WatchScreen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer with policy-gradient runs, headless: watching a {@code step-N} checkpoint with its action probabilities
 * or Gaussian, and the live screen's latest episodes switching to each newer checkpoint as it appears.
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

    @Test
    void liveEpisodesSwitchToEachNewerCheckpointAsItAppears() throws Exception {
        Path live = dir.resolve("live");
        Files.createDirectories(live.resolve("checkpoints/seed-0"));
        LiveEpisodes episodes = new LiveEpisodes(live, 2.0);
        assertFalse(episodes.poll());
        assertTrue(episodes.problem().contains("no config.json"), episodes.problem());
        Files.copy(cartPole.resolve("config.json"), live.resolve("config.json"));
        assertFalse(episodes.poll(), "no checkpoint yet");
        assertNull(episodes.session());

        List<Path> source = RunCheckpoint.list(cartPole, 0);
        appear(source.get(0), live);
        assertTrue(episodes.poll(), "the first checkpoint appeared");
        assertEquals(source.get(0).getFileName(), episodes.checkpoint().checkpoint().getFileName());
        assertNull(episodes.problem());
        WatchSession first = episodes.session();
        assertEquals(25, first.stepsPerSecond(), 1e-9, "plays at 5x by default");
        episodes.update(0.5);
        assertTrue(first.steps() > 0, "it plays");
        assertFalse(episodes.poll(), "nothing newer");

        appear(source.get(1), live);
        assertFalse(episodes.poll(), "a newer checkpoint waits for the reload interval (2 s of viewer time)");
        episodes.update(1.6);
        assertTrue(episodes.poll(), "then the session switches to it");
        assertEquals(source.get(1).getFileName(), episodes.checkpoint().checkpoint().getFileName());
        assertTrue(episodes.session() != first);

        // a damaged newer checkpoint: reported, not retried, and the current one keeps playing
        Path damaged = live.resolve("checkpoints/seed-0/step-999999");
        copyTree(source.get(2), damaged);
        Files.writeString(damaged.resolve("agent/state.json"), "{\"format\": ");
        WatchSession playing = episodes.session();
        episodes.update(2);
        assertFalse(episodes.poll());
        assertTrue(episodes.problem().contains("step-999999") && episodes.problem().contains("state.json is corrupt"),
                episodes.problem());
        assertSame(playing, episodes.session());
        episodes.update(2);
        assertFalse(episodes.poll(), "the damaged checkpoint is not loaded again");
        delete(damaged);

        // the live screen shows the curves' run and the episodes of the newest checkpoint
        appear(source.get(2), live);
        LiveScreen screen = new LiveScreen(null, live);
        screen.poll();
        assertTrue(screen.panelLines().contains("Latest episodes: seed 0, checkpoint at step "
                + RunCheckpoint.number(source.get(2))), screen.panelLines().toString());
        assertEquals(0, screen.episodes().session().steps());
        screen.update(0.2f);
        assertTrue(screen.episodes().session().steps() > 0, "the screen's clock plays the episode");
        screen.dispose();
        episodes.close();
    }

    /** Copies a checkpoint into {@code run} the way the runners write one: a hidden directory renamed into place. */
    private static void appear(Path checkpoint, Path run) throws Exception {
        Path seed = run.resolve("checkpoints/seed-0");
        Path tmp = seed.resolve("." + checkpoint.getFileName() + "-tmp");
        copyTree(checkpoint, tmp);
        Files.move(tmp, seed.resolve(checkpoint.getFileName()), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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

    private static void delete(Path d) throws Exception {
        try (Stream<Path> walk = Files.walk(d)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
