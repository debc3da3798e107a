package dev.arcadia.simui;

import dev.arcadia.experiments.episodes.EpisodeFile;
import dev.arcadia.experiments.episodes.EpisodeRecord;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.experiments.run.Checkpoints;
import dev.arcadia.experiments.run.Progress;
import dev.arcadia.experiments.run.RunDirectory;
import dev.arcadia.experiments.run.Runner;
import dev.arcadia.experiments.run.VectorRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Inputs shared by the tests: a recorded FrozenLake episode, a corrupt file, and a trained run directory. */
public final class Fixtures {

    /** The deterministic 4x4 lake's shortest way to the goal: right, right, down, down, down, right. */
    public static final int[] FROZENLAKE_WIN = {2, 2, 1, 1, 1, 2};
    public static final Map<String, Object> NOT_SLIPPERY = Map.of("is_slippery", false);

    private Fixtures() {
    }

    /** Records an episode by stepping the environment with {@code actions}. */
    public static EpisodeRecord record(String envId, Map<String, Object> options, long seed, int... actions) {
        Env<Object, Object> env = Envs.make(envId, options);
        env.reset(seed);
        EpisodeRecord.Builder b = new EpisodeRecord.Builder(envId, options, seed, "test");
        for (int a : actions) {
            Step<Object> s = env.step(a);
            b.add(a, s.reward(), s.terminated(), s.truncated());
            if (s.done()) {
                break;
            }
        }
        return b.build();
    }

    /** The winning FrozenLake episode, written to {@code file}. */
    public static Path frozenLakeRecording(Path file) throws IOException {
        EpisodeFile.write(file, record("FrozenLake-v1", NOT_SLIPPERY, 0, FROZENLAKE_WIN));
        return file;
    }

    /** A file whose second line was cut in the middle, followed by more lines. */
    public static Path corruptRecording(Path file) throws IOException {
        String good = EpisodeFile.format(record("FrozenLake-v1", NOT_SLIPPERY, 0, FROZENLAKE_WIN));
        String[] lines = good.split("\n");
        StringBuilder sb = new StringBuilder(lines[0]).append('\n').append(lines[1], 0, 20).append('\n');
        for (int i = 2; i < lines.length; i++) {
            sb.append(lines[i]).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, sb.toString());
        return file;
    }

    /** Trains Q-learning on the deterministic 4x4 lake (300 episodes, checkpoints every 100) into {@code dir}. */
    public static Path frozenLakeRun(Path dir) throws IOException {
        String json = """
                {"name": "fl-test", "seed": 1, "seeds": 1,
                 "env": {"id": "FrozenLake-v1", "options": {"is_slippery": false}},
                 "agent": {"type": "q-learning", "alpha": 0.5, "gamma": 0.9, "exploration": "epsilon-greedy",
                           "epsilonStart": 1.0, "epsilonDecayEpisodes": 30},
                 "train": {"episodes": 300, "logEvery": 20, "checkpointEvery": 100},
                 "eval": {"episodes": 50, "exact": false}}
                """;
        ExperimentConfig config = ExperimentConfig.fromJson(JsonParser.parseString(json).getAsJsonObject());
        try (RunDirectory run = RunDirectory.at(dir)) {
            run.writeStart(config, new JsonObject());
            Progress quiet = new Progress("test", 300, new PrintStream(OutputStream.nullOutputStream()), false, true);
            new Runner(config, run, quiet).withCheckpoints(new Checkpoints(run.path()), run::metricsBytes).run();
        }
        return dir;
    }

    /**
     * Trains PPO briefly into {@code dir} with checkpoints: on CartPole-v1 (10,240 steps of 4 copies, a checkpoint
     * every 40 episodes at the next update) or on Pendulum-v1 (2,048 steps of 2 copies, every 2 episodes).
     */
    public static Path ppoRun(Path dir, String envId) throws IOException {
        boolean cartPole = envId.equals("CartPole-v1");
        String json = """
                {"name": "ppo-test", "seed": 2, "seeds": 1, "env": {"id": "%s"},
                 "agent": {"type": "ppo", "numEnvs": %d, "rolloutSteps": %d, "minibatches": 4},
                 "train": {"episodes": 0, "steps": %d, "logEvery": 5, "checkpointEvery": %d},
                 "eval": {"episodes": 2, "exact": false}}
                """.formatted(envId, cartPole ? 4 : 2, cartPole ? 64 : 128, cartPole ? 10240 : 2048, cartPole ? 40 : 2);
        ExperimentConfig config = ExperimentConfig.fromJson(JsonParser.parseString(json).getAsJsonObject());
        try (RunDirectory run = RunDirectory.at(dir)) {
            run.writeStart(config, new JsonObject());
            Progress quiet = new Progress("test", 1, new PrintStream(OutputStream.nullOutputStream()), false, true);
            new VectorRunner(config, run, quiet).withCheckpoints(new Checkpoints(run.path()), run::metricsBytes).run();
        }
        return dir;
    }
}
