package dev.arcadia.simui;

import dev.arcadia.experiments.episodes.EpisodeFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import dev.arcadia.env.render.GridFrame;
import dev.arcadia.simui.screens.HomeScreen;
import dev.arcadia.simui.screens.LiveScreen;
import dev.arcadia.simui.screens.MessageScreen;
import dev.arcadia.simui.screens.PlayScreen;
import dev.arcadia.simui.screens.ReplayScreen;
import dev.arcadia.simui.screens.WatchScreen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer's screens and their state machine on LibGDX's headless backend: the real {@link Viewer} (a
 * {@code Game}) runs on the headless application's thread, without GL; each check runs on that thread.
 */
class HeadlessViewerTest {

    @TempDir
    static Path dir;
    private static Path run;
    private static Path recordings;

    private HeadlessApplication app;
    private Viewer viewer;
    private volatile boolean exited;

    @BeforeAll
    static void inputs() throws Exception {
        run = Fixtures.frozenLakeRun(dir.resolve("runs").resolve("fl-test-1"));
        recordings = dir.resolve("recordings");
        Fixtures.frozenLakeRecording(recordings.resolve("won.jsonl"));
        Fixtures.corruptRecording(recordings.resolve("corrupt.jsonl"));
    }

    private void start(Launch launch) throws Exception {
        viewer = new Viewer(launch).onExit(() -> exited = true);
        HeadlessApplicationConfiguration config = new HeadlessApplicationConfiguration();
        config.updatesPerSecond = 200;
        // The application thread runs the viewer's lifecycle and the test's runnables; the test itself calls the
        // screens' updates and render, so that clocks advance exactly as the test says.
        app = new HeadlessApplication(new ApplicationAdapter() {
            @Override
            public void create() {
                viewer.create();
            }

            @Override
            public void dispose() {
                viewer.dispose();
            }
        }, config);
        on(() -> null);
    }

    /** Runs {@code c} on the application thread and returns its result. */
    private <T> T on(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        app.postRunnable(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(20, TimeUnit.SECONDS);
    }

    private void run(Runnable r) throws Exception {
        on(() -> {
            r.run();
            return null;
        });
    }

    private void key(int keycode) throws Exception {
        on(() -> viewer.current().keyDown(keycode));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.exit();
        }
    }

    @Test
    void homeOpensEveryScreenAndEscapeComesBack() throws Exception {
        start(new Launch.Home(dir.resolve("runs"), recordings));
        assertNull(on(() -> viewer.canvas()), "no GL on the headless backend, so no canvas");
        HomeScreen home = on(() -> (HomeScreen) viewer.current());
        assertTrue(home.items().size() >= 6, "environments, a run and two recordings: " + home.items());

        assertTrue(on(() -> home.select("Play    FrozenLake-v1")));
        key(Keys.ENTER);
        assertInstanceOf(PlayScreen.class, on(() -> viewer.current()));
        assertEquals(1, on(() -> viewer.depth()));
        key(Keys.ESCAPE);
        assertEquals(home, on(() -> viewer.current()));
        assertEquals(0, on(() -> viewer.depth()));

        assertTrue(on(() -> home.select("Replay  won.jsonl")));
        key(Keys.ENTER);
        ReplayScreen replay = on(() -> (ReplayScreen) viewer.current());
        assertNull(replay.error());
        key(Keys.END);
        assertEquals(6, replay.replay().position());
        key(Keys.ESCAPE);

        assertTrue(on(() -> home.select("Replay  fl-test-1/episodes")), "the run's evaluation episodes: " + home.items());
        key(Keys.ENTER);
        ReplayScreen evaluation = on(() -> (ReplayScreen) viewer.current());
        assertNull(evaluation.error(), evaluation.error());
        assertEquals("agent", evaluation.replay().record().source());
        assertTrue(evaluation.files().get(evaluation.index()).endsWith(Path.of("seed-0", "final.jsonl")),
                "the newest name first: " + evaluation.files());
        key(Keys.END);
        assertTrue(evaluation.replay().record().done());
        key(Keys.ESCAPE);

        assertTrue(on(() -> home.select("Watch   fl-test-1")));
        key(Keys.ENTER);
        assertInstanceOf(WatchScreen.class, on(() -> viewer.current()));
        key(Keys.ESCAPE);
        key(Keys.L);
        assertInstanceOf(LiveScreen.class, on(() -> viewer.current()));
        key(Keys.ESCAPE);

        key(Keys.DOWN);
        key(Keys.UP);
        assertFalse(exited);
        key(Keys.ESCAPE);
        assertTrue(exited, "leaving the first screen quits");
    }

    @Test
    void playingOnTheHeadlessBackend() throws Exception {
        start(new Launch.Play("FrozenLake-v1", Fixtures.NOT_SLIPPERY, 0, dir.resolve("played")));
        PlayScreen play = on(() -> (PlayScreen) viewer.current());
        key(Keys.RIGHT);
        key(Keys.DOWN);
        GridFrame f = on(() -> (GridFrame) play.session().frame());
        assertEquals(1, f.agentRow());
        assertEquals(1, f.agentCol());
        assertTrue(on(() -> play.session().done()), "row 1, column 1 is a hole");
        assertTrue(on(() -> play.panelLines().contains("Episode over (terminated)")));
        assertEquals(1, Files.list(dir.resolve("played")).count(), "the episode was recorded");
        on(() -> {
            viewer.render(); // the Game's render: the screen updates, nothing is drawn without GL
            return null;
        });
        key(Keys.ESCAPE);
        assertTrue(exited);
    }

    @Test
    void replayBrowsesTheEpisodesNextToTheOpenOne() throws Exception {
        Path many = dir.resolve("many");
        Fixtures.frozenLakeRecording(many.resolve("a.jsonl"));
        EpisodeFile.write(many.resolve("b.jsonl"), Fixtures.record("FrozenLake-v1", Fixtures.NOT_SLIPPERY, 0, 1, 1));
        Files.writeString(many.resolve("c.jsonl"), "not an episode\n");
        start(new Launch.Replay(many.resolve("a.jsonl")));
        ReplayScreen r = on(() -> (ReplayScreen) viewer.current());
        assertEquals(3, r.files().size());
        assertEquals(0, r.index());
        assertEquals(6, r.replay().length());
        key(Keys.RIGHT_BRACKET);
        assertEquals(1, r.index());
        assertEquals(2, r.replay().length(), "b.jsonl: down, down into the hole");
        key(Keys.RIGHT_BRACKET);
        assertNull(r.replay());
        assertTrue(r.error().contains("c.jsonl"), "a bad file in the list shows its reason: " + r.error());
        key(Keys.RIGHT_BRACKET); // the end: stays
        assertEquals(2, r.index());
        key(Keys.LEFT_BRACKET);
        key(Keys.LEFT_BRACKET);
        assertEquals(6, r.replay().length());
        assertTrue(r.panelLines().contains("Episode 1 of 3 here ([ and ] to browse)"), r.panelLines().toString());

        on(() -> {
            viewer.openLaunch(new Launch.Replay(run)); // a run directory: its episodes/, not its metrics.jsonl
            return null;
        });
        ReplayScreen runReplay = on(() -> (ReplayScreen) viewer.current());
        assertNull(runReplay.error(), runReplay.error());
        assertTrue(runReplay.files().stream().allMatch(f -> f.toString().contains("episodes")), runReplay.files().toString());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        on(() -> {
            viewer.openLaunch(new Launch.Replay(empty));
            return null;
        });
        ReplayScreen e = on(() -> (ReplayScreen) viewer.current());
        assertTrue(e.error().contains("no recorded episodes") && e.error().contains("RUN_DIR/episodes"), e.error());
    }

    @Test
    void corruptAndPartialRecordingsShowAMessage() throws Exception {
        start(new Launch.Replay(recordings.resolve("corrupt.jsonl")));
        ReplayScreen r = on(() -> (ReplayScreen) viewer.current());
        assertNull(r.replay());
        assertTrue(r.error().contains("corrupt.jsonl line 2 is not valid JSON"), r.error());
        assertTrue(r.panelLines().contains("! Cannot replay this file"));
        key(Keys.RIGHT); // keys do nothing, and nothing crashes
        key(Keys.SPACE);
        on(() -> {
            r.update(1f);
            return null;
        });
        Path partial = dir.resolve("partial.jsonl");
        String text = Files.readString(recordings.resolve("won.jsonl"));
        Files.writeString(partial, text.substring(0, text.indexOf("{\"t\":4")));
        on(() -> {
            viewer.openLaunch(new Launch.Replay(partial));
            return null;
        });
        ReplayScreen p = on(() -> (ReplayScreen) viewer.current());
        assertTrue(p.error().contains("is partial: it stops after 3 steps"), p.error());
        key(Keys.ENTER);
        assertEquals(r, on(() -> viewer.current()), "Enter goes back from the message");
    }

    @Test
    void screensThatCannotOpenShowWhy() throws Exception {
        start(new Launch.Play("FrozenLak-v1", Map.of(), 0, null));
        MessageScreen m = on(() -> (MessageScreen) viewer.current());
        assertTrue(m.message().contains("unknown environment id 'FrozenLak-v1'") && m.message().contains("'FrozenLake-v1'"), m.message());
        on(() -> {
            viewer.openLaunch(new Launch.Watch(dir.resolve("nowhere"), 0, OptionalLong.empty()));
            return null;
        });
        m = on(() -> (MessageScreen) viewer.current());
        assertTrue(m.message().contains("is not a directory"), m.message());
        Path noCheckpoints = dir.resolve("bare");
        Files.createDirectories(noCheckpoints);
        Files.copy(run.resolve("config.json"), noCheckpoints.resolve("config.json"));
        on(() -> {
            viewer.openLaunch(new Launch.Watch(noCheckpoints, 0, OptionalLong.empty()));
            return null;
        });
        m = on(() -> (MessageScreen) viewer.current());
        assertTrue(m.message().contains("has no checkpoints of seed 0"), m.message());
        on(() -> {
            viewer.openLaunch(new Launch.Watch(run, 0, OptionalLong.of(150)));
            return null;
        });
        m = on(() -> (MessageScreen) viewer.current());
        assertTrue(m.message().contains("available: [100, 200, 300]"), m.message()); // 300: the final checkpoint
    }

    @Test
    void watchPausesStepsAndChangesSpeed() throws Exception {
        start(new Launch.Watch(run, 0, OptionalLong.empty()));
        WatchScreen w = on(() -> (WatchScreen) viewer.current());
        assertTrue(w.session().hasQValues());
        assertEquals(4, on(() -> w.session().currentQ().length));
        assertEquals(16, on(() -> w.session().stateValues().length));
        assertEquals(1, w.session().speed());
        run(() -> w.update(1.0f + 1e-4f));
        assertEquals(5, w.session().steps(), "1x = 5 steps per second");
        key(Keys.SPACE);
        assertTrue(w.session().paused());
        run(() -> w.update(10f));
        assertEquals(5, w.session().steps(), "paused");
        key(Keys.N);
        assertEquals(6, w.session().steps(), "single step");
        for (int i = 0; i < 10; i++) {
            key(Keys.PLUS);
        }
        assertEquals(60, w.session().speed());
        key(Keys.MINUS);
        assertEquals(30, w.session().speed());
        key(Keys.V);
        assertFalse(w.overlay());
        assertTrue(on(() -> w.panelLines().stream().anyMatch(l -> l.startsWith("Speed 30x"))));
    }

    @Test
    void liveFollowsAppendedMetrics() throws Exception {
        Path live = dir.resolve("live");
        Files.createDirectories(live);
        Files.copy(run.resolve("config.json"), live.resolve("config.json"));
        start(new Launch.Live(live));
        LiveScreen l = on(() -> (LiveScreen) viewer.current());
        on(() -> {
            l.update(1f);
            return null;
        });
        assertTrue(l.panelLines().contains("Waiting for metrics.jsonl ..."));
        Files.writeString(live.resolve("metrics.jsonl"), "{\"seed\":0,\"episode\":20,\"steps\":90,\"meanReturn\":0.0}\n",
                StandardOpenOption.CREATE_NEW);
        on(() -> {
            l.update(0.1f);
            return null;
        });
        assertEquals(0, l.tail().records(), "polls twice a second, not every frame");
        on(() -> {
            l.update(0.5f);
            return null;
        });
        assertEquals(1, l.tail().records());
        Files.writeString(live.resolve("metrics.jsonl"), "{\"seed\":0,\"episode\":40,\"steps\":150,\"meanReturn\":0.5}\n",
                StandardOpenOption.APPEND);
        on(() -> {
            l.update(0.5f);
            return null;
        });
        assertEquals(2, l.tail().seeds().get(0).training.size());
        assertNotNull(LiveScreen.ranges(l.tail().seeds()));
        assertTrue(l.panelLines().stream().anyMatch(s -> s.startsWith("Seed 0: episode 40, step 150, return 0.500")),
                l.panelLines().toString());
        assertFalse(l.finished());
        assertEquals(Gdx.app, app);
    }
}
