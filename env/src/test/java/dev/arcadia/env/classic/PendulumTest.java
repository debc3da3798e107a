package dev.arcadia.env.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.env.Env;
import dev.arcadia.env.EnvChecker;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.env.render.ShapesFrame;
import dev.arcadia.env.util.Rng;
import dev.arcadia.env.wrappers.EpisodeStatistics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendulumTest {

    @Test
    void oneStepFollowsTheClosedForm() {
        Pendulum env = new Pendulum();
        env.setState(0.5, -0.25);
        Step<float[]> s = env.step(new float[] {1.5f});
        double newThetaDot = -0.25 + (15.0 * Math.sin(0.5) + 4.5) * 0.05;
        double newTheta = 0.5 + newThetaDot * 0.05;
        assertArrayEquals(new double[] {newTheta, newThetaDot}, env.state(), 1e-15);
        assertEquals(-(0.25 + 0.1 * 0.0625 + 0.001 * 2.25), s.reward(), 1e-9, "cost of the state before the step");
        assertArrayEquals(new float[] {(float) Math.cos(newTheta), (float) Math.sin(newTheta), (float) newThetaDot},
                s.observation());
        assertFalse(s.terminated());
        assertFalse(s.truncated());
    }

    @Test
    void gravityOptionChangesTheDynamics() {
        Pendulum moon = (Pendulum) Envs.make("Pendulum-v1", Map.of("g", 1.62)).unwrapped();
        assertEquals(1.62, moon.g());
        assertEquals("Pendulum[g=1.62]", moon.toString());
        moon.setState(1.0, 0.0);
        moon.step(new float[] {0f});
        assertEquals(3 * 1.62 / 2 * Math.sin(1.0) * 0.05, moon.state()[1], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Envs.make("Pendulum-v1", Map.of("g", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> Envs.make("Pendulum-v1", Map.of("gravity", 9.81)),
                "unknown options fail");
    }

    @Test
    void rawEnvironmentClipsTorqueAsGymnasiumWhileTheStandardStackRejectsIt() {
        Pendulum a = new Pendulum();
        Pendulum b = new Pendulum();
        a.setState(2.0, 1.0);
        b.setState(2.0, 1.0);
        Step<float[]> clipped = a.step(new float[] {7.5f});
        Step<float[]> bound = b.step(new float[] {2f});
        assertArrayEquals(bound.observation(), clipped.observation());
        assertEquals(bound.reward(), clipped.reward(), 0.0, "the cost uses the clipped torque");
        assertEquals(b.step(new float[] {-2f}).reward(), a.step(new float[] {Float.NEGATIVE_INFINITY}).reward(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> a.step(new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> a.step(new float[] {0f, 0f}));
        assertThrows(IllegalArgumentException.class, () -> a.step(null));

        Env<float[], float[]> env = Envs.make("Pendulum-v1");
        env.reset(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(new float[] {2.5f}));
        assertTrue(e.getMessage().contains("outside [-2.0, 2.0]"), e.getMessage());
    }

    @Test
    void velocityIsClippedAtEightAndAnglesNormalizeLikeNumpy() {
        Pendulum env = new Pendulum();
        env.setState(Math.PI / 2, 7.9);
        Step<float[]> s = env.step(new float[] {2f});
        assertEquals(8.0, env.state()[1], 0.0);
        assertEquals(8.0f, s.observation()[2]);
        assertEquals(Math.PI / 2 + 0.4, env.state()[0], 1e-15, "the angle moves with the clipped velocity");

        assertEquals(0.0, Pendulum.angleNormalize(0.0), 0.0);
        assertEquals(-Math.PI, Pendulum.angleNormalize(Math.PI), 0.0, "pi maps to -pi: the range is [-pi, pi)");
        assertEquals(-Math.PI, Pendulum.angleNormalize(-Math.PI), 0.0);
        assertEquals(0.5, Pendulum.angleNormalize(0.5 + 4 * Math.PI), 1e-12);
        assertEquals(-0.5, Pendulum.angleNormalize(-0.5 - 6 * Math.PI), 1e-12);
        for (double x = -20; x <= 20; x += 0.37) {
            double n = Pendulum.angleNormalize(x);
            assertTrue(n >= -Math.PI && n < Math.PI, "normalized " + x + " to " + n);
            assertEquals(Math.cos(x), Math.cos(n), 1e-12);
            assertEquals(Math.sin(x), Math.sin(n), 1e-12);
        }
    }

    @Test
    void worstRewardIsGymnasiumsMinimum() {
        Pendulum env = new Pendulum();
        env.setState(-Math.PI, 8.0);
        assertEquals(-(Math.PI * Math.PI + 6.4 + 0.004), env.step(new float[] {2f}).reward(), 1e-6);
        assertEquals(-16.2736044, -(Math.PI * Math.PI + 6.4 + 0.004), 1e-7);
        env.setState(0, 0);
        assertEquals(-0.0, env.step(new float[] {0f}).reward(), 0.0, "upright, at rest, no torque: the best reward");
    }

    @Test
    void startsUniformlyAndTruncatesAtTwoHundredSteps() {
        Env<float[], float[]> env = Envs.make("Pendulum-v1");
        Pendulum raw = (Pendulum) env.unwrapped();
        Rng actions = new Rng(3);
        double minTheta = 9;
        double maxTheta = -9;
        for (int episode = 0; episode < 200; episode++) {
            Step<float[]> s = episode == 0 ? env.reset(11) : env.reset();
            double[] st = raw.state();
            assertTrue(st[0] >= -Math.PI && st[0] < Math.PI && st[1] >= -1 && st[1] < 1, "start state " + st[0] + ", " + st[1]);
            minTheta = Math.min(minTheta, st[0]);
            maxTheta = Math.max(maxTheta, st[0]);
            if (episode < 3) {
                for (int t = 1; t <= 200; t++) {
                    s = env.step(env.actionSpace().sample(actions));
                    assertFalse(s.terminated(), "Pendulum never terminates");
                    assertEquals(t == 200, s.truncated(), "step " + t);
                }
                assertEquals(200, ((EpisodeStatistics.Episode) s.info().get(EpisodeStatistics.INFO_KEY)).l());
            }
        }
        assertTrue(minTheta < -2.8 && maxTheta > 2.8, "the start angle covers [-pi, pi): " + minTheta + ".." + maxTheta);
    }

    @Test
    void seededResetsRepeatAndPassTheChecker() {
        Env<float[], float[]> a = Envs.make("Pendulum-v1");
        Env<float[], float[]> b = Envs.make("Pendulum-v1");
        assertArrayEquals(a.reset(5).observation(), b.reset(5).observation());
        assertArrayEquals(a.reset().observation(), b.reset().observation());
        EnvChecker.check(Envs.make("Pendulum-v1"));
        EnvChecker.check(new Pendulum(9.81));
    }

    @Test
    void snapshotRestoresStateStreamAndLastTorque() {
        Pendulum env = new Pendulum();
        env.reset(4);
        env.step(new float[] {1f});
        byte[] snap = env.snapshot();
        Step<float[]> next = env.step(new float[] {-0.5f});
        float[] nextReset = env.reset().observation();
        env.restore(snap);
        assertArrayEquals(next.observation(), env.step(new float[] {-0.5f}).observation());
        assertArrayEquals(nextReset, env.reset().observation());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Pendulum(9.81).restore(snap));
        assertTrue(e.getMessage().contains("g=10.0"), e.getMessage());
    }

    @Test
    void rendersTheRodUprightAtThetaZeroWithATorqueArc() {
        Pendulum env = new Pendulum();
        env.setState(0, 0);
        ShapesFrame frame = (ShapesFrame) env.render();
        assertEquals("", frame.caption(), "no torque before the first step, as Gymnasium's last_u = None");
        assertTrue(frame.shapesOf(ShapesFrame.Polyline.class).isEmpty());
        ShapesFrame.Circle tip = frame.shapesOf(ShapesFrame.Circle.class).get(1);
        assertEquals(0.0, tip.cx(), 1e-12);
        assertEquals(1.0, tip.cy(), 1e-12, "theta = 0 is upright");
        env.setState(Math.PI / 2, 0);
        env.step(new float[] {-1.25f});
        frame = (ShapesFrame) env.render();
        assertEquals("Torque -1.25", frame.caption());
        assertEquals(1, frame.shapesOf(ShapesFrame.Polyline.class).size());
        tip = frame.shapesOf(ShapesFrame.Circle.class).get(1);
        assertTrue(tip.cx() < -0.9, "theta = pi/2 points left (counter-clockwise from up): " + tip.cx());
    }

    @Test
    void stepBeforeResetFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Pendulum().step(new float[] {0f}));
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
    }
}
