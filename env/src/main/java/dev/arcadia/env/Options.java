package dev.arcadia.env;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyword options an environment is made with (Gymnasium's kwargs): the spec's defaults overlaid with the
 * caller's values. Values may come from Java ({@code Boolean}, {@code Integer}, {@code List<String>}) or from a
 * JSON config (numbers as {@code Double}, arrays as {@code List}); the typed getters accept both and fail with the
 * option name, the actual value and the expected type.
 */
public final class Options {

    private final String owner;
    private final Map<String, Object> values;

    public Options(String owner, Map<String, ?> values) {
        this.owner = owner;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The options as a map (unmodifiable, may contain null values). */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    private IllegalArgumentException wrong(String name, Object v, String expected) {
        return new IllegalArgumentException("option '" + name + "' of " + owner + ": expected " + expected + ", got "
                + dev.arcadia.env.space.Space.describe(v));
    }

    public boolean getBoolean(String name) {
        Object v = values.get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(name, v, "true or false");
    }

    public double getDouble(String name) {
        Object v = values.get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(name, v, "a number");
    }

    public long getLong(String name) {
        Object v = values.get(name);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw wrong(name, v, "an integer");
    }

    public int getInt(String name) {
        long v = getLong(name);
        if (v != (int) v) {
            throw wrong(name, values.get(name), "an integer in int range");
        }
        return (int) v;
    }

    /** The string value, or null if the option is null. */
    public String getString(String name) {
        Object v = values.get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrong(name, v, "a string");
    }

    /** A list of strings (for example map rows), or null if the option is null. */
    public List<String> getStringList(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof String[] a) {
            return List.of(a);
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw wrong(name, v, "a list of strings");
                }
                out.add(s);
            }
            return List.copyOf(out);
        }
        throw wrong(name, v, "a list of strings");
    }

    /** A list of numbers, or null if the option is null. */
    public double[] getDoubles(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof double[] d) {
            return d.clone();
        }
        if (v instanceof List<?> list) {
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw wrong(name, v, "a list of numbers");
                }
                out[i] = n.doubleValue();
            }
            return out;
        }
        throw wrong(name, v, "a list of numbers");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
