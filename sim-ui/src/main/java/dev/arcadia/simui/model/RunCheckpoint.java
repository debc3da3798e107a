package dev.arcadia.simui.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.arcadia.agents.Agent;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.experiments.config.AgentCatalog;
import dev.arcadia.experiments.config.ConfigException;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.experiments.run.Seeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * An agent restored from a run directory's checkpoint ({@code checkpoints/seed-I/episode-N/agent}), built as the
 * runner built it: the run's {@code config.json}, {@code AgentCatalog.bind(config.agent).create(env, agentSeed)}, then
 * {@link Agent#load}. The environment to watch it in is made from the same config, and is reset with the seed's
 * evaluation stream.
 *
 * @param runDir     the run directory
 * @param config     its resolved config
 * @param seedIndex  which seeded run
 * @param episode    the checkpoint's episode
 * @param checkpoint the checkpoint directory
 * @param env        a fresh environment of the run's id and options
 * @param agent      the restored agent
 * @param envSeed    the seed to reset {@code env} with (the run's evaluation seed)
 */
public record RunCheckpoint(Path runDir, ExperimentConfig config, int seedIndex, long episode, Path checkpoint,
                            Env<Object, Object> env, Agent<Object, Object> agent, long envSeed) {

    /** Reads a run directory's {@code config.json}. */
    public static ExperimentConfig readConfig(Path runDir) {
        Path file = runDir.resolve("config.json");
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException(runDir + " is not a directory");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(runDir + " is not an Arcadia run directory: it has no config.json");
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            return ExperimentConfig.fromJson(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The episodes of the complete checkpoints of a seed, ascending. */
    public static List<Long> episodes(Path runDir, int seedIndex) {
        Path dir = runDir.resolve("checkpoints").resolve("seed-" + seedIndex);
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().matches("episode-\\d+"))
                    .filter(p -> Files.isRegularFile(p.resolve("agent")))
                    .map(p -> Long.parseLong(p.getFileName().toString().substring(8)))
                    .sorted(Comparator.naturalOrder())
                    .forEach(out::add);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Restores the agent of seed {@code seedIndex} from its latest checkpoint, or from episode {@code episode}.
     *
     * @throws IllegalArgumentException with what is missing or wrong (no such run, no checkpoints, a corrupt agent)
     */
    @SuppressWarnings("unchecked")
    public static RunCheckpoint load(Path runDir, int seedIndex, OptionalLong episode) {
        ExperimentConfig config = readConfig(runDir);
        if (seedIndex < 0 || seedIndex >= config.seeds) {
            throw new IllegalArgumentException(runDir + " has seeds 0.." + (config.seeds - 1) + ", not " + seedIndex);
        }
        List<Long> available = episodes(runDir, seedIndex);
        if (available.isEmpty()) {
            throw new IllegalArgumentException(runDir + " has no checkpoints of seed " + seedIndex
                    + " (checkpoints/seed-" + seedIndex + "/episode-N/agent); train with \"train\": {\"checkpointEvery\": N}"
                    + " to write them");
        }
        long ep = episode.isPresent() ? episode.getAsLong() : available.get(available.size() - 1);
        if (!available.contains(ep)) {
            throw new IllegalArgumentException(runDir + " has no checkpoint of seed " + seedIndex + " at episode " + ep
                    + "; available: " + available);
        }
        Path checkpoint = runDir.resolve("checkpoints").resolve("seed-" + seedIndex).resolve("episode-" + ep);
        Env<Object, Object> env = Envs.make(config.env.id, config.env.options);
        long run = Seeds.run(config.seed, seedIndex);
        Agent<Object, Object> agent;
        try {
            agent = (Agent<Object, Object>) AgentCatalog.bind(config.agent, "$.agent").create(env, Seeds.child(run, Seeds.AGENT));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(runDir.resolve("config.json") + ": " + e.getMessage(), e);
        }
        try {
            agent.load(checkpoint.resolve("agent"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load the agent of " + checkpoint + ": " + e.getMessage(), e);
        }
        return new RunCheckpoint(runDir, config, seedIndex, ep, checkpoint, env, agent, Seeds.child(run, Seeds.EVAL));
    }
}
