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
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An agent restored from a run directory's checkpoint ({@code checkpoints/seed-I/episode-N/agent} of a run with one
 * environment, {@code checkpoints/seed-I/step-N/agent} of a policy-gradient run), built as the runner built it: the
 * run's {@code config.json}, {@code AgentCatalog.bind(config.agent).create(env, agentSeed)}, then
 * {@link Agent#load}. The environment to watch it in is made from the same config, and is reset with the seed's
 * evaluation stream.
 *
 * @param runDir     the run directory
 * @param config     its resolved config
 * @param seedIndex  which seeded run
 * @param kind       what the checkpoint's number counts: "episode" or "step"
 * @param at         the checkpoint's episode or step
 * @param checkpoint the checkpoint directory
 * @param env        a fresh environment of the run's id and options
 * @param agent      the restored agent
 * @param envSeed    the seed to reset {@code env} with (the run's evaluation seed)
 */
public record RunCheckpoint(Path runDir, ExperimentConfig config, int seedIndex, String kind, long at, Path checkpoint,
                            Env<Object, Object> env, Agent<Object, Object> agent, long envSeed) {

    /** Checkpoint directory names: what the number counts, then the number. */
    private static final Pattern NAME = Pattern.compile("(episode|step)-(\\d+)");

    /** Where the checkpoint stands, such as "episode 300" or "step 20480". */
    public String label() {
        return kind + " " + at;
    }

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

    /**
     * The checkpoints of a seed, oldest first: directories {@code episode-N} or {@code step-N} holding an agent (the
     * runners rename complete checkpoints into place, so their temporary directories are never listed).
     */
    public static List<Path> list(Path runDir, int seedIndex) {
        Path dir = runDir.resolve("checkpoints").resolve("seed-" + seedIndex);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.exists(p.resolve("agent")))
                    .sorted(Comparator.comparingLong(RunCheckpoint::number))
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** N of a checkpoint directory {@code episode-N} or {@code step-N}. */
    public static long number(Path checkpoint) {
        Matcher m = NAME.matcher(checkpoint.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(checkpoint + " is not a checkpoint directory (episode-N or step-N)");
        }
        return Long.parseLong(m.group(2));
    }

    /**
     * Restores the agent of seed {@code seedIndex} from its latest checkpoint, or from the one at episode (or step)
     * {@code at}.
     *
     * @throws IllegalArgumentException with what is missing or wrong (no such run, no checkpoints, a corrupt agent)
     */
    public static RunCheckpoint load(Path runDir, int seedIndex, OptionalLong at) {
        ExperimentConfig config = readConfig(runDir);
        if (seedIndex < 0 || seedIndex >= config.seeds) {
            throw new IllegalArgumentException(runDir + " has seeds 0.." + (config.seeds - 1) + ", not " + seedIndex);
        }
        List<Path> available = list(runDir, seedIndex);
        if (available.isEmpty()) {
            throw new IllegalArgumentException(runDir + " has no checkpoints of seed " + seedIndex
                    + " (checkpoints/seed-" + seedIndex + "/episode-N/agent or step-N/agent); train with \"train\": "
                    + "{\"checkpointEvery\": N} to write them");
        }
        Path checkpoint = available.get(available.size() - 1);
        if (at.isPresent()) {
            checkpoint = available.stream().filter(p -> number(p) == at.getAsLong()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(runDir + " has no checkpoint of seed " + seedIndex
                            + " at " + kindOf(available.get(0)) + " " + at.getAsLong() + "; available: "
                            + available.stream().map(RunCheckpoint::number).toList()));
        }
        return load(runDir, config, seedIndex, checkpoint);
    }

    /** Restores the agent of seed {@code seedIndex} from the checkpoint directory {@code checkpoint}. */
    @SuppressWarnings("unchecked")
    public static RunCheckpoint load(Path runDir, ExperimentConfig config, int seedIndex, Path checkpoint) {
        Env<Object, Object> env = Envs.make(config.env.id, config.env.options);
        long run = Seeds.run(config.seed, seedIndex);
        Agent<Object, Object> agent;
        try {
            agent = (Agent<Object, Object>) AgentCatalog.bind(config.agent, "$.agent").create(env, Seeds.child(run, Seeds.AGENT));
        } catch (ConfigException e) {
            env.close();
            throw new IllegalArgumentException(runDir.resolve("config.json") + ": " + e.getMessage(), e);
        }
        try {
            agent.loadPolicy(checkpoint.resolve("agent")); // watching needs no replay buffer
        } catch (IOException | RuntimeException e) {
            env.close();
            throw new IllegalArgumentException("cannot load the agent of " + checkpoint + ": " + e.getMessage(), e);
        }
        return new RunCheckpoint(runDir, config, seedIndex, kindOf(checkpoint), number(checkpoint), checkpoint, env,
                agent, Seeds.child(run, Seeds.EVAL));
    }

    private static String kindOf(Path checkpoint) {
        return checkpoint.getFileName().toString().startsWith("step-") ? "step" : "episode";
    }
}
