package dev.arcadia.env.space;

import java.util.random.RandomGenerator;

/**
 * The integers {@code start, start + 1, ..., start + n - 1}, as Gymnasium's {@code Discrete(n, start)}.
 *
 * @param n     number of elements, at least 1
 * @param start the smallest element
 */
public record Discrete(int n, int start) implements Space<Integer> {

    private static final int[] SCALAR = new int[0];

    public Discrete {
        if (n <= 0) {
            throw new IllegalArgumentException("Discrete needs n >= 1, got n=" + n);
        }
    }

    public Discrete(int n) {
        this(n, 0);
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof Integer i && i >= start && i - start < n;
    }

    /** Primitive membership test, for hot paths. */
    public boolean contains(int value) {
        return value >= start && value - start < n;
    }

    @Override
    public Integer sample(RandomGenerator rng) {
        return start + rng.nextInt(n);
    }

    @Override
    public int[] shape() {
        return SCALAR;
    }

    @Override
    public String explainNotContained(String what, Object value) {
        return what + " " + Space.describe(value) + " is outside " + this + ": expected an Integer in "
                + start + ".." + (start + n - 1);
    }

    @Override
    public String toString() {
        return start == 0 ? "Discrete(" + n + ")" : "Discrete(" + n + ", start=" + start + ")";
    }
}
