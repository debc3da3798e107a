package dev.arcadia.env;

import java.util.List;
import java.util.Map;

/**
 * The default registry: every environment contributed by an {@link EnvProvider} on the class path, found once on
 * first use. {@code Envs.make("FrozenLake-v1", Map.of("is_slippery", false))} is the usual way to get an environment.
 * This is the single global entry point; code that needs its own set of environments builds an {@link EnvRegistry}.
 */
public final class Envs {

    private Envs() {
    }

    private static final class Holder {
        static final EnvRegistry DEFAULT = EnvRegistry.discover();
    }

    /** The default registry. */
    public static EnvRegistry registry() {
        return Holder.DEFAULT;
    }

    /** {@link EnvRegistry#make(String, Map)} on the default registry. */
    public static <O, A> Env<O, A> make(String id, Map<String, ?> options) {
        return Holder.DEFAULT.make(id, options);
    }

    /** {@link EnvRegistry#make(String)} on the default registry. */
    public static <O, A> Env<O, A> make(String id) {
        return Holder.DEFAULT.make(id);
    }

    /** Every registered id, sorted. */
    public static List<String> ids() {
        return Holder.DEFAULT.ids();
    }
}
