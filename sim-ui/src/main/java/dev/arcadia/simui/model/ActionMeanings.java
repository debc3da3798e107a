package dev.arcadia.simui.model;

import dev.arcadia.env.Env;
import dev.arcadia.env.space.Discrete;
import java.util.List;
import java.util.Optional;

/**
 * The names of an environment's discrete actions, from {@link Env#actionNames()}. Nothing here names an environment;
 * an environment without names simply has none, and its key map follows its action space.
 */
public final class ActionMeanings {

    private ActionMeanings() {
    }

    /** The action names, one per action of the {@code Discrete} action space, or empty. */
    public static Optional<List<String>> of(Env<?, ?> env) {
        if (!((Object) env.actionSpace() instanceof Discrete d)) {
            return Optional.empty();
        }
        List<String> names = env.actionNames();
        return names.size() == d.n() ? Optional.of(names) : Optional.empty();
    }
}
