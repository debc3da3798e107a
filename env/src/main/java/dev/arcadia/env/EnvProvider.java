package dev.arcadia.env;

import java.util.List;

/**
 * A plugin that contributes environments. Implementations are listed in
 * {@code META-INF/services/dev.arcadia.env.EnvProvider} and found by {@link java.util.ServiceLoader}; this is how
 * the default registry behind {@link Envs} learns every environment on the class path.
 */
public interface EnvProvider {

    /** The specs this provider registers. */
    List<EnvSpec> specs();
}
