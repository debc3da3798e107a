package dev.arcadia.experiments.run;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.agents.Evaluation;
import dev.arcadia.experiments.config.AgentCatalog;
import dev.arcadia.experiments.config.ConfigBinder;
import dev.arcadia.experiments.config.ExperimentConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Continues an interrupted run from its run directory: seeds that finished are read back from {@code metrics.jsonl};
 * the first unfinished seed restarts from its latest checkpoint (or from the start when it has none), with the
 * metrics written after that point dropped; the remaining seeds run normally, with {@link Runner} or, for
 * policy-gradient agents, {@link VectorRunner}. The finished metrics file is the same, byte for byte, as that of a
 * run that never stopped.
 */
public final class Resume {

    /** The seeds' results and how the run was continued. */
    public record Outcome(ExperimentConfig config, List<Runner.SeedResult> results, String how) {
    }

    private Resume() {
    }

    /** The resolved config a run directory was started with ({@code config.json}). */
    public static ExperimentConfig config(Path runDir) throws IOException {
        Path configFile = runDir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException(runDir + " is not an Arcadia run directory: no config.json");
        }
        return ExperimentConfig.fromJson(
                ConfigBinder.parse(Files.readString(configFile, StandardCharsets.UTF_8), configFile.toString()));
    }

    public static Outcome resume(Path runDir, boolean quiet) throws IOException {
        ExperimentConfig config = config(runDir);
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
        List<Runner.SeedResult> done = new ArrayList<>();
        long keep = 0;
        long offset = 0;
        for (String line : lines) {
            offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            if (o.has("event") && o.get("event").getAsString().equals("final")) {
                done.add(readBack(o, lines));
                keep = offset;
            }
        }
        int next = done.size();
        Checkpoints checkpoints = new Checkpoints(runDir, config.train.keepCheckpoints);
        Optional<Path> checkpoint = next < config.seeds ? checkpoints.latest(next) : Optional.empty();
        String how;
        if (next >= config.seeds) {
            return new Outcome(config, done, "the run had already finished; nothing to do");
        }
        if (checkpoint.isPresent()) {
            JsonObject state = JsonParser.parseString(Files.readString(checkpoint.get().resolve("runner.json"))).getAsJsonObject();
            keep = state.get("metricsBytes").getAsLong();
            how = "seed " + next + " resumed from " + runDir.relativize(checkpoint.get());
        } else {
            how = "seed " + next + " restarted from the beginning (no checkpoint)";
        }
        Progress progress = Progress.auto(config.name, config.seeds * Runner.workPerSeed(config), quiet);
        try (RunDirectory dir = RunDirectory.reopen(runDir, keep)) {
            BiFunction<Integer, Path, Runner.SeedResult> runSeed;
            if (AgentCatalog.bind(config.agent, "$.agent").vectorized()) { // policy gradients: the vector runner
                runSeed = new VectorRunner(config, dir, progress).withCheckpoints(checkpoints, dir::metricsBytes)::runSeed;
            } else {
                runSeed = new Runner(config, dir, progress).withCheckpoints(checkpoints, dir::metricsBytes)::runSeed;
            }
            List<Runner.SeedResult> results = new ArrayList<>(done);
            results.add(runSeed.apply(next, checkpoint.orElse(null)));
            for (int i = next + 1; i < config.seeds; i++) {
                results.add(runSeed.apply(i, null));
            }
            return new Outcome(config, results, how);
        }
    }

    /** A finished seed's result from its metrics lines (wall-clock seconds are not recorded there: NaN). */
    private static Runner.SeedResult readBack(JsonObject fin, List<String> lines) {
        int seed = fin.get("seed").getAsInt();
        List<double[]> curve = new ArrayList<>();
        List<double[]> training = new ArrayList<>();
        double last = 0;
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            if (o.get("seed").getAsInt() != seed) {
                continue;
            }
            if (o.has("event") && o.get("event").getAsString().equals("eval")) {
                curve.add(new double[] {o.get("steps").getAsDouble(), o.get("greedyReturn").getAsDouble()});
            } else if (!o.has("event")) {
                last = o.get("meanReturn").getAsDouble();
                training.add(new double[] {o.get("steps").getAsDouble(), last});
            }
        }
        double exact = fin.has("greedyExact") ? fin.get("greedyExact").getAsDouble() : Double.NaN;
        Evaluation.Result sampled = new Evaluation.Result(fin.get("evalEpisodes").getAsInt(),
                fin.get("greedySampled").getAsDouble(), Double.NaN, Double.NaN);
        long solved = fin.has("solvedAtStep") ? fin.get("solvedAtStep").getAsLong() : -1;
        return new Runner.SeedResult(seed, 0, fin.get("trainReturn").getAsDouble(), last, exact, sampled,
                fin.get("steps").getAsLong(), solved, curve, training, Double.NaN);
    }
}
