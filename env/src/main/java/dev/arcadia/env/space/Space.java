package dev.arcadia.env.space;

import java.util.random.RandomGenerator;

/**
 * The set of valid observations or actions.
 *
 * @param <T> the Java type of the elements
 */
public interface Space<T> {

    /** True if {@code value} is an element of this space (of the right Java type, shape and range). */
    boolean contains(Object value);

    /** A uniformly (or, for unbounded boxes, sensibly) distributed element, drawn from {@code rng}. */
    T sample(RandomGenerator rng);

    /** The shape of an element: {@code []} for a scalar such as a Discrete element. */
    int[] shape();

    /**
     * Why {@code value} is not in this space, phrased for an error message, e.g.
     * {@code "action 7 is outside Discrete(4): expected an Integer in 0..3"}.
     */
    String explainNotContained(String what, Object value);

    /** Renders a value for messages: arrays element by element, others with their type. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof float[] f) {
            return "float" + java.util.Arrays.toString(f);
        }
        if (value instanceof double[] d) {
            return "double" + java.util.Arrays.toString(d);
        }
        if (value instanceof int[] i) {
            return "int" + java.util.Arrays.toString(i);
        }
        if (value instanceof String s) {
            return "\"" + s + "\" (String)";
        }
        return value + " (" + value.getClass().getSimpleName() + ")";
    }
}
