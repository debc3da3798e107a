package dev.arcadia.env.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.env.Env;
import dev.arcadia.env.EnvChecker;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Snapshotable;
import dev.arcadia.env.Step;
import dev.arcadia.env.render.ShapesFrame;
import dev.arcadia.env.util.Rng;
import dev.arcadia.env.wrappers.EpisodeStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassicControlTest {

    // ---- CartPole --------------------------------------------------------------------------------------------

    @Test
    void cartPoleTerminatesOutsideTwelveDegreesOrTheTrack() {
        CartPole env = new CartPole();
        assertEquals(12 * Math.PI / 180, CartPole.THETA_THRESHOLD_RADIANS, 1e-15);
        env.setState(0, 0, 0, 0);
        Step<float[]> s = env.step(CartPole.RIGHT);
        assertFalse(s.terminated());
        assertEquals(1.0, s.reward());
        // Euler: the position moves with the old velocity, so x = 2.39 + 0.02 * 1.0 = 2.41 > 2.4.
        env.setState(2.39, 1.0, 0, 0);
        s = env.step(CartPole.LEFT);
        assertEquals(2.41, s.observation()[0], 1e-6);
        assertTrue(s.terminated(), "cart past +2.4");
        assertEquals(1.0, s.reward(), "the terminating step is rewarded too");
        env.setState(-2.39, -1.0, 0, 0);
        assertTrue(env.step(CartPole.RIGHT).terminated(), "cart past -2.4");
        env.setState(0, 0, 0.2, 1.0); // theta = 0.2 + 0.02 = 0.22 > 0.2094
        assertTrue(env.step(CartPole.RIGHT).terminated(), "pole past +12 degrees");
        env.setState(0, 0, -0.2, -1.0);
        assertTrue(env.step(CartPole.LEFT).terminated(), "pole past -12 degrees");
        env.setState(2.37, 1.0, 0.19, 0.5); // both just inside after one step
        assertFalse(env.step(CartPole.LEFT).terminated());
    }

    @Test
    void cartPoleRewardsFollowGymnasiumAlsoAfterTheEnd() {
        CartPole plain = new CartPole();
        plain.setState(0, 0, 0.2, 1.0);
        assertEquals(1.0, plain.step(0).reward());
        Step<float[]> beyond = plain.step(0); // undefined in Gymnasium, which warns and gives 0
        assertTrue(beyond.terminated());
        assertEquals(0.0, beyond.reward());

        CartPole sb = (CartPole) Envs.make("CartPole-v1", Map.of("sutton_barto_reward", true)).unwrapped();
        assertTrue(sb.suttonBartoReward());
        sb.setState(0, 0, 0, 0);
        assertEquals(0.0, sb.step(1).reward(), "0 per surviving step");
        sb.setState(0, 0, 0.2, 1.0);
        assertEquals(-1.0, sb.step(1).reward(), "-1 on the terminating step");
        assertEquals(-1.0, sb.step(1).reward(), "-1 after it");
    }

    @Test
    void cartPoleReachesItsFiveHundredStepLimitUnderAController() {
        Env<float[], Integer> env = Envs.make("CartPole-v1");
        float[] o = env.reset(3).observation();
        Step<float[]> s = null;
        for (int t = 1; t <= 500; t++) {
            s = env.step(o[2] + 0.5 * o[3] + 0.02 * o[0] + 0.1 * o[1] > 0 ? 1 : 0);
            o = s.observation();
            assertFalse(s.terminated(), "the controller keeps the pole up at step " + t);
            assertEquals(t == 500, s.truncated(), "step " + t);
        }
        EpisodeStatistics.Episode ep = (EpisodeStatistics.Episode) s.info().get(EpisodeStatistics.INFO_KEY);
        assertEquals(500, ep.l());
        assertEquals(500.0, ep.r());
        assertEquals(475.0, env.spec().orElseThrow().rewardThreshold());
    }

    // ---- MountainCar -----------------------------------------------------------------------------------------

    @Test
    void mountainCarFollowsItsUpdateRuleWallAndGoal() {
        MountainCar env = new MountainCar();
        env.setState(-0.5, 0.01);
        Step<float[]> s = env.step(MountainCar.RIGHT);
        double v = 0.01 + (1 * 0.001 + Math.cos(3 * -0.5) * -0.0025);
        assertEquals((float) v, s.observation()[1]);
        assertEquals((float) (-0.5 + v), s.observation()[0]);
        assertEquals(-1.0, s.reward());
        assertFalse(s.terminated());

        env.setState(-1.19, -0.05); // hits the left wall: inelastic, velocity 0
        s = env.step(MountainCar.LEFT);
        assertArrayEquals(new float[] {-1.2f, 0f}, s.observation());

        env.setState(-0.8, 0.07); // on the left slope gravity pulls right too
        s = env.step(MountainCar.RIGHT);
        assertEquals(0.07f, s.observation()[1], "velocity is clipped to 0.07");

        env.setState(0.49, 0.02);
        s = env.step(MountainCar.RIGHT);
        assertTrue(s.observation()[0] >= 0.5);
        assertTrue(s.terminated(), "at the flag with velocity >= 0");
        assertEquals(-1.0, s.reward());

        MountainCar picky = (MountainCar) Envs.make("MountainCar-v0", Map.of("goal_velocity", 0.05)).unwrapped();
        picky.setState(0.49, 0.02);
        assertFalse(picky.step(MountainCar.RIGHT).terminated(), "too slow for goal_velocity 0.05");
        picky.setState(0.55, 0.06);
        assertTrue(picky.step(MountainCar.RIGHT).terminated());

        env.setState(0.59, 0.05); // the right edge clips the position
        assertEquals(0.6f, env.step(MountainCar.RIGHT).observation()[0]);
    }

    @Test
    void mountainCarTruncatesAtTwoHundredSteps() {
        Env<float[], Integer> env = Envs.make("MountainCar-v0");
        env.reset(0);
        Step<float[]> s = null;
        for (int t = 1; t <= 200; t++) {
            s = env.step(MountainCar.NOOP);
            assertFalse(s.terminated());
            assertEquals(t == 200, s.truncated(), "step " + t);
        }
        assertEquals(-200.0, ((EpisodeStatistics.Episode) s.info().get(EpisodeStatistics.INFO_KEY)).r());
        assertEquals(-110.0, env.spec().orElseThrow().rewardThreshold());
    }

    // ---- Acrobot ---------------------------------------------------------------------------------------------

    @Test
    void acrobotRewardsAndTerminatesAboveTheLine() {
        Acrobot env = new Acrobot();
        float[] o = env.setState(0, 0, 0, 0);
        assertArrayEquals(new float[] {1, 0, 1, 0, 0, 0}, o, "hanging straight down");
        Step<float[]> s = env.step(1);
        float[] expected = {1, 0, 1, 0, 0, 0};
        for (int i = 0; i < 6; i++) { // cos(-pi/2) is 6e-17 in floating point, so the chain creeps by ~1e-17
            assertEquals(expected[i], s.observation()[i], 1e-12, "at rest without torque nothing moves");
        }
        assertEquals(-1.0, s.reward());
        assertFalse(s.terminated());

        env.setState(Math.PI, 0, 0, 0); // straight up: -cos(pi) - cos(pi) = 2 > 1
        s = env.step(1);
        assertTrue(s.terminated());
        assertEquals(0.0, s.reward());

        env.setState(Math.PI / 2, 0, 0, 0); // horizontal: the tip is level with the pivot
        assertFalse(env.step(1).terminated());
    }

    @Test
    void acrobotWrapsAnglesAndClipsVelocities() {
        assertEquals(-Math.PI + 0.5, Acrobot.wrap(Math.PI + 0.5, -Math.PI, Math.PI), 1e-15);
        assertEquals(Math.PI - 0.5, Acrobot.wrap(-Math.PI - 0.5 - 4 * Math.PI, -Math.PI, Math.PI), 1e-14);
        assertEquals(3.0, Acrobot.bound(7.0, -3.0, 3.0));
        Acrobot env = new Acrobot();
        env.reset(5);
        boolean clipped = false;
        for (int t = 0; t < 5_000; t++) { // pump energy with the second link's velocity, on past termination
            Step<float[]> s = env.step(env.state()[3] >= 0 ? 2 : 0);
            double[] st = env.state();
            assertTrue(st[0] >= -Math.PI && st[0] <= Math.PI && st[1] >= -Math.PI && st[1] <= Math.PI, Arrays.toString(st));
            assertTrue(Math.abs(st[2]) <= Acrobot.MAX_VEL_1 && Math.abs(st[3]) <= Acrobot.MAX_VEL_2, Arrays.toString(st));
            clipped |= Math.abs(st[3]) == Acrobot.MAX_VEL_2 || Math.abs(st[2]) == Acrobot.MAX_VEL_1;
            assertTrue(env.observationSpace().contains(s.observation()));
        }
        assertTrue(clipped, "pumping energy should reach a velocity limit");
    }

    @Test
    void acrobotNipsDynamicsDifferFromTheBook() {
        Acrobot book = (Acrobot) Envs.make("Acrobot-v1").unwrapped();
        Acrobot nips = (Acrobot) Envs.make("Acrobot-v1", Map.of("book_or_nips", "nips")).unwrapped();
        assertFalse(book.nips());
        assertTrue(nips.nips());
        book.setState(0.3, 0.2, 1.0, -1.0);
        nips.setState(0.3, 0.2, 1.0, -1.0);
        assertFalse(Arrays.equals(book.step(2).observation(), nips.step(2).observation()));
        assertMessage("option 'book_or_nips' of Acrobot-v1: expected \"book\" or \"nips\", got \"paper\" (String)",
                () -> Envs.make("Acrobot-v1", Map.of("book_or_nips", "paper")));
    }

    @Test
    void acrobotTruncatesAtFiveHundredSteps() {
        Env<float[], Integer> env = Envs.make("Acrobot-v1");
        env.reset(0);
        Step<float[]> s = null;
        for (int t = 1; t <= 500; t++) {
            s = env.step(1); // no torque: the chain just sways near the bottom
            assertFalse(s.terminated());
            assertEquals(t == 500, s.truncated(), "step " + t);
        }
        assertEquals(-500.0, ((EpisodeStatistics.Episode) s.info().get(EpisodeStatistics.INFO_KEY)).r());
        assertEquals(-100.0, env.spec().orElseThrow().rewardThreshold());
    }

    // ---- all three -------------------------------------------------------------------------------------------

    @Test
    void startStatesAreUniformInGymnasiumsRanges() {
        CartPole cart = new CartPole();
        MountainCar car = new MountainCar();
        Acrobot acro = new Acrobot();
        double[] cartMin = new double[4];
        double[] cartMax = new double[4];
        Arrays.fill(cartMin, 1);
        Arrays.fill(cartMax, -1);
        double carMin = 0;
        double carMax = -1;
        for (int seed = 0; seed < 2000; seed++) {
            float[] o = cart.reset(seed).observation();
            double[] st = cart.state();
            for (int i = 0; i < 4; i++) {
                assertTrue(st[i] >= -0.05 && st[i] < 0.05, "CartPole start " + Arrays.toString(st));
                assertEquals((float) st[i], o[i]);
                cartMin[i] = Math.min(cartMin[i], st[i]);
                cartMax[i] = Math.max(cartMax[i], st[i]);
            }
            car.reset(seed);
            double[] mc = car.state();
            assertTrue(mc[0] >= -0.6 && mc[0] < -0.4, "MountainCar start " + Arrays.toString(mc));
            assertEquals(0.0, mc[1]);
            carMin = Math.min(carMin, mc[0]);
            carMax = Math.max(carMax, mc[0]);
            acro.reset(seed);
            for (double v : acro.state()) {
                assertTrue(v >= -0.1 && v <= 0.1, "Acrobot start " + Arrays.toString(acro.state()));
                assertEquals(v, (double) (float) v, "Acrobot starts from float32 values, as Gymnasium");
            }
        }
        for (int i = 0; i < 4; i++) {
            assertTrue(cartMin[i] < -0.049 && cartMax[i] > 0.049, "the whole range is used");
        }
        assertTrue(carMin < -0.599 && carMax > -0.401);
    }

    static Env<float[], Integer> raw(String id) {
        return cast(Envs.make(id).unwrapped());
    }

    @SuppressWarnings("unchecked")
    static Env<float[], Integer> cast(Env<?, ?> env) {
        return (Env<float[], Integer>) env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "MountainCar-v0", "Acrobot-v1"})
    void seedsReproduceAndResetContinuesTheStream(String id) {
        Env<float[], Integer> a = raw(id);
        Env<float[], Integer> b = raw(id);
        assertArrayEquals(a.reset(7).observation(), b.reset(7).observation());
        float[] second = a.reset().observation();
        assertArrayEquals(second, b.reset().observation());
        assertFalse(Arrays.equals(second, a.reset(7).observation()), "reset() draws a new start state");
        assertFalse(Arrays.equals(a.reset(7).observation(), a.reset(8).observation()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "MountainCar-v0", "Acrobot-v1"})
    void badActionsAndCallOrderAreRejected(String id) {
        Env<float[], Integer> env = raw(id);
        String name = id.substring(0, id.indexOf('-'));
        assertMessage(name + ".step() called before reset()", () -> env.step(0));
        env.reset(0);
        int n = id.startsWith("CartPole") ? 2 : 3;
        assertMessage("action " + n + " (Integer) is outside Discrete(" + n + "): expected an Integer in 0.." + (n - 1),
                () -> env.step(n));
        assertMessage("action -1 (Integer) is outside Discrete(" + n + ")", () -> env.step(-1));
        assertMessage("action null is outside Discrete(" + n + ")", () -> env.step(null));
        Env<float[], Integer> wrapped = Envs.make(id);
        wrapped.reset(0);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Env<Object, Object> untyped = (Env) wrapped;
        assertMessage("action 1.0 (Double) is outside Discrete(" + n + ")", () -> untyped.step(1.0));
        assertMessage("unknown option", () -> Envs.make(id, Map.of("gravity", 3.0)));
    }

    @Test
    void cartPoleActionMessageNamesTheActions() {
        CartPole env = new CartPole();
        env.reset(0);
        assertMessage("action 2 (Integer) is outside Discrete(2): expected an Integer in 0..1 (0=LEFT 1=RIGHT)",
                () -> env.step(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "MountainCar-v0", "Acrobot-v1"})
    void snapshotsRoundTripMidEpisode(String id) {
        Env<float[], Integer> env = raw(id);
        Snapshotable snap = (Snapshotable) env;
        env.reset(21);
        Rng actions = new Rng(4);
        for (int t = 0; t < 7; t++) {
            env.step(env.actionSpace().sample(actions));
        }
        byte[] mid = snap.snapshot();
        List<float[]> first = play(env, new Rng(77), 300);
        snap.restore(mid);
        assertArrayEquals(mid, snap.snapshot());
        List<float[]> again = play(env, new Rng(77), 300);
        assertEquals(first.size(), again.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), again.get(i), "step " + i + " after restore");
        }
        Env<float[], Integer> other = raw(id); // a fresh instance continues identically, random stream included
        ((Snapshotable) other).restore(mid);
        List<float[]> third = play(other, new Rng(77), 300);
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), third.get(i), "step " + i + " in a fresh instance");
        }
        byte[] bytes = snap.snapshot();
        assertMessage("truncated or corrupt", () -> snap.restore(Arrays.copyOf(bytes, bytes.length - 3)));
        assertMessage("snapshot is of 'FrozenLake'",
                () -> snap.restore(((Snapshotable) Envs.make("FrozenLake-v1").unwrapped()).snapshot()));
    }

    /** Plays {@code n} steps, resetting after episode ends; returns observations and rewards. */
    private static List<float[]> play(Env<float[], Integer> env, Rng actions, int n) {
        List<float[]> out = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Step<float[]> s = env.step(env.actionSpace().sample(actions));
            out.add(s.observation());
            out.add(new float[] {(float) s.reward(), s.terminated() ? 1 : 0});
            if (s.terminated()) {
                out.add(env.reset().observation());
            }
        }
        return out;
    }

    @Test
    void snapshotsRejectAnotherConfiguration() {
        CartPole sb = new CartPole(true);
        sb.reset(0);
        assertMessage("snapshot is of CartPole with sutton_barto_reward=true", () -> new CartPole().restore(sb.snapshot()));
        MountainCar fast = new MountainCar(0.05);
        fast.reset(0);
        assertMessage("goal_velocity=0.05", () -> new MountainCar().restore(fast.snapshot()));
        Acrobot nips = new Acrobot(true);
        nips.reset(0);
        assertMessage("book_or_nips=nips", () -> new Acrobot().restore(nips.snapshot()));
    }

    @Test
    void optionVariantsPassTheChecker() {
        EnvChecker.check(Envs.make("CartPole-v1", Map.of("sutton_barto_reward", true)));
        EnvChecker.check(Envs.make("MountainCar-v0", Map.of("goal_velocity", 0.02)));
        EnvChecker.check(Envs.make("Acrobot-v1", Map.of("book_or_nips", "nips")));
        assertEquals("EpisodeStatistics<OrderEnforcing<TimeLimit<PassiveEnvChecker<CartPole>>>>",
                Envs.make("CartPole-v1").toString());
    }

    // ---- rendering -------------------------------------------------------------------------------------------

    @Test
    void cartPoleFrameShowsCartAndLeaningPole() {
        CartPole env = new CartPole();
        env.setState(1.0, 0, 0.1, 0);
        ShapesFrame f = (ShapesFrame) env.render();
        assertEquals(-2.4, f.minX());
        assertEquals(2.4, f.maxX());
        ShapesFrame.Rect cart = f.shapesOf(ShapesFrame.Rect.class).get(0);
        assertEquals(1.0, cart.x() + cart.w() / 2, 1e-12, "the cart is centred on x");
        ShapesFrame.Polygon pole = f.shapesOf(ShapesFrame.Polygon.class).get(0);
        double[] xy = pole.xy();
        double topX = (xy[2] + xy[4]) / 2; // corners (l,b), (l,t), (r,t), (r,b): the top edge is corners 1 and 2
        double topY = (xy[3] + xy[5]) / 2;
        assertEquals(1.0 + 0.96 * Math.sin(0.1), topX, 1e-12, "a positive angle leans the pole to the right");
        assertTrue(topY > cart.y() + cart.h());
        assertEquals("", f.caption());
        env.step(CartPole.LEFT);
        assertEquals("Left", ((ShapesFrame) env.render()).caption());
    }

    @Test
    void mountainCarFrameFollowsTheHill() {
        MountainCar env = new MountainCar();
        env.setState(-0.5, 0);
        ShapesFrame f = (ShapesFrame) env.render();
        assertEquals(-1.2, f.minX());
        assertEquals(0.6, f.maxX());
        ShapesFrame.Polyline hill = f.shapesOf(ShapesFrame.Polyline.class).get(0);
        assertEquals(100, hill.points());
        double[] xy = hill.xy();
        for (int i = 0; i < xy.length; i += 2) {
            assertEquals(MountainCar.height(xy[i]), xy[i + 1], 1e-12);
            assertTrue(xy[i + 1] >= f.minY() && xy[i + 1] <= f.maxY());
        }
        double[] car = f.shapesOf(ShapesFrame.Polygon.class).get(0).xy();
        double cx = (car[0] + car[2] + car[4] + car[6]) / 4;
        assertEquals(-0.5, cx, 0.02, "the car sits at its position");
        assertEquals(2, f.shapesOf(ShapesFrame.Circle.class).size(), "two wheels");
    }

    @Test
    void acrobotFrameShowsBothLinks() {
        Acrobot env = new Acrobot();
        env.setState(0, 0, 0, 0);
        ShapesFrame f = (ShapesFrame) env.render();
        assertEquals(-2.2, f.minX(), 1e-12);
        assertEquals(2.2, f.maxY(), 1e-12);
        List<ShapesFrame.Circle> joints = f.shapesOf(ShapesFrame.Circle.class);
        assertEquals(2, joints.size());
        assertEquals(0.0, joints.get(1).cx(), 1e-12);
        assertEquals(-1.0, joints.get(1).cy(), 1e-12, "hanging: the middle joint is one link below the pivot");
        env.setState(Math.PI / 2, 0, 0, 0);
        joints = ((ShapesFrame) env.render()).shapesOf(ShapesFrame.Circle.class);
        assertEquals(1.0, joints.get(1).cx(), 1e-12, "theta1 = pi/2 swings the first link to the right");
        ShapesFrame.Line target = f.shapesOf(ShapesFrame.Line.class).get(0);
        assertEquals(1.0, target.y1());
        assertEquals(2, f.shapesOf(ShapesFrame.Polygon.class).size());
    }

    @Test
    void shapesFrameValidatesAndCopies() {
        double[] pts = {0, 0, 1, 1};
        ShapesFrame.Polyline line = new ShapesFrame.Polyline(pts, 1, ShapesFrame.BLACK);
        pts[0] = 5;
        assertEquals(0.0, line.xy()[0], "the frame keeps its own copy");
        assertMessage("needs finite bounds", () -> new ShapesFrame(1, 0, 1, 1, 0, List.of(), ""));
        assertMessage("colour must be 0xRRGGBB", () -> new ShapesFrame.Circle(0, 0, 1, 0x1000000, true));
        assertMessage("Polygon needs at least 3 points", () -> new ShapesFrame.Polygon(new double[] {0, 0, 1, 1}, 0, true));
        assertMessage("colour channels must be in 0..255", () -> ShapesFrame.rgb(256, 0, 0));
        assertEquals(0xCA9865, ShapesFrame.rgb(202, 152, 101));
    }

    // ---- hot path --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "MountainCar-v0", "Acrobot-v1"})
    void stepsAllocateOnlyTheObservationAndTheStep(String id) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Env<float[], Integer> env = raw(id);
        int n = env.actionSpace() instanceof dev.arcadia.env.space.Discrete d ? d.n() : 0;
        Integer[] actions = new Integer[n];
        for (int a = 0; a < n; a++) {
            actions[a] = a;
        }
        long tid = Thread.currentThread().getId();
        long[] perStep = new long[3];
        int steps = 300_000;
        for (int round = 0; round < perStep.length; round++) { // the first rounds warm up the JIT
            env.reset(round);
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < steps; i++) {
                if (env.step(actions[(i * 7 + (i >> 3)) % n]).terminated()) {
                    env.reset();
                }
            }
            perStep[round] = (threads.getThreadAllocatedBytes(tid) - before) / steps;
        }
        // float[6] is 40 bytes and a Step 32 with compressed pointers; allow for uncompressed ones.
        assertTrue(perStep[2] <= 112, id + " allocated " + perStep[2] + " bytes per step");
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(expected),
                "expected a message containing <" + expected + "> but was <" + e.getMessage() + ">");
    }
}
