package dev.arcadia.nets;

import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A plugin network family, registered by name through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.arcadia.nets.NetworkFactory}) and built by {@link Networks#create}.
 */
public interface NetworkFactory {

    /** The name configs use, e.g. {@code "mlp"}. */
    String name();

    /** One line on what it builds. */
    String description();

    /** The options it accepts with their defaults (other names are rejected with a suggestion). */
    Map<String, Object> defaults();

    /**
     * Builds a network for inputs of {@code inputShape} (without the batch dimension) with {@code outputs} outputs.
     *
     * @param options the defaults overlaid with the caller's options (validated names)
     */
    Network create(int[] inputShape, int outputs, Map<String, Object> options, RandomGenerator rng);

    /** Option names, for messages. */
    default Set<String> optionNames() {
        return defaults().keySet();
    }
}
