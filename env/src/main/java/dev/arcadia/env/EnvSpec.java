package dev.arcadia.env;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registered environment: a versioned id ({@code Name-vN}, optionally with a namespace {@code ns/Name-vN}), the
 * factory, the options it accepts with their defaults, and the standard episode limit.
 *
 * @param id              versioned id, e.g. {@code FrozenLake-v1}
 * @param factory         builds the raw environment from the resolved options
 * @param defaults        every accepted option with its default (null allowed); other names are rejected
 * @param maxEpisodeSteps time limit applied by {@link EnvRegistry#make}, or 0 for none
 * @param rewardThreshold the return at which the task counts as solved, or NaN if none
 * @param summary         one line describing the environment
 */
public record EnvSpec(String id, Function<Options, Env<?, ?>> factory, Map<String, Object> defaults,
                      int maxEpisodeSteps, double rewardThreshold, String summary) {

    private static final Pattern ID = Pattern.compile("(?:([A-Za-z0-9_.-]+)/)?([A-Za-z0-9_.-]+?)-v(\\d+)");

    public EnvSpec {
        Objects.requireNonNull(factory, "factory");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("environment id '" + id + "' is not versioned; expected Name-vN, e.g. FrozenLake-v1");
        }
        if (maxEpisodeSteps < 0) {
            throw new IllegalArgumentException("maxEpisodeSteps must be >= 0, got " + maxEpisodeSteps);
        }
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /** The id without its version suffix, e.g. {@code FrozenLake} for {@code FrozenLake-v1}. */
    public String name() {
        return baseName(id);
    }

    /** The version number, e.g. 1 for {@code FrozenLake-v1}. */
    public int version() {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            throw new IllegalStateException(id);
        }
        return Integer.parseInt(m.group(3));
    }

    /** The name part of any versioned id (namespace kept), or the id itself if it has no version. */
    static String baseName(String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return id;
        }
        return m.group(1) == null ? m.group(2) : m.group(1) + "/" + m.group(2);
    }
}
