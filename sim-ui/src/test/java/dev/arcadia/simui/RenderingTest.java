package dev.arcadia.simui;

import dev.arcadia.experiments.episodes.EpisodeFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.arcadia.agents.PolicyDistribution;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Renderable;
import dev.arcadia.env.render.ShapesFrame;
import dev.arcadia.simui.model.MetricsTail;
import dev.arcadia.simui.model.Replay;
import dev.arcadia.simui.model.RunCheckpoint;
import dev.arcadia.simui.model.WatchSession;
import dev.arcadia.simui.paint.GridLayout;
import dev.arcadia.simui.paint.Layout;
import dev.arcadia.simui.paint.Palette;
import dev.arcadia.simui.paint.PixelPainter;
import dev.arcadia.simui.paint.Rect;
import dev.arcadia.simui.paint.WorldTransform;
import dev.arcadia.simui.screens.LiveScreen;
import dev.arcadia.simui.screens.PlayScreen;
import dev.arcadia.simui.screens.PolicyOverlay;
import dev.arcadia.simui.screens.WatchScreen;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders every screen for real and checks pixels: {@link RenderHarness} runs in a child JVM on an X display (an
 * Xvfb this test starts, with Mesa's software OpenGL) and writes PNGs under {@code target/screens}; the checks here
 * compute where things must be from the same layout arithmetic and the environments' own state.
 *
 * <p>Xvfb is required: without it (and without a DISPLAY to use instead) the test fails and says how to install it.
 */
class RenderingTest {

    static final int CARTPOLE_PUSHES = 8;
    static final int REPLAY_STEP = 2;
    static final Layout LAYOUT = Layout.of(RenderHarness.WIDTH, RenderHarness.HEIGHT);
    static final Rect PLAY_AREA = PlayScreen.frameArea(LAYOUT);
    static final long MINATAR_SEED = 5;
    static final int[] MINATAR_ACTIONS = {2, 2, 0, 1};
    static final int LIVE_STEPS = 6;
    /** Steps of the watched policy-gradient agent before its screenshot: the pole leans, the policy decides. */
    static final int WATCH_STEPS = 8;

    /** A registered MinAtar game to render (Breakout preferred), or null while none is registered. */
    static String minAtarId() {
        List<String> ids = Envs.ids().stream().filter(id -> id.startsWith("MinAtar/")).sorted().toList();
        return ids.stream().filter(id -> id.startsWith("MinAtar/Breakout")).reduce((a, b) -> b)
                .orElse(ids.isEmpty() ? null : ids.get(ids.size() - 1));
    }

    private static Path out;
    private static Path in;
    private static Process xvfb;

    @BeforeAll
    static void render() throws Exception {
        Path target = Path.of(System.getProperty("arcadia.simui.out", "target/screens"));
        out = target.toAbsolutePath();
        in = out.resolve("input");
        deleteTree(out);
        Files.createDirectories(in);
        Fixtures.frozenLakeRecording(in.resolve("frozenlake.jsonl"));
        Fixtures.corruptRecording(in.resolve("corrupt.jsonl"));
        Fixtures.frozenLakeRun(in.resolve("run"));
        Fixtures.ppoRun(in.resolve("ppo-cartpole"), "CartPole-v1");
        Fixtures.ppoRun(in.resolve("ppo-pendulum"), "Pendulum-v1");
        Files.createDirectories(in.resolve("recordings"));
        Files.copy(in.resolve("frozenlake.jsonl"), in.resolve("recordings").resolve("frozenlake.jsonl"));

        String display = startDisplay();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                RenderHarness.class.getName(), out.toString(), in.toString());
        pb.environment().put("DISPLAY", display);
        pb.environment().put("LIBGL_ALWAYS_SOFTWARE", "1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(out.resolve("harness.log").toFile());
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the render harness did not finish in 90 s; log: " + tail(out.resolve("harness.log")));
        }
        if (p.exitValue() != 0 || !Files.exists(out.resolve("done.txt"))) {
            fail("the render harness failed (exit " + p.exitValue() + ") on display " + display + "; log:\n"
                    + tail(out.resolve("harness.log")));
        }

        // The real application: ViewerMain in a window, two scripted key presses, then a screenshot of the window.
        ProcessBuilder main = new ProcessBuilder(java, "-Xmx512m", "-Darcadia.view.keys=Right,D",
                "-Darcadia.view.screenshot=" + out.resolve("main-play.png"), "-Darcadia.view.frames=15",
                "-cp", System.getProperty("java.class.path"), ViewerMain.class.getName(),
                "play", "FrozenLake-v1", "--seed", "0", "--option", "is_slippery=false", "--no-record");
        main.environment().put("DISPLAY", display);
        main.environment().put("LIBGL_ALWAYS_SOFTWARE", "1");
        main.redirectErrorStream(true);
        main.redirectOutput(out.resolve("main.log").toFile());
        Process m = main.start();
        if (!m.waitFor(60, TimeUnit.SECONDS)) {
            m.destroyForcibly();
            fail("ViewerMain did not exit after its screenshot within 60 s; log: " + tail(out.resolve("main.log")));
        }
        if (m.exitValue() != 0 || !Files.exists(out.resolve("main-play.png"))) {
            fail("ViewerMain failed (exit " + m.exitValue() + "); log:\n" + tail(out.resolve("main.log")));
        }
    }

    @Test
    void theDesktopApplicationPlaysWithKeys() throws IOException {
        BufferedImage img = ImageIO.read(out.resolve("main-play.png").toFile());
        assertEquals(Viewer.DEFAULT_WIDTH, img.getWidth());
        assertEquals(Viewer.DEFAULT_HEIGHT, img.getHeight());
        GridLayout g = GridLayout.fit(4, 4, PlayScreen.frameArea(Layout.of(img.getWidth(), img.getHeight())));
        Rect agent = g.cell(0, 2);
        assertColour(Palette.AGENT, at(img, agent.centerX(), agent.centerY()), "agent at column 2 after Right and D");
        Rect goal = g.cell(3, 3);
        assertColour(Palette.tile("goal"), at(img, goal.centerX(), goal.centerY()), "goal tile");
    }

    @AfterAll
    static void stopDisplay() throws InterruptedException {
        if (xvfb != null) {
            xvfb.destroy();
            if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
                xvfb.destroyForcibly();
            }
        }
    }

    /**
     * Starts Xvfb on a free display and returns its name; falls back to an existing DISPLAY only when Xvfb is not
     * installed. Fails when there is neither.
     */
    static String startDisplay() throws IOException, InterruptedException {
        String name = System.getProperty("arcadia.simui.xvfb", "Xvfb"); // a path here tests the failure message
        Path binary = name.contains("/") ? (Files.isExecutable(Path.of(name)) ? Path.of(name) : null) : which(name);
        if (binary == null) {
            String existing = System.getenv("DISPLAY");
            if (existing != null && !existing.isBlank()) {
                return existing;
            }
            fail("Xvfb is not installed, and there is no DISPLAY: the rendering tests need an X server with OpenGL. "
                    + "Install it with: apt-get install xvfb xauth libgl1-mesa-dri (.ci/run does this)");
        }
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-displayfd", "1", "-screen", "0", "1024x768x24",
                "-nolisten", "tcp", "+extension", "GLX");
        pb.redirectError(out.resolve("xvfb.log").toFile());
        xvfb = pb.start();
        InputStream stdout = xvfb.getInputStream();
        StringBuilder number = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (stdout.available() > 0) {
                int c = stdout.read();
                if (c == '\n') {
                    break;
                }
                number.append((char) c);
            } else if (!xvfb.isAlive()) {
                fail("Xvfb exited at start (exit " + xvfb.exitValue() + "): " + tail(out.resolve("xvfb.log")));
            } else {
                Thread.sleep(20);
            }
        }
        if (number.isEmpty()) {
            fail("Xvfb did not report a display number within 20 s: " + tail(out.resolve("xvfb.log")));
        }
        return ":" + number.toString().trim();
    }

    private static Path which(String name) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        dirs.add("/usr/bin");
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static String tail(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static BufferedImage image(String name) throws IOException {
        BufferedImage img = ImageIO.read(out.resolve(name + ".png").toFile());
        assertEquals(RenderHarness.WIDTH, img.getWidth(), name);
        assertEquals(RenderHarness.HEIGHT, img.getHeight(), name);
        return img;
    }

    /** The colour at canvas point (x, y), y upwards, as 0xRRGGBB. */
    static int at(BufferedImage img, float x, float y) {
        return img.getRGB((int) Math.floor(x), img.getHeight() - 1 - (int) Math.floor(y)) & 0xFFFFFF;
    }

    private static void assertColour(int expected, int actual, String what) {
        assertEquals(hex(expected), hex(actual), what);
    }

    private static void assertNear(int expected, int actual, int tolerance, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = (expected >> shift) & 0xFF;
            int a = (actual >> shift) & 0xFF;
            if (Math.abs(e - a) > tolerance) {
                fail(what + ": expected about " + hex(expected) + ", got " + hex(actual));
            }
        }
    }

    private static String hex(int rgb) {
        return String.format("#%06X", rgb);
    }

    /** A point inside a grid cell, away from its centre (agent, arrows) and its edge (grid lines). */
    private static float[] corner(Rect cell) {
        return new float[] {cell.x() + 4, cell.y() + 4};
    }

    @Test
    void frozenLakeGridShowsTilesAndTheAgentAfterAKnownAction() throws IOException {
        BufferedImage img = image("play-frozenlake");
        GridLayout g = GridLayout.fit(4, 4, PLAY_AREA);
        float[] goal = corner(g.cell(3, 3));
        assertColour(Palette.tile("goal"), at(img, goal[0], goal[1]), "goal tile at row 3, column 3");
        Rect goalCell = g.cell(3, 3);
        assertColour(Palette.tile("goal"), at(img, goalCell.centerX(), goalCell.centerY()), "goal tile centre");
        float[] hole = corner(g.cell(1, 1));
        assertColour(Palette.tile("hole"), at(img, hole[0], hole[1]), "hole at row 1, column 1");
        Rect start = g.cell(0, 0);
        assertColour(Palette.tile("start"), at(img, start.centerX(), start.centerY()), "start cell, agent gone after RIGHT");
        Rect agent = g.cell(0, 1);
        assertColour(Palette.AGENT, at(img, agent.centerX(), agent.centerY()), "agent at row 0, column 1 after RIGHT");
        assertColour(Palette.tile("frozen"), at(img, agent.x() + 3, agent.y() + 3), "frozen tile around the agent");
    }

    @Test
    void aWonFrozenLakeEpisodeShowsTheAgentOnTheGoalAndIsRecorded() throws Exception {
        BufferedImage img = image("play-frozenlake-won");
        GridLayout g = GridLayout.fit(4, 4, PLAY_AREA);
        Rect goal = g.cell(3, 3);
        assertColour(Palette.AGENT, at(img, goal.centerX(), goal.centerY()), "agent on the goal");
        assertColour(Palette.tile("goal"), at(img, goal.right() - 3, goal.top() - 3), "goal tile around the agent");
        List<Path> files;
        try (Stream<Path> s = Files.list(out.resolve("recordings"))) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        Replay won = null;
        for (Path f : files) {
            Replay r = Replay.of(EpisodeFile.read(f), f.toString());
            if (r.length() == 6) {
                won = r;
            }
        }
        assertTrue(won != null, "the won episode was recorded by the play screen: " + files);
        won.seek(6);
        assertEquals(1.0, won.returnSoFar());
    }

    @Test
    void cartPoleIsDrawnAtTheCartsPosition() throws IOException {
        BufferedImage img = image("play-cartpole");
        Env<Object, Object> env = Envs.make("CartPole-v1");
        env.reset(3);
        ShapesFrame before = (ShapesFrame) ((Renderable) env).render();
        for (int i = 0; i < CARTPOLE_PUSHES; i++) {
            env.step(1);
        }
        ShapesFrame frame = (ShapesFrame) ((Renderable) env).render();
        ShapesFrame.Rect cart = frame.shapesOf(ShapesFrame.Rect.class).get(0);
        ShapesFrame.Rect cart0 = before.shapesOf(ShapesFrame.Rect.class).get(0);
        WorldTransform t = WorldTransform.fit(frame, PLAY_AREA);
        assertTrue(Math.abs(t.x(cart.x()) - t.x(cart0.x())) >= 2, "the pushes moved the cart by pixels");
        float y = t.y(cart.y() + 0.03);
        assertColour(ShapesFrame.BLACK, at(img, t.x(cart.x()) + 2, y), "left end of the cart");
        assertColour(ShapesFrame.BLACK, at(img, t.x(cart.x() + cart.w()) - 3, y), "right end of the cart");
        assertColour(ShapesFrame.WHITE, at(img, t.x(cart.x()) - 3, y), "background left of the cart");
        assertColour(ShapesFrame.WHITE, at(img, t.x(cart.x() + cart.w()) + 3, y), "background right of the cart");
        float oldLeft = t.x(cart0.x()) + 2;
        if (oldLeft < t.x(cart.x()) - 1 || oldLeft > t.x(cart.x() + cart.w()) + 1) {
            assertColour(ShapesFrame.WHITE, at(img, oldLeft, y), "no cart left at the start position");
        }
        ShapesFrame.Circle axle = frame.shapesOf(ShapesFrame.Circle.class).get(0);
        assertColour(axle.rgb(), at(img, t.x(axle.cx()), t.y(axle.cy())), "axle at the cart's x");
    }

    @Test
    void pixelFramesAreScaledSharplyAndUpright() throws IOException {
        BufferedImage img = image("play-pixels");
        int w = TestEnvs.Corridor.LENGTH;
        int h = TestEnvs.Corridor.HEIGHT;
        Rect r = PixelPainter.placement(w, h, PLAY_AREA);
        float scale = r.w() / w;
        assertTrue(scale >= 2 && scale == Math.floor(scale), "whole-number scale, got " + scale);
        for (int x = 0; x < w; x++) {
            assertColour(TestEnvs.Corridor.TOP, pixel(img, r, scale, x, 0), "top row, column " + x);
            assertColour(TestEnvs.Corridor.BOTTOM, pixel(img, r, scale, x, h - 1), "bottom row, column " + x);
        }
        assertColour(TestEnvs.Corridor.PLAYER, pixel(img, r, scale, 2, 2), "player at column 2 after two steps right");
        assertColour(TestEnvs.Corridor.PLAYER, pixel(img, r, scale, 2, 3), "player, second row");
        assertColour(TestEnvs.Corridor.BACK, pixel(img, r, scale, 0, 2), "start column is empty");
        assertColour(TestEnvs.Corridor.BACK, pixel(img, r, scale, 5, 3), "background");
        // Sharp edges: the last screen pixel of a row of the image still has that row's colour.
        assertColour(TestEnvs.Corridor.TOP, at(img, r.x() + 1, r.top() - scale + 0.5f), "sharp top row edge");
    }

    private static int pixel(BufferedImage img, Rect r, float scale, int col, int row) {
        return at(img, r.x() + (col + 0.5f) * scale, r.top() - (row + 0.5f) * scale);
    }

    @Test
    void aMinAtarGameIsDrawnCellByCellFromItsLegend() throws IOException {
        String id = minAtarId();
        org.junit.jupiter.api.Assumptions.assumeTrue(id != null, "no MinAtar game is registered yet");
        BufferedImage img = image("play-minatar");
        Env<Object, Object> env = Envs.make(id);
        env.reset(MINATAR_SEED);
        for (int a : MINATAR_ACTIONS) {
            env.step(a);
        }
        dev.arcadia.env.render.GridFrame frame = (dev.arcadia.env.render.GridFrame) ((Renderable) env).render();
        GridLayout g = GridLayout.fit(frame.rows(), frame.cols(), PLAY_AREA);
        int nonEmpty = 0;
        for (int r = 0; r < frame.rows(); r++) {
            for (int c = 0; c < frame.cols(); c++) {
                int code = frame.tile(r, c);
                float[] p = corner(g.cell(r, c));
                assertColour(Palette.tile(frame.legend().get(code), code), at(img, p[0], p[1]),
                        id + " cell (" + r + ", " + c + ") " + frame.legend().get(code));
                nonEmpty += code == 0 ? 0 : 1;
            }
        }
        assertTrue(nonEmpty > 0, "the game shows objects");
        if (frame.agentRow() >= 0) {
            Rect agent = g.cell(frame.agentRow(), frame.agentCol());
            assertColour(Palette.AGENT, at(img, agent.centerX(), agent.centerY()), "agent marker on the player");
        }
    }

    @Test
    void textFramesAreDrawn() throws IOException {
        BufferedImage img = image("play-text");
        Rect f = PLAY_AREA;
        int bright = 0;
        for (int x = (int) f.x(); x < f.right(); x += 1) {
            for (int y = (int) f.y(); y < f.top(); y += 2) {
                int c = at(img, x, y);
                if (((c >> 16) & 0xFF) > 150 && ((c >> 8) & 0xFF) > 150 && (c & 0xFF) > 150) {
                    bright++;
                }
            }
        }
        assertTrue(bright > 200, "text pixels drawn in the frame area, found " + bright);
        assertColour(Palette.TEXT_FRAME_BACKGROUND, at(img, f.x() + 2, f.y() + 2), "text frame background");
    }

    @Test
    void replayShowsTheStateAtTheScrubbedStep() throws IOException {
        BufferedImage img = image("replay-frozenlake");
        Rect f = LAYOUT.frame();
        Rect area = new Rect(f.x(), f.y() + 24, f.w(), f.h() - 24);
        GridLayout g = GridLayout.fit(4, 4, area);
        Rect agent = g.cell(0, REPLAY_STEP);
        assertColour(Palette.AGENT, at(img, agent.centerX(), agent.centerY()), "agent at column 2 after 2 steps");
        Rect start = g.cell(0, 0);
        assertColour(Palette.tile("start"), at(img, start.centerX(), start.centerY()), "start cell empty");
        // The scrub bar: filled to 2/6 of its width.
        float barY = f.y() + 6 + 4;
        assertColour(Palette.ACCENT, at(img, f.x() + f.w() * REPLAY_STEP / 6f - 8, barY), "scrub bar filled");
        assertColour(Palette.GRID_LINE, at(img, f.x() + f.w() * REPLAY_STEP / 6f + 8, barY), "scrub bar rest");
    }

    @Test
    void aCorruptFileShowsAMessageInsteadOfCrashing() throws IOException {
        BufferedImage img = image("replay-corrupt");
        Rect f = LAYOUT.frame();
        float boxLeft = f.centerX() - Math.min(f.w() - 20, 560) / 2;
        assertColour(Palette.ERROR, at(img, boxLeft + 5, f.centerY()), "error box in the frame area (left of its text)");
    }

    @Test
    void watchShowsTheValueHeatMapAndGreedyArrows() throws IOException {
        BufferedImage img = image("watch-frozenlake");
        RunCheckpoint c = RunCheckpoint.load(in.resolve("run"), 0, OptionalLong.empty());
        WatchSession session = new WatchSession(c.env(), c.agent(), c.envSeed());
        double[][] q = session.stateValues();
        double[] range = WatchScreen.heatRange(q);
        assertTrue(range[1] > range[0], "the trained agent has values");
        GridLayout g = GridLayout.fit(4, 4, LAYOUT.frame());
        String[] map = {"SFFF", "FHFH", "FFFH", "HFFG"};
        List<String> legend = List.of("start", "frozen", "hole", "goal");
        int arrows = 0;
        for (int s = 0; s < 16; s++) {
            int row = s / 4;
            int col = s % 4;
            Rect cell = g.cell(row, col);
            int tile = Palette.tile(legend.get("SFHG".indexOf(map[row].charAt(col))));
            int greedy = WatchScreen.greedy(q[s]);
            float[] p = corner(cell);
            if (greedy < 0) {
                assertColour(tile, at(img, p[0], p[1]), "no heat on state " + s + " (all actions equal)");
                continue;
            }
            int expected = blend(Palette.heat(WatchScreen.heat(q[s], range)), tile, WatchScreen.HEAT_ALPHA);
            assertNear(expected, at(img, p[0], p[1]), 3, "heat-map colour of state " + s);
            int[] d = WatchScreen.direction(greedy);
            float ax = cell.centerX() + d[0] * cell.w() * 0.1f;
            float ay = cell.centerY() + d[1] * cell.w() * 0.1f;
            assertColour(Palette.ARROW, at(img, ax, ay), "arrow of state " + s + " pointing " + greedy);
            float side = cell.w() * 0.2f;
            assertNotEquals(hex(Palette.ARROW), hex(at(img, cell.centerX() - d[1] * side, cell.centerY() + d[0] * side)),
                    "beside the arrow of state " + s);
            if (s == 0) {
                assertColour(Palette.AGENT, at(img, cell.centerX() - d[1] * side, cell.centerY() + d[0] * side),
                        "agent disc at the start, beside its arrow");
            }
            arrows++;
        }
        assertTrue(arrows >= 5, "the learned path has arrows, found " + arrows);
        double[] v = WatchScreen.values(q);
        assertTrue(v[14] > v[0], "the cell next to the goal is worth more than the start");
    }

    private static int blend(int src, int dst, float a) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int s = (src >> shift) & 0xFF;
            int d = (dst >> shift) & 0xFF;
            out |= Math.round(s * a + d * (1 - a)) << shift;
        }
        return out;
    }

    @Test
    void liveShowsTheLearningCurve() throws IOException {
        BufferedImage img = image("live");
        MetricsTail tail = new MetricsTail(in.resolve("run").resolve("metrics.jsonl"));
        tail.poll();
        Map<Integer, MetricsTail.Series> seeds = tail.seeds();
        double[] r = LiveScreen.ranges(seeds);
        Rect plot = LiveScreen.plotArea(LiveScreen.curveArea(LAYOUT.frame(), true)); // the run has checkpoints
        List<double[]> pts = seeds.get(0).training;
        assertEquals(15, pts.size(), "300 episodes logged every 20");
        int hits = 0;
        for (int i = 1; i < pts.size(); i++) {
            float x = (LiveScreen.px(plot, r, pts.get(i - 1)[0]) + LiveScreen.px(plot, r, pts.get(i)[0])) / 2;
            float y = (LiveScreen.py(plot, r, pts.get(i - 1)[1]) + LiveScreen.py(plot, r, pts.get(i)[1])) / 2;
            if (at(img, x, y) == Palette.series(0)) {
                hits++;
            }
        }
        assertTrue(hits >= pts.size() - 2, "curve segments drawn in seed 0's colour: " + hits + " of " + (pts.size() - 1));
        assertColour(Palette.TEXT_FRAME_BACKGROUND, at(img, plot.x() + 3, plot.top() - 30), "plot background");
        // under the curves, the latest checkpoint plays the lake
        GridLayout g = GridLayout.fit(4, 4, LiveScreen.episodeArea(LAYOUT.frame()));
        float[] goal = corner(g.cell(3, 3));
        assertColour(Palette.tile("goal"), at(img, goal[0], goal[1]), "goal tile of the latest episode");
        float[] hole = corner(g.cell(1, 1));
        assertColour(Palette.tile("hole"), at(img, hole[0], hole[1]), "hole of the latest episode");
    }

    @Test
    void homeAndMessageScreensRender() throws IOException {
        BufferedImage img = image("home");
        Rect f = LAYOUT.frame();
        assertColour(Palette.GRID_LINE, at(img, f.right() - 4, f.top() - 4), "the selected first line is highlighted");
        assertColour(Palette.PANEL, at(img, LAYOUT.panel().right() - 4, LAYOUT.panel().y() + 4), "side panel");
        assertColour(Palette.BAR, at(img, 2, RenderHarness.HEIGHT - 2), "title bar");
    }

    /** The screen rows (canvas y, upwards) whose pixels from x0 to x1 all have colour {@code rgb}. */
    private static List<Integer> rowsFilled(BufferedImage img, Rect area, float x0, float x1, int rgb) {
        List<Integer> rows = new ArrayList<>();
        for (int y = (int) area.y(); y < (int) area.top(); y++) {
            boolean all = true;
            for (float x = x0; x <= x1 && all; x += 1) {
                all = at(img, x, y) == rgb;
            }
            if (all) {
                rows.add(y);
            }
        }
        return rows;
    }

    @Test
    void watchShowsThePolicyGradientAgentsActionProbabilities() throws IOException {
        BufferedImage img = image("watch-cartpole-ppo");
        RunCheckpoint c = RunCheckpoint.load(in.resolve("ppo-cartpole"), 0, OptionalLong.empty());
        WatchSession same = new WatchSession(c.env(), c.agent(), c.envSeed());
        for (int i = 0; i < WATCH_STEPS; i++) {
            same.stepOnce();
        }
        double[] p = ((PolicyDistribution.Categorical) same.currentDistribution()).probabilities();
        Rect panel = LAYOUT.panel();
        Rect area = new Rect(panel.x() + 10, panel.y(), panel.w() - 20, panel.h());
        Rect track = PolicyOverlay.track(area, 1, 0); // the horizontal extent is that of every row
        int best = PolicyOverlay.mostProbable(p);
        List<Integer> barRows = new ArrayList<>();
        for (int a = 0; a < 2; a++) {
            int colour = a == best ? Palette.GOOD : Palette.ACCENT;
            float end = track.x() + (float) p[a] * track.w();
            List<Integer> rows = rowsFilled(img, panel, track.x() + 1, end - 2, colour);
            assertTrue(rows.size() >= 8, "a bar of p(" + a + ") = " + p[a] + " from x " + track.x() + " to " + end
                    + " in " + hex(colour) + ": rows " + rows);
            int y = rows.get(rows.size() / 2);
            assertColour(Palette.GRID_LINE, at(img, end + 3, y), "the track after the bar of action " + a);
            barRows.add(y);
        }
        assertEquals(PolicyOverlay.BAR_ROW, barRows.get(0) - barRows.get(1), 1.5, "action 1's bar one row under action 0's");
    }

    @Test
    void watchShowsTheGaussianOfAContinuousPolicy() throws IOException {
        BufferedImage img = image("watch-pendulum-ppo");
        RunCheckpoint c = RunCheckpoint.load(in.resolve("ppo-pendulum"), 0, OptionalLong.empty());
        PolicyDistribution.Gaussian g = (PolicyDistribution.Gaussian) new WatchSession(c.env(), c.agent(), c.envSeed())
                .currentDistribution();
        Rect panel = LAYOUT.panel();
        Rect axis = PolicyOverlay.axis(new Rect(panel.x() + 10, panel.y(), panel.w() - 20, panel.h()), 0);
        double[] range = PolicyOverlay.range(g, (dev.arcadia.env.space.Box) (Object) c.env().actionSpace(), 0);
        assertEquals(-2.0, range[0]);
        assertEquals(2.0, range[1]);
        float lo = PolicyOverlay.x(axis, range, g.mean()[0] - g.std()[0]);
        float hi = PolicyOverlay.x(axis, range, g.mean()[0] + g.std()[0]);
        float mean = PolicyOverlay.x(axis, range, g.mean()[0]);
        assertTrue(hi - lo > 20, "a band wide enough to look at: " + lo + " .. " + hi);
        List<Integer> band = rowsFilled(img, panel, lo + 1, Math.min(hi, mean - 3) - 1, Palette.ACCENT);
        assertTrue(band.size() >= 8, "the band mean ± std in " + hex(Palette.ACCENT) + ": rows " + band);
        int y = band.get(band.size() / 2);
        assertColour(Palette.GOOD, at(img, mean, y), "the tick at the mean " + g.mean()[0]);
        if (lo - 3 > axis.x()) {
            assertColour(Palette.GRID_LINE, at(img, lo - 3, y), "the axis left of the band");
        }
        if (hi + 3 < axis.right()) {
            assertColour(Palette.GRID_LINE, at(img, hi + 3, y), "the axis right of the band");
        }
    }

    @Test
    void liveShowsTheCurvesAndTheLatestCheckpointPlaying() throws IOException {
        BufferedImage img = image("live-cartpole-ppo");
        MetricsTail tail = new MetricsTail(in.resolve("ppo-cartpole").resolve("metrics.jsonl"));
        tail.poll();
        double[] r = LiveScreen.ranges(tail.seeds());
        Rect plot = LiveScreen.plotArea(LiveScreen.curveArea(LAYOUT.frame(), true));
        List<double[]> pts = tail.seeds().get(0).training;
        assertTrue(pts.size() >= 5, "training windows: " + pts.size());
        int hits = 0;
        for (int i = 1; i < pts.size(); i++) {
            float x = (LiveScreen.px(plot, r, pts.get(i - 1)[0]) + LiveScreen.px(plot, r, pts.get(i)[0])) / 2;
            float y = (LiveScreen.py(plot, r, pts.get(i - 1)[1]) + LiveScreen.py(plot, r, pts.get(i)[1])) / 2;
            hits += at(img, x, y) == Palette.series(0) ? 1 : 0;
        }
        assertTrue(hits >= pts.size() - 3, "curve segments in seed 0's colour: " + hits + " of " + (pts.size() - 1));
        // the newest checkpoint plays greedily from the evaluation seed: the cart where that episode has taken it
        RunCheckpoint c = RunCheckpoint.load(in.resolve("ppo-cartpole"), 0, OptionalLong.empty());
        WatchSession same = new WatchSession(c.env(), c.agent(), c.envSeed());
        for (int i = 0; i < LIVE_STEPS; i++) {
            same.stepOnce();
        }
        ShapesFrame frame = (ShapesFrame) same.frame();
        ShapesFrame.Rect cart = frame.shapesOf(ShapesFrame.Rect.class).get(0);
        WorldTransform t = WorldTransform.fit(frame, LiveScreen.episodeArea(LAYOUT.frame()));
        float y = t.y(cart.y() + 0.03);
        assertColour(ShapesFrame.BLACK, at(img, t.x(cart.x()) + 2, y), "left end of the cart");
        assertColour(ShapesFrame.BLACK, at(img, t.x(cart.x() + cart.w()) - 3, y), "right end of the cart");
        assertColour(ShapesFrame.WHITE, at(img, t.x(cart.x()) - 3, y), "background left of the cart");
        assertColour(ShapesFrame.WHITE, at(img, t.x(cart.x() + cart.w()) + 3, y), "background right of the cart");
    }
}
