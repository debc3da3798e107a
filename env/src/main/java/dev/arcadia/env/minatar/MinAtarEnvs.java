package dev.arcadia.env.minatar;

import dev.arcadia.env.EnvProvider;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Options;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Registers the five MinAtar games under MinAtar's own Gymnasium ids: {@code MinAtar/<Game>-v0} with all six actions
 * and {@code MinAtar/<Game>-v1} with the game's minimal action set, for Asterix, Breakout, Freeway, Seaquest and
 * SpaceInvaders. Options, as MinAtar's keywords: {@code sticky_action_prob} (0.1), {@code difficulty_ramping} (true)
 * and {@code use_minimal_action_set} (false for v0, true for v1). As in MinAtar's registration there is no time limit
 * (Freeway ends itself after 2,501 frames) and no reward threshold.
 */
public final class MinAtarEnvs implements EnvProvider {

    private static Map<String, Object> defaults(boolean minimal) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sticky_action_prob", 0.1);
        d.put("difficulty_ramping", true);
        d.put("use_minimal_action_set", minimal);
        return d;
    }

    @Override
    public List<EnvSpec> specs() {
        List<EnvSpec> specs = new ArrayList<>();
        add(specs, "Asterix", Asterix::fromOptions, "move among enemies and pick up gold");
        add(specs, "Breakout", Breakout::fromOptions, "bounce a ball off a paddle to break bricks");
        add(specs, "Freeway", Freeway::fromOptions, "cross eight lanes of traffic, 2,501 frames");
        add(specs, "Seaquest", Seaquest::fromOptions, "shoot enemies, rescue divers, surface for oxygen");
        add(specs, "SpaceInvaders", SpaceInvaders::fromOptions, "shoot a marching block of aliens");
        return specs;
    }

    private static void add(List<EnvSpec> specs, String game, Function<Options, MinAtarGame> factory, String what) {
        specs.add(new EnvSpec("MinAtar/" + game + "-v0", factory::apply, defaults(false), 0, Double.NaN,
                "MinAtar " + game + ", " + what + "; all six actions"));
        specs.add(new EnvSpec("MinAtar/" + game + "-v1", factory::apply, defaults(true), 0, Double.NaN,
                "MinAtar " + game + ", " + what + "; minimal action set"));
    }
}
