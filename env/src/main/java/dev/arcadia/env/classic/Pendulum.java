package dev.arcadia.env.classic;

import dev.arcadia.env.Env;
import dev.arcadia.env.Options;
import dev.arcadia.env.Renderable;
import dev.arcadia.env.Snapshotable;
import dev.arcadia.env.Step;
import dev.arcadia.env.render.Frame;
import dev.arcadia.env.render.ShapesFrame;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.Rng;
import dev.arcadia.env.util.StateCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Pendulum, with the dynamics of Gymnasium 1.3's {@code PendulumEnv}: the inverted-pendulum swing-up, the test bed
 * for continuous actions.
 *
 * <h2>Description</h2>
 * A rod of length 1 and mass 1 swings about a fixed pivot; a torque at the pivot should swing it up and hold it
 * upright. One step is Gymnasium's semi-implicit Euler step of 0.05 s: the angular velocity gains
 * {@code (3 g / 2 sin(theta) + 3 u) dt} and is clipped to [-8, 8], then the angle moves with the new velocity. The
 * state is kept in double precision; the torque terms are evaluated in float32, as Gymnasium does with its float32
 * action (NumPy 2 keeps {@code 3.0 * u} and {@code 0.001 * u**2} in float32), and everything in Gymnasium's order
 * of operations. {@code u**2} is the exact float32 product here; NumPy computes that scalar power with the C
 * library's {@code powf}, which glibc rounds to the other neighbouring float in rare cases (2 of the 1200 recorded
 * steps), a difference of one float32 ulp in the torque cost (below 5e-10).
 *
 * <h2>Actions</h2>
 * {@code Box(1)} of float32 in [-2, 2]: the torque, positive counter-clockwise. The environment itself clips the
 * torque to [-2, 2] as Gymnasium's {@code step} does; through {@code Envs.make} an action outside the box fails in
 * {@code OrderEnforcing} like any out-of-space action in Arcadia, so an agent with an unbounded (Gaussian) policy
 * clips before stepping, as Stable-Baselines3 does. A NaN torque fails.
 *
 * <h2>Observations</h2>
 * {@code Box(3)} of float32: {@code cos(theta)} and {@code sin(theta)} in [-1, 1] and the angular velocity in
 * [-8, 8]. {@code theta} is the angle from upright (0 = up), counter-clockwise; it is not wrapped in the state.
 *
 * <h2>Rewards</h2>
 * {@code -(theta_n^2 + 0.1 thetadot^2 + 0.001 u^2)} for the state before the step and the clipped torque, where
 * {@code theta_n} is the angle normalized to [-pi, pi) (NumPy's floored remainder). Between about -16.27 and 0.
 *
 * <h2>Episode end</h2>
 * Never terminated. {@code Pendulum-v1} truncates at 200 steps and has no reward threshold (Gymnasium's is None;
 * here NaN). Episodes start with the angle uniform in [-pi, pi) and the angular velocity uniform in [-1, 1).
 *
 * <h2>Arguments</h2>
 * {@code g} (10.0), the acceleration of gravity, as Gymnasium's keyword. Gymnasium's reset options
 * {@code x_init}/{@code y_init} have no counterpart; {@link #setState} starts an episode from any state instead.
 *
 * <h2>Version history</h2>
 * v1: Gymnasium's Pendulum-v1 (Gymnasium 1.3.0 dynamics, checked against trajectories recorded from Gymnasium).
 *
 * <p>{@code step} allocates the observation ({@code float[3]}) and the {@link Step}, nothing else.
 */
public final class Pendulum implements Env<float[], float[]>, Snapshotable, Renderable {

    /** Gymnasium's {@code max_speed}: the angular velocity is clipped to [-8, 8] rad/s. */
    public static final double MAX_SPEED = 8;
    /** Gymnasium's {@code max_torque}: actions are clipped to [-2, 2]. */
    public static final float MAX_TORQUE = 2.0f;
    /** Seconds per step. */
    static final double DT = 0.05;
    static final double MASS = 1.0;
    static final double LENGTH = 1.0;
    /** Gymnasium's default gravity. */
    public static final double DEFAULT_G = 10.0;
    /** Start angle bound: uniform in [-pi, pi). */
    static final double RESET_THETA = Math.PI;
    /** Start angular-velocity bound: uniform in [-1, 1). */
    static final double RESET_THETA_DOT = 1.0;

    private static final Map<String, Object> NO_INFO = Map.of();

    private final double g;
    private final Box observationSpace;
    private final Box actionSpace = new Box(new float[] {-MAX_TORQUE}, new float[] {MAX_TORQUE}, 1);
    private final Rng rng = new Rng(0);
    private boolean seeded;
    private boolean started;
    private double theta;
    private double thetaDot;
    /** The last clipped torque, for rendering; NaN stands for Gymnasium's {@code last_u = None}. */
    private float lastU = Float.NaN;

    /** The standard Pendulum: g = 10. */
    public Pendulum() {
        this(DEFAULT_G);
    }

    /** @param g the acceleration of gravity (finite) */
    public Pendulum(double g) {
        if (!Double.isFinite(g)) {
            throw new IllegalArgumentException("Pendulum gravity g must be finite, got " + g);
        }
        this.g = g;
        this.observationSpace = new Box(new float[] {-1, -1, (float) -MAX_SPEED}, new float[] {1, 1, (float) MAX_SPEED}, 3);
    }

    /** Builds the environment from registry options ({@code g}). */
    public static Pendulum fromOptions(Options o) {
        double g = o.getDouble("g");
        if (!Double.isFinite(g)) {
            throw new IllegalArgumentException("option 'g' of Pendulum-v1: expected a finite number, got " + g);
        }
        return new Pendulum(g);
    }

    @Override
    public Step<float[]> reset(long seed) {
        rng.setSeed(seed);
        seeded = true;
        return start();
    }

    @Override
    public Step<float[]> reset() {
        if (!seeded) {
            rng.setSeed(RandomGenerator.getDefault().nextLong());
            seeded = true;
        }
        return start();
    }

    private Step<float[]> start() {
        // Gymnasium: np_random.uniform(low=-high, high=high) with high = [pi, 1], element by element.
        theta = -RESET_THETA + (RESET_THETA - -RESET_THETA) * rng.nextDouble();
        thetaDot = -RESET_THETA_DOT + (RESET_THETA_DOT - -RESET_THETA_DOT) * rng.nextDouble();
        return Step.ofReset(begin(), NO_INFO);
    }

    private float[] begin() {
        started = true;
        lastU = Float.NaN;
        return observation();
    }

    /**
     * Starts an episode from the given state, as a reset does but without touching the random stream: for
     * conformance tests (the start states recorded from Gymnasium) and for planning.
     *
     * @param state the angle from upright (taken as it is, not wrapped) and the angular velocity
     * @return the observation of that state
     */
    public float[] setState(double... state) {
        if (state.length != 2) {
            throw new IllegalArgumentException("Pendulum state has 2 values (theta, theta_dot), got " + state.length);
        }
        theta = state[0];
        thetaDot = state[1];
        return begin();
    }

    /** The state in double precision: the angle from upright (unwrapped) and the angular velocity. */
    public double[] state() {
        return new double[] {theta, thetaDot};
    }

    @Override
    public Step<float[]> step(float[] action) {
        if (!started) {
            throw new IllegalStateException("Pendulum.step() called before reset(); call reset() or reset(seed) first");
        }
        if (action == null || action.length != 1 || Float.isNaN(action[0])) {
            throw new IllegalArgumentException(actionSpace.explainNotContained("action", action)
                    + " (one torque, clipped to [-2, 2]; NaN is not accepted)");
        }
        // np.clip(u, -max_torque, max_torque)[0], a float32.
        float u = Math.min(Math.max(action[0], -MAX_TORQUE), MAX_TORQUE);
        lastU = u;
        double thNorm = angleNormalize(theta);
        // costs = angle_normalize(th) ** 2 + 0.1 * thdot**2 + 0.001 * (u**2); the last term is float32 arithmetic.
        float torqueCost = 0.001f * (u * u);
        double costs = thNorm * thNorm + 0.1 * (thetaDot * thetaDot) + torqueCost;
        // newthdot = thdot + (3 * g / (2 * l) * sin(th) + 3.0 / (m * l**2) * u) * dt, with 3.0 * u in float32.
        float torqueTerm = (float) (3.0 / (MASS * (LENGTH * LENGTH))) * u;
        double newThetaDot = thetaDot + (3 * g / (2 * LENGTH) * Math.sin(theta) + torqueTerm) * DT;
        newThetaDot = Math.min(Math.max(newThetaDot, -MAX_SPEED), MAX_SPEED);
        theta = theta + newThetaDot * DT;
        thetaDot = newThetaDot;
        return new Step<>(observation(), -costs, false, false, NO_INFO);
    }

    /**
     * Gymnasium's {@code angle_normalize}: {@code ((x + pi) % (2 pi)) - pi} with NumPy's floored remainder (the
     * result takes the divisor's sign; an exact zero is +0), so the result lies in [-pi, pi).
     */
    static double angleNormalize(double x) {
        double a = x + Math.PI;
        double b = 2 * Math.PI;
        double mod = a % b; // C's fmod, as NumPy's npy_divmod starts
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
            }
        } else {
            mod = Math.copySign(0.0, b);
        }
        return mod - Math.PI;
    }

    private float[] observation() {
        return new float[] {(float) Math.cos(theta), (float) Math.sin(theta), (float) thetaDot};
    }

    @Override
    public Space<float[]> observationSpace() {
        return observationSpace;
    }

    @Override
    public Space<float[]> actionSpace() {
        return actionSpace;
    }

    /** The acceleration of gravity. */
    public double g() {
        return g;
    }

    /**
     * Gymnasium's picture in world units (the pivot at the origin, 2.2 units to each side): a 1.0 x 0.2 red rod
     * turned by the angle (0 = up) with round ends and the black axle. Gymnasium's torque arrow (an image scaled by
     * the torque) becomes an arc around the pivot with radius |u| / 4, on the side the torque turns towards, and
     * the caption names the torque.
     */
    @Override
    public Frame render() {
        int red = ShapesFrame.rgb(204, 77, 77);
        double angle = theta + Math.PI / 2; // Gymnasium rotates the rod, drawn along +x, by theta + pi/2
        double endX = LENGTH * Math.cos(angle);
        double endY = LENGTH * Math.sin(angle);
        List<ShapesFrame.Shape> shapes = new ArrayList<>();
        shapes.add(ShapesFrame.Polygon.rotatedBox(0, LENGTH, -0.1, 0.1, angle, 0, 0, red));
        shapes.add(new ShapesFrame.Circle(0, 0, 0.1, red, true));
        shapes.add(new ShapesFrame.Circle(endX, endY, 0.1, red, true));
        String caption = "";
        if (!Float.isNaN(lastU)) {
            caption = String.format(Locale.ROOT, "Torque %+.2f", lastU);
            double radius = Math.abs(lastU) / 4;
            if (radius > 0) {
                double[] xy = new double[2 * 17];
                double sign = Math.signum(lastU); // counter-clockwise for a positive torque
                for (int i = 0; i <= 16; i++) {
                    double a = -Math.PI / 2 + sign * 1.5 * Math.PI * i / 16;
                    xy[2 * i] = radius * Math.cos(a);
                    xy[2 * i + 1] = radius * Math.sin(a);
                }
                shapes.add(new ShapesFrame.Polyline(xy, 2, ShapesFrame.BLACK));
            }
        }
        shapes.add(new ShapesFrame.Circle(0, 0, 0.05, ShapesFrame.BLACK, true));
        return new ShapesFrame(-2.2, -2.2, 2.2, 2.2, ShapesFrame.WHITE, shapes, caption);
    }

    @Override
    public byte[] snapshot() {
        return new StateCodec.Writer("Pendulum").writeDouble(g).writeBoolean(started)
                .writeDouble(theta).writeDouble(thetaDot).writeInt(Float.floatToRawIntBits(lastU))
                .writeBoolean(seeded).writeLongs(rng.state()).toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        StateCodec.Reader in = new StateCodec.Reader(snapshot, "Pendulum");
        double sg = in.readDouble();
        if (Double.compare(sg, g) != 0) {
            throw new IllegalArgumentException("snapshot is of Pendulum with g=" + sg + ", this environment has g=" + g);
        }
        boolean wasStarted = in.readBoolean();
        double th = in.readDouble();
        double thDot = in.readDouble();
        float last = Float.intBitsToFloat(in.readInt());
        boolean wasSeeded = in.readBoolean();
        long[] rngState = in.readLongs();
        in.end();
        if (!Float.isNaN(last) && !(Math.abs(last) <= MAX_TORQUE)) {
            throw new IllegalArgumentException("snapshot of Pendulum is corrupt: last torque " + last);
        }
        rng.setState(rngState);
        started = wasStarted;
        theta = th;
        thetaDot = thDot;
        lastU = last;
        seeded = wasSeeded;
    }

    @Override
    public String toString() {
        return g == DEFAULT_G ? "Pendulum" : "Pendulum[g=" + g + "]";
    }
}
