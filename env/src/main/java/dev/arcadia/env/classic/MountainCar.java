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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * MountainCar, with the dynamics of Gymnasium 1.3's {@code MountainCarEnv} (Moore, "Efficient memory-based learning
 * for robot control", 1990; Sutton and Barto's version).
 *
 * <h2>Description</h2>
 * An underpowered car sits in a sinusoidal valley ({@code height = 0.45 sin(3x) + 0.55}) and must reach the flag on
 * the right hill by rocking back and forth. Each step:
 * {@code v += (action - 1) * 0.001 + cos(3x) * (-0.0025)}, clipped to [-0.07, 0.07]; {@code x += v}, clipped to
 * [-1.2, 0.6]; hitting the left wall with negative velocity sets the velocity to 0 (an inelastic collision).
 *
 * <h2>Actions</h2>
 * {@code Discrete(3)}: 0 = accelerate left, 1 = do not accelerate, 2 = accelerate right.
 *
 * <h2>Observations</h2>
 * {@code Box(2)} of float32: position in [-1.2, 0.6], velocity in [-0.07, 0.07]. The state is kept in double
 * precision and cast to float at the end, as Gymnasium does.
 *
 * <h2>Rewards</h2>
 * -1 for every step.
 *
 * <h2>Episode end</h2>
 * Terminated when the position is at least 0.5 and the velocity at least {@code goal_velocity}. {@code MountainCar-v0}
 * truncates at 200 steps; it counts as solved at a mean return of -110. Episodes start at a position uniform in
 * [-0.6, -0.4) with velocity 0.
 *
 * <h2>Arguments</h2>
 * {@code goal_velocity} (0), as Gymnasium's keyword. Gymnasium's reset options {@code low}/{@code high} have no
 * counterpart; {@link #setState} starts an episode from any state instead.
 *
 * <h2>Version history</h2>
 * v0: Gymnasium's MountainCar-v0 (Gymnasium 1.3.0 dynamics, checked against trajectories recorded from Gymnasium).
 *
 * <p>{@code step} allocates the observation ({@code float[2]}) and the {@link Step}, nothing else.
 */
public final class MountainCar implements Env<float[], Integer>, Snapshotable, Renderable {

    public static final int LEFT = 0;
    public static final int NOOP = 1;
    public static final int RIGHT = 2;

    /** Action names, indexed by action. */
    public static final List<String> ACTION_NAMES = List.of("Left", "None", "Right");

    public static final double MIN_POSITION = -1.2;
    public static final double MAX_POSITION = 0.6;
    public static final double MAX_SPEED = 0.07;
    public static final double GOAL_POSITION = 0.5;
    static final double FORCE = 0.001;
    static final double GRAVITY = 0.0025;
    static final double RESET_LOW = -0.6;
    static final double RESET_HIGH = -0.4;

    private static final Map<String, Object> NO_INFO = Map.of();

    private final double goalVelocity;
    private final Box observationSpace = new Box(new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
            new float[] {(float) MAX_POSITION, (float) MAX_SPEED}, 2);
    private final Discrete actionSpace = new Discrete(3);
    private final Rng rng = new Rng(0);
    private boolean seeded;
    private boolean started;
    private double position;
    private double velocity;
    private int lastAction = -1;

    /** The standard MountainCar: the goal needs no minimum velocity. */
    public MountainCar() {
        this(0);
    }

    /** @param goalVelocity the velocity the car needs at the goal position to terminate */
    public MountainCar(double goalVelocity) {
        if (!Double.isFinite(goalVelocity)) {
            throw new IllegalArgumentException("MountainCar goal_velocity must be finite, got " + goalVelocity);
        }
        this.goalVelocity = goalVelocity;
    }

    /** Builds the environment from registry options ({@code goal_velocity}). */
    public static MountainCar fromOptions(Options o) {
        return new MountainCar(o.getDouble("goal_velocity"));
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
        position = RESET_LOW + (RESET_HIGH - RESET_LOW) * rng.nextDouble();
        velocity = 0;
        return Step.ofReset(begin(), NO_INFO);
    }

    private float[] begin() {
        started = true;
        lastAction = -1;
        return observation();
    }

    /**
     * Starts an episode from the given state, as a reset does but without touching the random stream: for
     * conformance tests (the start states recorded from Gymnasium) and for planning.
     *
     * @param state position and velocity
     * @return the observation of that state
     */
    public float[] setState(double... state) {
        if (state.length != 2) {
            throw new IllegalArgumentException("MountainCar state has 2 values (position, velocity), got " + state.length);
        }
        position = state[0];
        velocity = state[1];
        return begin();
    }

    /** The state in double precision: position and velocity. */
    public double[] state() {
        return new double[] {position, velocity};
    }

    @Override
    public Step<float[]> step(Integer action) {
        if (!started) {
            throw new IllegalStateException("MountainCar.step() called before reset(); call reset() or reset(seed) first");
        }
        if (action == null || action < 0 || action > 2) {
            throw new IllegalArgumentException(actionSpace.explainNotContained("action", action)
                    + " (0=LEFT 1=NONE 2=RIGHT)");
        }
        velocity = velocity + ((action - 1) * FORCE + Math.cos(3 * position) * (-GRAVITY));
        velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
        position = position + velocity;
        position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) {
            velocity = 0;
        }
        lastAction = action;
        boolean terminated = position >= GOAL_POSITION && velocity >= goalVelocity;
        return new Step<>(observation(), -1.0, terminated, false, NO_INFO);
    }

    private float[] observation() {
        return new float[] {(float) position, (float) velocity};
    }

    @Override
    public Space<float[]> observationSpace() {
        return observationSpace;
    }

    @Override
    public Space<Integer> actionSpace() {
        return actionSpace;
    }

    public double goalVelocity() {
        return goalVelocity;
    }

    /** The height of the hill at position {@code x}: {@code sin(3x) * 0.45 + 0.55}. */
    public static double height(double x) {
        return Math.sin(3 * x) * 0.45 + 0.55;
    }

    /**
     * Gymnasium's picture in world units (the screen's 600 px are the 1.8 units of track): the hill as 100 points,
     * the black car tilted by {@code cos(3x)} on two grey wheels, and the yellow flag at the goal.
     */
    @Override
    public Frame render() {
        double scale = 600 / (MAX_POSITION - MIN_POSITION); // pixels per world unit in Gymnasium's picture
        double[] curve = new double[200];
        for (int i = 0; i < 100; i++) {
            double x = MIN_POSITION + (MAX_POSITION - MIN_POSITION) * i / 99;
            curve[2 * i] = x;
            curve[2 * i + 1] = height(x);
        }
        List<ShapesFrame.Shape> shapes = new ArrayList<>();
        shapes.add(new ShapesFrame.Polyline(curve, 1, ShapesFrame.BLACK));
        double angle = Math.cos(3 * position);
        double carW = 40 / scale;
        double carH = 20 / scale;
        double baseY = 10 / scale + height(position);
        shapes.add(ShapesFrame.Polygon.rotatedBox(-carW / 2, carW / 2, 0, carH, angle, position, baseY,
                ShapesFrame.BLACK));
        for (double wx : new double[] {carW / 4, -carW / 4}) {
            shapes.add(new ShapesFrame.Circle(position + wx * Math.cos(angle), baseY + wx * Math.sin(angle),
                    8 / scale, ShapesFrame.rgb(128, 128, 128), true));
        }
        double flagY1 = height(GOAL_POSITION);
        double flagY2 = flagY1 + 50 / scale;
        shapes.add(new ShapesFrame.Line(GOAL_POSITION, flagY1, GOAL_POSITION, flagY2, 1, ShapesFrame.BLACK));
        shapes.add(new ShapesFrame.Polygon(new double[] {GOAL_POSITION, flagY2, GOAL_POSITION, flagY2 - 10 / scale,
                GOAL_POSITION + 25 / scale, flagY2 - 5 / scale}, ShapesFrame.rgb(204, 204, 0), true));
        String caption = lastAction < 0 ? "" : ACTION_NAMES.get(lastAction);
        return new ShapesFrame(MIN_POSITION, 0, MAX_POSITION, 400 / scale, ShapesFrame.WHITE, shapes, caption);
    }

    @Override
    public byte[] snapshot() {
        return new StateCodec.Writer("MountainCar").writeDouble(goalVelocity).writeBoolean(started)
                .writeDouble(position).writeDouble(velocity).writeInt(lastAction).writeBoolean(seeded)
                .writeLongs(rng.state()).toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        StateCodec.Reader in = new StateCodec.Reader(snapshot, "MountainCar");
        double goal = in.readDouble();
        if (Double.compare(goal, goalVelocity) != 0) {
            throw new IllegalArgumentException("snapshot is of MountainCar with goal_velocity=" + goal
                    + ", this environment has goal_velocity=" + goalVelocity);
        }
        boolean wasStarted = in.readBoolean();
        double p = in.readDouble();
        double v = in.readDouble();
        int last = in.readInt();
        boolean wasSeeded = in.readBoolean();
        long[] rngState = in.readLongs();
        in.end();
        if (last < -1 || last > 2) {
            throw new IllegalArgumentException("snapshot of MountainCar is corrupt: last action " + last);
        }
        rng.setState(rngState);
        started = wasStarted;
        position = p;
        velocity = v;
        lastAction = last;
        seeded = wasSeeded;
    }

    @Override
    public String toString() {
        return goalVelocity == 0 ? "MountainCar" : "MountainCar[goal_velocity=" + goalVelocity + "]";
    }

    @Override
    public List<String> actionNames() {
        return ACTION_NAMES;
    }
}
