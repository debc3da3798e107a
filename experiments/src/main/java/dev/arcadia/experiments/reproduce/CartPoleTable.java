package dev.arcadia.experiments.reproduce;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.experiments.plot.LearningCurve;
import dev.arcadia.experiments.run.MetricsSink;
import dev.arcadia.experiments.run.Progress;
import dev.arcadia.experiments.run.Runner;
import dev.arcadia.experiments.run.Stats;
import dev.arcadia.experiments.run.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DQN on CartPole-v1 against the RL Baselines3 Zoo figure (DQN reaches 500 within 50,000 steps): the built-in config
 * {@code cartpole-dqn} over several seeds, a greedy evaluation over 100 episodes every 2,500 steps, steps-to-solve
 * (the first evaluation with mean return >= 475) per seed, and a learning-curve plot.
 */
public final class CartPoleTable {

    /** Per-seed outcome and the rows. */
    public record Result(List<Runner.SeedResult> seeds, List<ReproductionRow> rows, Path plot) {
    }

    private final int seeds;
    private final boolean quiet;

    public CartPoleTable(int seeds, boolean quiet) {
        this.seeds = seeds;
        this.quiet = quiet;
    }

    public Result run(Path plotFile) throws IOException {
        ExperimentConfig config = ExperimentConfig.load("cartpole-dqn");
        config.seeds = seeds;
        Progress progress = Progress.auto("cartpole-dqn", seeds * Runner.workPerSeed(config), quiet);
        List<Runner.SeedResult> results = new Runner(config, MetricsSink.NONE, progress).run();
        double threshold = config.eval.solvedAt;
        long budget = config.train.steps;
        List<List<double[]>> curves = new ArrayList<>();
        results.forEach(r -> curves.add(r.curve()));
        LearningCurve.writePng(plotFile, "DQN on CartPole-v1 (" + seeds + " seeds, greedy, 100 episodes per point)",
                "environment steps", "mean return", curves, threshold, "solved (475)");
        long solved = results.stream().filter(r -> r.solvedAtStep() >= 0 && r.solvedAtStep() <= budget).count();
        int needed = (int) Math.ceil(0.8 * seeds - 1e-9);
        JsonObject extra = new JsonObject();
        JsonArray perSeed = new JsonArray();
        for (Runner.SeedResult r : results) {
            JsonObject s = new JsonObject();
            s.addProperty("seed", r.index());
            s.addProperty("solvedAtStep", r.solvedAtStep());
            s.addProperty("finalGreedyReturn", r.greedySampled().meanReturn());
            perSeed.add(s);
        }
        extra.add("perSeed", perSeed);
        double[] finals = results.stream().mapToDouble(r -> r.greedySampled().meanReturn()).toArray();
        extra.addProperty("meanFinalGreedyReturn", Stats.mean(finals));
        double[] steps = results.stream().filter(r -> r.solvedAtStep() >= 0).mapToDouble(Runner.SeedResult::solvedAtStep).toArray();
        extra.addProperty("medianStepsToSolve", steps.length == 0 ? -1 : Stats.median(steps));
        extra.addProperty("plot", plotFile.toString());
        extra.addProperty("passRule", String.format("a greedy evaluation (100 episodes) reaches %.0f within %d steps in >= 80 %% "
                + "of seeds (%d of %d needed)", threshold, budget, needed, seeds));
        ReproductionRow row = new ReproductionRow("DQN, CartPole-v1: seeds solving within " + budget + " steps",
                "RL Zoo DQN: 500 at 50k steps", solved, 0, needed, "seeds", solved >= needed, extra);
        return new Result(results, List.of(row), plotFile);
    }

    public static String format(Result result) {
        Table t = new Table("seed", "solved at step (first eval >= 475)", "final greedy return (100 episodes)", "seconds");
        for (Runner.SeedResult r : result.seeds()) {
            t.row(r.index(), r.solvedAtStep() < 0 ? "not solved" : r.solvedAtStep(),
                    String.format("%.1f", r.greedySampled().meanReturn()), String.format("%.1f", r.seconds()));
        }
        ReproductionRow row = result.rows().get(0);
        return t + String.format("%n%s: %.0f of %d seeds (reference: %s) -> %s%nRule: %s%nLearning curve: %s%n",
                row.row(), row.measured(), result.seeds().size(), row.reference(), row.pass() ? "pass" : "FAIL",
                row.extra().get("passRule").getAsString(), result.plot());
    }

    public static JsonObject toJson(Result result) {
        JsonObject o = new JsonObject();
        o.addProperty("name", "cartpole");
        JsonArray a = new JsonArray();
        result.rows().forEach(r -> a.add(r.toJson()));
        o.add("rows", a);
        return o;
    }
}
