package dev.arcadia.nets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/** The plugin network families found on the class path, by name (the single global entry point of this module). */
public final class Networks {

    private Networks() {
    }

    private static final class Holder {
        static final Map<String, NetworkFactory> FACTORIES = discover();

        private static Map<String, NetworkFactory> discover() {
            Map<String, NetworkFactory> map = new TreeMap<>();
            for (NetworkFactory f : ServiceLoader.load(NetworkFactory.class)) {
                if (map.putIfAbsent(f.name(), f) != null) {
                    throw new IllegalStateException("two network factories are named '" + f.name() + "'");
                }
            }
            return Collections.unmodifiableMap(map);
        }
    }

    /** Every registered name, sorted. */
    public static List<String> names() {
        return List.copyOf(Holder.FACTORIES.keySet());
    }

    public static NetworkFactory factory(String name) {
        NetworkFactory f = Holder.FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown network '" + name + "'" + suggest(name, Holder.FACTORIES.keySet())
                    + "; registered: " + String.join(", ", Holder.FACTORIES.keySet()));
        }
        return f;
    }

    /**
     * Builds network {@code name} with {@code options} over its defaults.
     *
     * @throws IllegalArgumentException for an unknown name or option (with the closest names)
     */
    public static Network create(String name, int[] inputShape, int outputs, Map<String, ?> options, RandomGenerator rng) {
        NetworkFactory f = factory(name);
        Map<String, Object> merged = new LinkedHashMap<>(f.defaults());
        for (Map.Entry<String, ?> e : options.entrySet()) {
            if (!f.defaults().containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown option '" + e.getKey() + "' for network " + name
                        + suggest(e.getKey(), f.optionNames()) + "; accepted: " + String.join(", ", f.optionNames()));
            }
            merged.put(e.getKey(), e.getValue());
        }
        return f.create(inputShape.clone(), outputs, Collections.unmodifiableMap(merged), rng);
    }

    private static String suggest(String name, java.util.Collection<String> candidates) {
        List<String> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt(c -> distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT))));
        if (sorted.isEmpty() || distance(name.toLowerCase(Locale.ROOT), sorted.get(0).toLowerCase(Locale.ROOT)) > Math.max(2, name.length() / 2)) {
            return "";
        }
        return " (did you mean '" + sorted.get(0) + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
