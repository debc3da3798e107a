package dev.arcadia.env.space;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A box in R^n of {@code float} values, stored flat in row-major order, as Gymnasium's {@code Box(low, high, shape)}.
 * Bounds may be infinite; sampling then follows Gymnasium: normal on unbounded coordinates, shifted exponential on
 * half-bounded ones, uniform on bounded ones.
 */
public final class Box implements Space<float[]> {

    private final float[] low;
    private final float[] high;
    private final int[] shape;

    public Box(float[] low, float[] high, int... shape) {
        int size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("Box shape must be positive, got " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (low.length != size || high.length != size) {
            throw new IllegalArgumentException("Box bounds must have " + size + " elements for shape "
                    + Arrays.toString(shape) + ", got low " + low.length + " and high " + high.length);
        }
        for (int i = 0; i < size; i++) {
            if (Float.isNaN(low[i]) || Float.isNaN(high[i]) || low[i] > high[i]) {
                throw new IllegalArgumentException("Box bound " + i + " is invalid: low=" + low[i] + ", high="
                        + high[i] + "; expected low <= high and no NaN");
            }
        }
        this.low = low.clone();
        this.high = high.clone();
        this.shape = shape.clone();
    }

    /** A box with the same bounds on every coordinate. */
    public static Box uniform(float low, float high, int... shape) {
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] lo = new float[size];
        float[] hi = new float[size];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new Box(lo, hi, shape);
    }

    public float[] low() {
        return low.clone();
    }

    public float[] high() {
        return high.clone();
    }

    /** Number of coordinates. */
    public int size() {
        return low.length;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof float[] x) || x.length != low.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= low[i] && x[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public float[] sample(RandomGenerator rng) {
        float[] x = new float[low.length];
        for (int i = 0; i < x.length; i++) {
            boolean lowBounded = low[i] != Float.NEGATIVE_INFINITY;
            boolean highBounded = high[i] != Float.POSITIVE_INFINITY;
            double v;
            if (lowBounded && highBounded) {
                v = low[i] + (double) (high[i] - low[i]) * rng.nextDouble();
            } else if (lowBounded) {
                v = low[i] + rng.nextExponential();
            } else if (highBounded) {
                v = high[i] - rng.nextExponential();
            } else {
                v = rng.nextGaussian();
            }
            x[i] = (float) Math.min(Math.max(v, low[i]), high[i]);
        }
        return x;
    }

    @Override
    public String explainNotContained(String what, Object value) {
        if (!(value instanceof float[] x)) {
            return what + " " + Space.describe(value) + " is not in " + this + ": expected a float[" + low.length + "]";
        }
        if (x.length != low.length) {
            return what + " has " + x.length + " elements, expected " + low.length + " for " + this;
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= low[i] && x[i] <= high[i])) {
                return what + " element " + i + " = " + x[i] + " is outside [" + low[i] + ", " + high[i] + "] of " + this;
            }
        }
        return what + " is in " + this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high)
                && Arrays.equals(shape, b.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "Box" + Arrays.toString(shape);
    }
}
