package dev.arcadia.env;

import dev.arcadia.env.util.Suggestions;
import dev.arcadia.env.wrappers.EpisodeStatistics;
import dev.arcadia.env.wrappers.OrderEnforcing;
import dev.arcadia.env.wrappers.PassiveEnvChecker;
import dev.arcadia.env.wrappers.TimeLimit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * A set of environment specs, and {@link #make} which builds an environment with the standard wrapper stack:
 * {@code EpisodeStatistics<OrderEnforcing<TimeLimit<PassiveEnvChecker<env>>>>}. Order enforcing sits outside the
 * time limit (unlike Gymnasium) so that stepping after a truncated episode is caught too.
 */
public final class EnvRegistry {

    /** Option names handled by {@link #make} itself rather than the environment. */
    public static final String MAX_EPISODE_STEPS = "max_episode_steps";

    private final Map<String, EnvSpec> specs = new TreeMap<>();

    /** An empty registry. */
    public EnvRegistry() {
    }

    /** A registry with every environment that the {@link EnvProvider}s on the class path contribute. */
    public static EnvRegistry discover() {
        EnvRegistry registry = new EnvRegistry();
        for (EnvProvider provider : ServiceLoader.load(EnvProvider.class)) {
            provider.specs().forEach(registry::register);
        }
        return registry;
    }

    /** Adds a spec; an id can be registered once. */
    public synchronized void register(EnvSpec spec) {
        if (specs.putIfAbsent(spec.id(), spec) != null) {
            throw new IllegalArgumentException("environment id '" + spec.id() + "' is already registered");
        }
    }

    /** Every registered id, sorted. */
    public synchronized List<String> ids() {
        return List.copyOf(specs.keySet());
    }

    public synchronized Optional<EnvSpec> find(String id) {
        return Optional.ofNullable(specs.get(id));
    }

    /**
     * The spec of {@code id}.
     *
     * @throws IllegalArgumentException naming the closest registered ids or the registered versions
     */
    public synchronized EnvSpec spec(String id) {
        EnvSpec spec = specs.get(id);
        if (spec != null) {
            return spec;
        }
        String base = EnvSpec.baseName(id);
        List<String> versions = new ArrayList<>();
        for (EnvSpec s : specs.values()) {
            if (s.name().equals(base)) {
                versions.add(s.id());
            }
        }
        if (!versions.isEmpty()) {
            throw new IllegalArgumentException("environment '" + id + "' is not registered; registered versions of "
                    + base + ": " + String.join(", ", versions));
        }
        String hint = Suggestions.didYouMean(id, specs.keySet());
        throw new IllegalArgumentException("unknown environment id '" + id + "'" + hint
                + (hint.isEmpty() ? "; registered ids: " + String.join(", ", specs.keySet()) : ""));
    }

    /** {@link #make(String, Map)} with default options. */
    public <O, A> Env<O, A> make(String id) {
        return make(id, Map.of());
    }

    /**
     * Builds {@code id} with {@code options} over its defaults, wrapped in the standard stack.
     * The reserved option {@value #MAX_EPISODE_STEPS} overrides the spec's time limit (0 removes it).
     * The observation and action types are those of the registered environment (the caller's assignment
     * states them; a mismatch surfaces as a ClassCastException at first use).
     *
     * @throws IllegalArgumentException for an unknown id or option, or a bad option value
     */
    @SuppressWarnings("unchecked")
    public <O, A> Env<O, A> make(String id, Map<String, ?> options) {
        EnvSpec spec = spec(id);
        Map<String, Object> merged = new LinkedHashMap<>(spec.defaults());
        int limit = spec.maxEpisodeSteps();
        for (Map.Entry<String, ?> e : options.entrySet()) {
            String name = e.getKey();
            if (name.equals(MAX_EPISODE_STEPS)) {
                limit = new Options(id, options).getInt(MAX_EPISODE_STEPS);
                if (limit < 0) {
                    throw new IllegalArgumentException("option '" + MAX_EPISODE_STEPS + "' of " + id
                            + ": expected an integer >= 0 (0 = no limit), got " + limit);
                }
            } else if (!spec.defaults().containsKey(name)) {
                List<String> known = new ArrayList<>(spec.defaults().keySet());
                known.add(MAX_EPISODE_STEPS);
                throw new IllegalArgumentException("unknown option '" + name + "' for " + id
                        + Suggestions.didYouMean(name, known) + "; accepted options: " + String.join(", ", known));
            } else {
                merged.put(name, e.getValue());
            }
        }
        Env<O, A> raw = (Env<O, A>) spec.factory().apply(new Options(id, Collections.unmodifiableMap(merged)));
        Env<O, A> env = new PassiveEnvChecker<>(raw, spec);
        if (limit > 0) {
            env = new TimeLimit<>(env, limit);
        }
        return new EpisodeStatistics<>(new OrderEnforcing<>(env));
    }
}
