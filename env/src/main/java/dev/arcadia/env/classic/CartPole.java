package dev.arcadia.env.classic;

import dev.arcadia.env.Env;
import dev.arcadia.env.Options;
import dev.arcadia.env.Renderable;
import dev.arcadia.env.Snapshotable;
import dev.arcadia.env.Step;
import dev.arcadia.env.render.Frame;
import dev.arcadia.env.render.ShapesFrame;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.Rng;
import dev.arcadia.env.util.StateCodec;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * CartPole, with the dynamics of Gymnasium 1.3's {@code CartPoleEnv} (Barto, Sutton and Anderson, "Neuronlike
 * adaptive elements that can solve difficult learning control problems", 1983).
 *
 * <h2>Description</h2>
 * A pole is hinged on a cart that moves along a frictionless track; push the cart left or right to keep the pole
 * upright. The physics is Gymnasium's explicit Euler step of 0.02 s (gravity 9.8, cart mass 1.0, pole mass 0.1,
 * half pole length 0.5, force 10), evaluated in double precision in Gymnasium's order of operations.
 *
 * <h2>Actions</h2>
 * {@code Discrete(2)}: 0 = push the cart left, 1 = push it right (a force of -10 or +10).
 *
 * <h2>Observations</h2>
 * {@code Box(4)} of float32: cart position in [-4.8, 4.8], cart velocity (unbounded), pole angle in about
 * [-0.419, 0.419] rad (twice the 12° limit), pole angular velocity (unbounded). The state is kept in double precision
 * and cast to float at the end, as Gymnasium does.
 *
 * <h2>Rewards</h2>
 * +1 for every step, the terminating one included. With {@code sutton_barto_reward} 0 per step and -1 on the
 * terminating step. Stepping on after termination (undefined in Gymnasium, which warns) gives 0 (or -1).
 *
 * <h2>Episode end</h2>
 * Terminated when the pole angle leaves [-12°, 12°] or the cart position leaves [-2.4, 2.4]. {@code CartPole-v1}
 * truncates at 500 steps; it counts as solved at a mean return of 475. Episodes start with all four state
 * variables uniform in [-0.05, 0.05).
 *
 * <h2>Arguments</h2>
 * {@code sutton_barto_reward} (false), as Gymnasium's keyword. Gymnasium's reset options {@code low}/{@code high}
 * have no counterpart; {@link #setState} starts an episode from any state instead.
 *
 * <h2>Version history</h2>
 * v1: Gymnasium's CartPole-v1 (Gymnasium 1.3.0 dynamics, checked against trajectories recorded from Gymnasium).
 *
 * <p>{@code step} allocates the observation ({@code float[4]}) and the {@link Step}, nothing else.
 */
public final class CartPole implements Env<float[], Integer>, Snapshotable, Renderable {

    public static final int LEFT = 0;
    public static final int RIGHT = 1;

    /** Action names, indexed by action. */
    public static final List<String> ACTION_NAMES = List.of("Left", "Right");

    static final double GRAVITY = 9.8;
    static final double MASS_CART = 1.0;
    static final double MASS_POLE = 0.1;
    static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    /** Half the pole's length. */
    static final double LENGTH = 0.5;
    static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
    static final double FORCE_MAG = 10.0;
    /** Seconds between state updates. */
    static final double TAU = 0.02;
    /** 12 degrees, computed as Gymnasium does: {@code 12 * 2 * pi / 360}. */
    public static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    public static final double X_THRESHOLD = 2.4;
    static final double RESET_LOW = -0.05;
    static final double RESET_HIGH = 0.05;

    private static final Map<String, Object> NO_INFO = Map.of();

    private final boolean suttonBartoReward;
    private final Box observationSpace;
    private final Discrete actionSpace = new Discrete(2);
    private final Rng rng = new Rng(0);
    private boolean seeded;
    private boolean started;
    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;
    /** Gymnasium's {@code steps_beyond_terminated}; -1 stands for its None. */
    private int stepsBeyondTerminated = -1;
    private int lastAction = -1;

    /** The standard CartPole: +1 per step. */
    public CartPole() {
        this(false);
    }

    /** @param suttonBartoReward 0 per step and -1 on termination instead of +1 per step */
    public CartPole(boolean suttonBartoReward) {
        this.suttonBartoReward = suttonBartoReward;
        float[] high = {(float) (X_THRESHOLD * 2), Float.POSITIVE_INFINITY, (float) (THETA_THRESHOLD_RADIANS * 2),
                Float.POSITIVE_INFINITY};
        float[] low = new float[4];
        for (int i = 0; i < 4; i++) {
            low[i] = -high[i];
        }
        this.observationSpace = new Box(low, high, 4);
    }

    /** Builds the environment from registry options ({@code sutton_barto_reward}). */
    public static CartPole fromOptions(Options o) {
        return new CartPole(o.getBoolean("sutton_barto_reward"));
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
        x = uniform();
        xDot = uniform();
        theta = uniform();
        thetaDot = uniform();
        return Step.ofReset(begin(), NO_INFO);
    }

    private double uniform() {
        return RESET_LOW + (RESET_HIGH - RESET_LOW) * rng.nextDouble();
    }

    private float[] begin() {
        started = true;
        stepsBeyondTerminated = -1;
        lastAction = -1;
        return observation();
    }

    /**
     * Starts an episode from the given state, as a reset does but without touching the random stream: for
     * conformance tests (the start states recorded from Gymnasium) and for planning.
     *
     * @param state cart position, cart velocity, pole angle, pole angular velocity
     * @return the observation of that state
     */
    public float[] setState(double... state) {
        if (state.length != 4) {
            throw new IllegalArgumentException("CartPole state has 4 values (x, x_dot, theta, theta_dot), got "
                    + state.length);
        }
        x = state[0];
        xDot = state[1];
        theta = state[2];
        thetaDot = state[3];
        return begin();
    }

    /** The state in double precision: cart position, cart velocity, pole angle, pole angular velocity. */
    public double[] state() {
        return new double[] {x, xDot, theta, thetaDot};
    }

    @Override
    public Step<float[]> step(Integer action) {
        if (!started) {
            throw new IllegalStateException("CartPole.step() called before reset(); call reset() or reset(seed) first");
        }
        if (action == null || action < 0 || action > 1) {
            throw new IllegalArgumentException(actionSpace.explainNotContained("action", action)
                    + " (0=LEFT 1=RIGHT)");
        }
        double force = action == RIGHT ? FORCE_MAG : -FORCE_MAG;
        double costheta = Math.cos(theta);
        double sintheta = Math.sin(theta);
        double temp = (force + POLE_MASS_LENGTH * (thetaDot * thetaDot) * sintheta) / TOTAL_MASS;
        double thetaacc = (GRAVITY * sintheta - costheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASS_POLE * (costheta * costheta) / TOTAL_MASS));
        double xacc = temp - POLE_MASS_LENGTH * thetaacc * costheta / TOTAL_MASS;
        // Explicit Euler, Gymnasium's default "euler" integrator: positions move with the old velocities.
        x = x + TAU * xDot;
        xDot = xDot + TAU * xacc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaacc;
        lastAction = action;

        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
        double reward;
        if (!terminated) {
            reward = suttonBartoReward ? 0.0 : 1.0;
        } else if (stepsBeyondTerminated < 0) {
            stepsBeyondTerminated = 0; // the pole just fell
            reward = suttonBartoReward ? -1.0 : 1.0;
        } else {
            stepsBeyondTerminated++;
            reward = suttonBartoReward ? -1.0 : 0.0;
        }
        return new Step<>(observation(), reward, terminated, false, NO_INFO);
    }

    private float[] observation() {
        return new float[] {(float) x, (float) xDot, (float) theta, (float) thetaDot};
    }

    @Override
    public Space<float[]> observationSpace() {
        return observationSpace;
    }

    @Override
    public Space<Integer> actionSpace() {
        return actionSpace;
    }

    public boolean suttonBartoReward() {
        return suttonBartoReward;
    }

    /**
     * Gymnasium's picture in world units: the track (the screen's 600 px are 4.8 units), a 0.4 x 0.24 black cart,
     * a 1.0 x 0.08 brown pole turned by the pole angle and its blue axle.
     */
    @Override
    public Frame render() {
        double trackY = 0.8;
        double axleY = trackY + 0.06;
        List<ShapesFrame.Shape> shapes = List.of(
                new ShapesFrame.Line(-X_THRESHOLD, trackY, X_THRESHOLD, trackY, 1, ShapesFrame.BLACK),
                new ShapesFrame.Rect(x - 0.2, trackY - 0.12, 0.4, 0.24, ShapesFrame.BLACK, true),
                ShapesFrame.Polygon.rotatedBox(-0.04, 0.04, -0.04, 1.0 - 0.04, -theta, x, axleY,
                        ShapesFrame.rgb(202, 152, 101)),
                new ShapesFrame.Circle(x, axleY, 0.04, ShapesFrame.rgb(129, 132, 203), true));
        String caption = lastAction < 0 ? "" : ACTION_NAMES.get(lastAction);
        return new ShapesFrame(-X_THRESHOLD, 0, X_THRESHOLD, 3.2, ShapesFrame.WHITE, shapes, caption);
    }

    @Override
    public byte[] snapshot() {
        return new StateCodec.Writer("CartPole").writeBoolean(suttonBartoReward).writeBoolean(started)
                .writeDouble(x).writeDouble(xDot).writeDouble(theta).writeDouble(thetaDot)
                .writeInt(stepsBeyondTerminated).writeInt(lastAction).writeBoolean(seeded).writeLongs(rng.state())
                .toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        StateCodec.Reader in = new StateCodec.Reader(snapshot, "CartPole");
        boolean sb = in.readBoolean();
        if (sb != suttonBartoReward) {
            throw new IllegalArgumentException("snapshot is of CartPole with sutton_barto_reward=" + sb
                    + ", this environment has sutton_barto_reward=" + suttonBartoReward);
        }
        boolean wasStarted = in.readBoolean();
        double[] s = {in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()};
        int beyond = in.readInt();
        int last = in.readInt();
        boolean wasSeeded = in.readBoolean();
        long[] rngState = in.readLongs();
        in.end();
        if (beyond < -1 || last < -1 || last > 1) {
            throw new IllegalArgumentException("snapshot of CartPole is corrupt: steps beyond terminated " + beyond
                    + ", last action " + last);
        }
        rng.setState(rngState);
        started = wasStarted;
        x = s[0];
        xDot = s[1];
        theta = s[2];
        thetaDot = s[3];
        stepsBeyondTerminated = beyond;
        lastAction = last;
        seeded = wasSeeded;
    }

    @Override
    public String toString() {
        return suttonBartoReward ? "CartPole[sutton_barto_reward]" : "CartPole";
    }

    @Override
    public List<String> actionNames() {
        return ACTION_NAMES;
    }
}
