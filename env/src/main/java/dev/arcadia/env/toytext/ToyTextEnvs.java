package dev.arcadia.env.toytext;

import dev.arcadia.env.EnvProvider;
import dev.arcadia.env.EnvSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registers the toy-text environments: {@code FrozenLake-v1} (4x4, 100 steps) and {@code FrozenLake8x8-v1} (200). */
public final class ToyTextEnvs implements EnvProvider {

    private static Map<String, Object> frozenLakeDefaults(String mapName) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("desc", null);
        d.put("map_name", mapName);
        d.put("is_slippery", true);
        d.put("success_rate", 1.0 / 3.0);
        d.put("reward_schedule", Arrays.asList(1.0, 0.0, 0.0));
        d.put("map_size", 8);
        d.put("map_p", 0.8);
        d.put("map_seed", 0L);
        return d;
    }

    @Override
    public List<EnvSpec> specs() {
        return List.of(
                new EnvSpec("FrozenLake-v1", FrozenLake::fromOptions, frozenLakeDefaults("4x4"), 100, 0.70,
                        "FrozenLake, 4x4 map, slippery by default, 100-step limit"),
                new EnvSpec("FrozenLake8x8-v1", FrozenLake::fromOptions, frozenLakeDefaults("8x8"), 200, 0.85,
                        "FrozenLake, 8x8 map, slippery by default, 200-step limit"));
    }
}
