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
 * Acrobot, with the dynamics of Gymnasium 1.3's {@code AcrobotEnv} (Sutton, "Generalization in reinforcement
 * learning: successful examples using sparse coarse coding", NIPS 1995; Sutton and Barto's book).
 *
 * <h2>Description</h2>
 * Two links hang in a chain from a fixed pivot; the joint between them is actuated. Swing the free end above the
 * target height. Both links have length 1, mass 1, centre of mass at 0.5 and moment of inertia 1; gravity is 9.8.
 * One step integrates the book's equations of motion over 0.2 s with a single classic Runge-Kutta (RK4) step, as
 * Gymnasium's {@code rk4(_dsdt, s, [0, dt])}, in double precision and in Gymnasium's order of operations; then both
 * angles are wrapped into [-pi, pi] and the velocities clipped to [-4 pi, 4 pi] and [-9 pi, 9 pi].
 *
 * <h2>Actions</h2>
 * {@code Discrete(3)}: the torque on the actuated joint, 0 = -1, 1 = 0, 2 = +1.
 *
 * <h2>Observations</h2>
 * {@code Box(6)} of float32: {@code cos(theta1), sin(theta1), cos(theta2), sin(theta2)} in [-1, 1], the angular
 * velocities in [-4 pi, 4 pi] and [-9 pi, 9 pi]. {@code theta1} is the first link's angle from hanging straight
 * down, {@code theta2} the second link's angle relative to the first.
 *
 * <h2>Rewards</h2>
 * -1 for every step that does not reach the target, 0 for the step that does.
 *
 * <h2>Episode end</h2>
 * Terminated when {@code -cos(theta1) - cos(theta1 + theta2) > 1} (the free end is one link length above the pivot).
 * {@code Acrobot-v1} truncates at 500 steps; it counts as solved at a mean return of -100. Episodes start with all
 * four state variables uniform in [-0.1, 0.1), rounded to float32 as in Gymnasium.
 *
 * <h2>Arguments</h2>
 * {@code book_or_nips} ("book"): "nips" drops a term from the second link's acceleration, as the NIPS paper printed
 * it (in Gymnasium this is a class attribute rather than a keyword). Gymnasium's {@code torque_noise_max} attribute
 * (0) and reset options {@code low}/{@code high} have no counterpart; {@link #setState} starts an episode from any state.
 *
 * <h2>Version history</h2>
 * v1: Gymnasium's Acrobot-v1 (Gymnasium 1.3.0 dynamics, checked against trajectories recorded from Gymnasium).
 *
 * <p>{@code step} allocates the observation ({@code float[6]}) and the {@link Step}, nothing else: the Runge-Kutta
 * stages live in arrays owned by the environment.
 */
public final class Acrobot implements Env<float[], Integer>, Snapshotable, Renderable {

    /** Action names, indexed by action. */
    public static final List<String> ACTION_NAMES = List.of("Torque -1", "Torque 0", "Torque +1");

    static final double DT = 0.2;
    static final double LINK_LENGTH_1 = 1.0;
    static final double LINK_LENGTH_2 = 1.0;
    static final double LINK_MASS_1 = 1.0;
    static final double LINK_MASS_2 = 1.0;
    static final double LINK_COM_POS_1 = 0.5;
    static final double LINK_COM_POS_2 = 0.5;
    static final double LINK_MOI = 1.0;
    static final double G = 9.8;
    public static final double MAX_VEL_1 = 4 * Math.PI;
    public static final double MAX_VEL_2 = 9 * Math.PI;
    static final double[] AVAIL_TORQUE = {-1.0, 0.0, 1.0};
    static final double RESET_LOW = -0.1;
    static final double RESET_HIGH = 0.1;

    private static final Map<String, Object> NO_INFO = Map.of();

    private final boolean nips;
    private final Box observationSpace;
    private final Discrete actionSpace = new Discrete(3);
    private final Rng rng = new Rng(0);
    /** theta1, theta2, dtheta1, dtheta2. */
    private final double[] s = new double[4];
    /** Runge-Kutta scratch: the stage derivatives and the stage point, reused by every step. */
    private final double[] k1 = new double[4];
    private final double[] k2 = new double[4];
    private final double[] k3 = new double[4];
    private final double[] k4 = new double[4];
    private final double[] y = new double[4];
    private boolean seeded;
    private boolean started;
    private int lastAction = -1;

    /** The standard Acrobot, with the book's dynamics. */
    public Acrobot() {
        this(false);
    }

    /** @param nips use the NIPS paper's equation for the second link's acceleration instead of the book's */
    public Acrobot(boolean nips) {
        this.nips = nips;
        float[] high = {1, 1, 1, 1, (float) MAX_VEL_1, (float) MAX_VEL_2};
        float[] low = new float[6];
        for (int i = 0; i < 6; i++) {
            low[i] = -high[i];
        }
        this.observationSpace = new Box(low, high, 6);
    }

    /** Builds the environment from registry options ({@code book_or_nips}: "book" or "nips"). */
    public static Acrobot fromOptions(Options o) {
        String dynamics = o.getString("book_or_nips");
        if (!"book".equals(dynamics) && !"nips".equals(dynamics)) {
            throw new IllegalArgumentException("option 'book_or_nips' of Acrobot-v1: expected \"book\" or \"nips\", got "
                    + dev.arcadia.env.space.Space.describe(dynamics));
        }
        return new Acrobot("nips".equals(dynamics));
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
        for (int i = 0; i < 4; i++) {
            // Gymnasium draws in float64 and stores the start state as float32.
            s[i] = (float) (RESET_LOW + (RESET_HIGH - RESET_LOW) * rng.nextDouble());
        }
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
     * @param state theta1, theta2, dtheta1, dtheta2 (taken as they are: neither wrapped nor clipped)
     * @return the observation of that state
     */
    public float[] setState(double... state) {
        if (state.length != 4) {
            throw new IllegalArgumentException("Acrobot state has 4 values (theta1, theta2, dtheta1, dtheta2), got "
                    + state.length);
        }
        System.arraycopy(state, 0, s, 0, 4);
        return begin();
    }

    /** The state in double precision: theta1, theta2, dtheta1, dtheta2. */
    public double[] state() {
        return s.clone();
    }

    @Override
    public Step<float[]> step(Integer action) {
        if (!started) {
            throw new IllegalStateException("Acrobot.step() called before reset(); call reset() or reset(seed) first");
        }
        if (action == null || action < 0 || action > 2) {
            throw new IllegalArgumentException(actionSpace.explainNotContained("action", action)
                    + " (0=TORQUE-1 1=TORQUE0 2=TORQUE+1)");
        }
        double torque = AVAIL_TORQUE[action];
        // One RK4 step over [0, DT], stage by stage as Gymnasium's rk4 (the torque rides along with derivative 0).
        double dt2 = DT / 2.0;
        dsdt(s, torque, k1);
        for (int i = 0; i < 4; i++) {
            y[i] = s[i] + dt2 * k1[i];
        }
        dsdt(y, torque, k2);
        for (int i = 0; i < 4; i++) {
            y[i] = s[i] + dt2 * k2[i];
        }
        dsdt(y, torque, k3);
        for (int i = 0; i < 4; i++) {
            y[i] = s[i] + DT * k3[i];
        }
        dsdt(y, torque, k4);
        for (int i = 0; i < 4; i++) {
            s[i] = s[i] + DT / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        s[0] = wrap(s[0], -Math.PI, Math.PI);
        s[1] = wrap(s[1], -Math.PI, Math.PI);
        s[2] = bound(s[2], -MAX_VEL_1, MAX_VEL_1);
        s[3] = bound(s[3], -MAX_VEL_2, MAX_VEL_2);
        lastAction = action;
        boolean terminated = -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1.0;
        return new Step<>(observation(), terminated ? 0.0 : -1.0, terminated, false, NO_INFO);
    }

    /** Gymnasium's {@code _dsdt}: the time derivative of (theta1, theta2, dtheta1, dtheta2) under torque {@code a}. */
    private void dsdt(double[] st, double a, double[] out) {
        double m1 = LINK_MASS_1;
        double m2 = LINK_MASS_2;
        double l1 = LINK_LENGTH_1;
        double lc1 = LINK_COM_POS_1;
        double lc2 = LINK_COM_POS_2;
        double i1 = LINK_MOI;
        double i2 = LINK_MOI;
        double theta1 = st[0];
        double theta2 = st[1];
        double dtheta1 = st[2];
        double dtheta2 = st[3];
        double cos2 = Math.cos(theta2);
        double sin2 = Math.sin(theta2);
        double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2;
        double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2;
        double phi2 = m2 * lc2 * G * Math.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin2
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
                + (m1 * lc1 + m2 * l1) * G * Math.cos(theta1 - Math.PI / 2)
                + phi2;
        double ddtheta2;
        if (nips) {
            ddtheta2 = (a + d2 / d1 * phi1 - phi2) / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
        } else {
            ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin2 - phi2)
                    / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
        }
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        out[0] = dtheta1;
        out[1] = dtheta2;
        out[2] = ddtheta1;
        out[3] = ddtheta2;
    }

    /** Gymnasium's {@code wrap}: shifts x by whole periods {@code M - m} until it lies in [m, M]. */
    static double wrap(double x, double m, double big) {
        double diff = big - m;
        while (x > big) {
            x = x - diff;
        }
        while (x < m) {
            x = x + diff;
        }
        return x;
    }

    /** Gymnasium's {@code bound}: {@code min(max(x, m), M)}. */
    static double bound(double x, double m, double big) {
        return Math.min(Math.max(x, m), big);
    }

    private float[] observation() {
        return new float[] {(float) Math.cos(s[0]), (float) Math.sin(s[0]), (float) Math.cos(s[1]),
                (float) Math.sin(s[1]), (float) s[2], (float) s[3]};
    }

    @Override
    public Space<float[]> observationSpace() {
        return observationSpace;
    }

    @Override
    public Space<Integer> actionSpace() {
        return actionSpace;
    }

    /** True when the NIPS paper's dynamics are used instead of the book's. */
    public boolean nips() {
        return nips;
    }

    /**
     * Gymnasium's picture in world units (the pivot at the origin, 2.2 units to each side): the target line at
     * height 1, both links as 0.2-wide cyan bars and the joints as yellow discs.
     */
    @Override
    public Frame render() {
        double x1 = LINK_LENGTH_1 * Math.sin(s[0]);
        double y1 = -LINK_LENGTH_1 * Math.cos(s[0]);
        int link = ShapesFrame.rgb(0, 204, 204);
        int joint = ShapesFrame.rgb(204, 204, 0);
        List<ShapesFrame.Shape> shapes = List.of(
                new ShapesFrame.Line(-2.2, 1, 2.2, 1, 1, ShapesFrame.BLACK),
                ShapesFrame.Polygon.rotatedBox(0, LINK_LENGTH_1, -0.1, 0.1, s[0] - Math.PI / 2, 0, 0, link),
                new ShapesFrame.Circle(0, 0, 0.1, joint, true),
                ShapesFrame.Polygon.rotatedBox(0, LINK_LENGTH_2, -0.1, 0.1, s[0] + s[1] - Math.PI / 2, x1, y1, link),
                new ShapesFrame.Circle(x1, y1, 0.1, joint, true));
        String caption = lastAction < 0 ? "" : ACTION_NAMES.get(lastAction);
        double bound = LINK_LENGTH_1 + LINK_LENGTH_2 + 0.2;
        return new ShapesFrame(-bound, -bound, bound, bound, ShapesFrame.WHITE, shapes, caption);
    }

    @Override
    public byte[] snapshot() {
        return new StateCodec.Writer("Acrobot").writeBoolean(nips).writeBoolean(started)
                .writeDouble(s[0]).writeDouble(s[1]).writeDouble(s[2]).writeDouble(s[3])
                .writeInt(lastAction).writeBoolean(seeded).writeLongs(rng.state()).toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        StateCodec.Reader in = new StateCodec.Reader(snapshot, "Acrobot");
        boolean n = in.readBoolean();
        if (n != nips) {
            throw new IllegalArgumentException("snapshot is of Acrobot with book_or_nips=" + (n ? "nips" : "book")
                    + ", this environment has book_or_nips=" + (nips ? "nips" : "book"));
        }
        boolean wasStarted = in.readBoolean();
        double[] st = {in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()};
        int last = in.readInt();
        boolean wasSeeded = in.readBoolean();
        long[] rngState = in.readLongs();
        in.end();
        if (last < -1 || last > 2) {
            throw new IllegalArgumentException("snapshot of Acrobot is corrupt: last action " + last);
        }
        rng.setState(rngState);
        started = wasStarted;
        System.arraycopy(st, 0, s, 0, 4);
        lastAction = last;
        seeded = wasSeeded;
    }

    @Override
    public String toString() {
        return nips ? "Acrobot[nips]" : "Acrobot";
    }

    @Override
    public List<String> actionNames() {
        return ACTION_NAMES;
    }
}
