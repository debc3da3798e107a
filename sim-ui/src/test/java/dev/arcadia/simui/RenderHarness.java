package dev.arcadia.simui;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.PixmapIO;
import com.badlogic.gdx.graphics.glutils.FrameBuffer;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import dev.arcadia.simui.screens.LiveScreen;
import dev.arcadia.simui.screens.PlayScreen;
import dev.arcadia.simui.screens.ReplayScreen;
import dev.arcadia.simui.screens.ViewerScreen;
import dev.arcadia.simui.screens.WatchScreen;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.zip.Deflater;

/**
 * Renders the viewer's screens for real (LWJGL3, OpenGL through Mesa under Xvfb) into PNG files, one per scenario,
 * each drawn into an off-screen frame buffer of {@value #WIDTH}x{@value #HEIGHT}. Runs in its own JVM, started by
 * {@link RenderingTest} with DISPLAY set; arguments: the output folder and the input folder prepared by the test.
 * Writes {@code done.txt} on success and {@code error.txt} with the stack trace on failure.
 */
public final class RenderHarness extends ApplicationAdapter {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 520;

    private final Path out;
    private final Path in;
    private final List<String> written = new ArrayList<>();
    private Throwable failure;

    private RenderHarness(Path out, Path in) {
        this.out = out;
        this.in = in;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path in = Path.of(args[1]);
        Files.createDirectories(out);
        Lwjgl3ApplicationConfiguration config = new Lwjgl3ApplicationConfiguration();
        config.setTitle("Arcadia render test");
        config.setWindowedMode(WIDTH, HEIGHT);
        config.disableAudio(true);
        config.useVsync(false);
        RenderHarness harness = new RenderHarness(out, in);
        try {
            new Lwjgl3Application(harness, config);
        } catch (Throwable t) {
            harness.failure = harness.failure == null ? t : harness.failure;
        }
        if (harness.failure != null) {
            StringWriter sw = new StringWriter();
            harness.failure.printStackTrace(new PrintWriter(sw));
            Files.writeString(out.resolve("error.txt"), sw.toString(), StandardCharsets.UTF_8);
            System.err.println(sw);
            System.exit(1);
        }
        Files.writeString(out.resolve("done.txt"), String.join("\n", harness.written) + "\n", StandardCharsets.UTF_8);
        System.exit(0);
    }

    /** The scenarios: name -> how to build (and advance) the screen. */
    private Map<String, Function<Viewer, ViewerScreen>> scenarios() {
        Map<String, Function<Viewer, ViewerScreen>> s = new LinkedHashMap<>();
        s.put("play-frozenlake", v -> {
            PlayScreen p = (PlayScreen) new Launch.Play("FrozenLake-v1", Fixtures.NOT_SLIPPERY, 0, out.resolve("recordings"))
                    .create(v);
            p.keyDown(Keys.RIGHT);
            return p;
        });
        s.put("play-frozenlake-won", v -> {
            PlayScreen p = (PlayScreen) new Launch.Play("FrozenLake-v1", Fixtures.NOT_SLIPPERY, 0, out.resolve("recordings"))
                    .create(v);
            for (int key : new int[] {Keys.D, Keys.D, Keys.S, Keys.S, Keys.S, Keys.D}) {
                p.keyDown(key);
            }
            return p;
        });
        s.put("play-cartpole", v -> {
            PlayScreen p = (PlayScreen) new Launch.Play("CartPole-v1", Map.of(), 3, null).create(v);
            for (int i = 0; i < RenderingTest.CARTPOLE_PUSHES; i++) {
                p.session().step(1);
            }
            return p;
        });
        s.put("play-pixels", v -> {
            PlayScreen p = (PlayScreen) new Launch.Play("TestPixels-v0", Map.of(), 0, null).create(v);
            p.session().step(1);
            p.session().step(1);
            return p;
        });
        String minatar = RenderingTest.minAtarId();
        if (minatar != null) {
            s.put("play-minatar", v -> {
                PlayScreen p = (PlayScreen) new Launch.Play(minatar, Map.of(), RenderingTest.MINATAR_SEED, null).create(v);
                for (int a : RenderingTest.MINATAR_ACTIONS) {
                    p.session().step(a);
                }
                return p;
            });
        }
        s.put("play-text", v -> new Launch.Play("TestText-v0", Map.of(), 0, null).create(v));
        s.put("replay-frozenlake", v -> {
            ReplayScreen r = (ReplayScreen) new Launch.Replay(in.resolve("frozenlake.jsonl")).create(v);
            r.replay().seek(RenderingTest.REPLAY_STEP);
            return r;
        });
        s.put("replay-corrupt", v -> new Launch.Replay(in.resolve("corrupt.jsonl")).create(v));
        s.put("watch-frozenlake", v -> new Launch.Watch(in.resolve("run"), 0, OptionalLong.empty()).create(v));
        s.put("live", v -> {
            LiveScreen l = (LiveScreen) new Launch.Live(in.resolve("run")).create(v);
            l.poll();
            return l;
        });
        s.put("watch-cartpole-ppo", v -> {
            WatchScreen w = (WatchScreen) new Launch.Watch(in.resolve("ppo-cartpole"), 0, OptionalLong.empty()).create(v);
            for (int i = 0; i < RenderingTest.WATCH_STEPS; i++) {
                w.session().stepOnce();
            }
            return w;
        });
        s.put("watch-pendulum-ppo", v -> new Launch.Watch(in.resolve("ppo-pendulum"), 0, OptionalLong.empty()).create(v));
        s.put("live-cartpole-ppo", v -> {
            LiveScreen l = (LiveScreen) new Launch.Live(in.resolve("ppo-cartpole")).create(v);
            l.poll();
            for (int i = 0; i < RenderingTest.LIVE_STEPS; i++) {
                l.episodes().session().stepOnce();
            }
            return l;
        });
        s.put("home", v -> new Launch.Home(in, in.resolve("recordings")).create(v));
        return s;
    }

    @Override
    public void create() {
        try {
            Viewer viewer = new Viewer(new Launch.Home(null, null)).onExit(() -> { });
            viewer.create();
            FrameBuffer fbo = new FrameBuffer(Pixmap.Format.RGB888, WIDTH, HEIGHT, false);
            for (Map.Entry<String, Function<Viewer, ViewerScreen>> e : scenarios().entrySet()) {
                ViewerScreen screen = e.getValue().apply(viewer);
                screen.resize(WIDTH, HEIGHT);
                fbo.begin();
                screen.draw(viewer.canvas());
                Pixmap pixmap = Pixmap.createFromFrameBuffer(0, 0, WIDTH, HEIGHT);
                fbo.end();
                PixmapIO.writePNG(Gdx.files.absolute(out.resolve(e.getKey() + ".png").toString()), pixmap,
                        Deflater.BEST_COMPRESSION, true);
                pixmap.dispose();
                screen.dispose();
                written.add(e.getKey());
            }
            fbo.dispose();
            viewer.dispose();
        } catch (Throwable t) {
            failure = t;
        }
        Gdx.app.exit();
    }
}
