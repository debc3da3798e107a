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
import dev.arcadia.experiments.run.VectorRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy-gradient acceptance rows: each shipped config ({@code cartpole-ppo}, {@code cartpole-a2c},
 * {@code cartpole-reinforce}; {@code pendulum-ppo}) over several seeds, greedy evaluations during training
 * (100 episodes each), and per seed the first step at which one reached the bar (CartPole 475, Pendulum -250). A row
 * passes when enough seeds reach it within the config's budget: 4 of 5 for PPO on CartPole, 3 of 5 on Pendulum,
 * and (the issue states no share) 4 of 5 for A2C and REINFORCE. Learning curves go to PNG files.
 */
public final class PolicyGradientTable {

    /** One config's row and per-seed results. */
    public record Part(String config, List<Runner.SeedResult> seeds, ReproductionRow row, Path plot) {
    }

    /** A table's parts. */
    public record Result(String name, List<Part> parts) {
    }

    /** The rows of a table: config, reference, required share of seeds (numerator of 5). */
    private record Spec(String config, String reference, int of5) {
    }

    private static final List<Spec> CARTPOLE = List.of(
            new Spec("cartpole-ppo", "RL Zoo PPO: 500 at 100k steps; issue: >= 475 within 100k in >= 4 of 5 seeds", 4),
            new Spec("cartpole-a2c", "RL Zoo A2C: 500 at 500k steps; issue: >= 475 within 500k", 4),
            new Spec("cartpole-reinforce", "issue: REINFORCE with baseline >= 475 within 500k", 4));
    private static final List<Spec> PENDULUM = List.of(
            new Spec("pendulum-ppo", "issue: PPO >= -250 within 1M steps in >= 3 of 5 seeds", 3));

    private final int seeds;
    private final boolean quiet;

    public PolicyGradientTable(int seeds, boolean quiet) {
        this.seeds = seeds;
        this.quiet = quiet;
    }

    /** The table names {@code arcadia reproduce} accepts here. */
    public static List<String> names() {
        return List.of("cartpole-pg", "pendulum");
    }

    /** Runs table {@code name} ({@link #names()}), writing learning curves into {@code plotDir}. */
    public Result run(String name, Path plotDir) throws IOException {
        List<Spec> specs = switch (name) {
            case "cartpole-pg" -> CARTPOLE;
            case "pendulum" -> PENDULUM;
            default -> throw new IllegalArgumentException("unknown table '" + name + "'; available: " + names());
        };
        List<Part> parts = new ArrayList<>();
        for (Spec s : specs) {
            parts.add(part(s, plotDir.resolve(s.config() + ".png")));
        }
        return new Result(name, parts);
    }

    private Part part(Spec spec, Path plot) throws IOException {
        ExperimentConfig config = ExperimentConfig.load(spec.config());
        config.seeds = seeds;
        Progress progress = Progress.auto(spec.config(), seeds * Runner.workPerSeed(config), quiet);
        List<Runner.SeedResult> results = new VectorRunner(config, MetricsSink.NONE, progress).run();
        double threshold = config.eval.solvedAt;
        long budget = config.train.steps;
        List<List<double[]>> curves = new ArrayList<>();
        results.forEach(r -> curves.add(r.curve()));
        LearningCurve.writePng(plot, spec.config() + " on " + config.env.id + " (" + seeds + " seeds, greedy, "
                + config.eval.periodicEpisodes + " episodes per point)", "environment steps", "mean return", curves,
                threshold, "bar (" + threshold + ")");
        long solved = results.stream().filter(r -> r.solvedAtStep() >= 0 && r.solvedAtStep() <= budget).count();
        int needed = (int) Math.ceil(spec.of5() / 5.0 * seeds - 1e-9);
        JsonObject extra = new JsonObject();
        JsonArray perSeed = new JsonArray();
        for (Runner.SeedResult r : results) {
            JsonObject s = new JsonObject();
            s.addProperty("seed", r.index());
            s.addProperty("solvedAtStep", r.solvedAtStep());
            s.addProperty("bestGreedyReturn", r.curve().stream().mapToDouble(p -> p[1]).max().orElse(Double.NaN));
            s.addProperty("finalGreedyReturn", r.greedySampled().meanReturn());
            s.addProperty("seconds", r.seconds());
            perSeed.add(s);
        }
        extra.add("perSeed", perSeed);
        double[] finals = results.stream().mapToDouble(r -> r.greedySampled().meanReturn()).toArray();
        extra.addProperty("meanFinalGreedyReturn", Stats.mean(finals));
        double[] steps = results.stream().filter(r -> r.solvedAtStep() >= 0).mapToDouble(Runner.SeedResult::solvedAtStep)
                .toArray();
        extra.addProperty("medianStepsToSolve", steps.length == 0 ? -1 : Stats.median(steps));
        extra.addProperty("config", spec.config());
        extra.addProperty("plot", plot.toString());
        extra.addProperty("passRule", String.format("a greedy evaluation (%d episodes, every %d steps) reaches %.0f within "
                + "%d steps in >= %d of %d seeds", config.eval.periodicEpisodes, config.eval.everySteps, threshold, budget,
                needed, seeds));
        ReproductionRow row = new ReproductionRow(spec.config() + ": seeds reaching " + (long) threshold + " within "
                + budget + " steps", spec.reference(), solved, 0, needed, "seeds", solved >= needed, extra);
        return new Part(spec.config(), results, row, plot);
    }

    public static String format(Result result) {
        StringBuilder out = new StringBuilder();
        for (Part p : result.parts()) {
            Table t = new Table("seed", "reached the bar at step", "best greedy", "final greedy (100 episodes)", "seconds");
            for (Runner.SeedResult r : p.seeds()) {
                t.row(r.index(), r.solvedAtStep() < 0 ? "not reached" : r.solvedAtStep(),
                        String.format("%.1f", r.curve().stream().mapToDouble(x -> x[1]).max().orElse(Double.NaN)),
                        String.format("%.1f", r.greedySampled().meanReturn()), String.format("%.1f", r.seconds()));
            }
            ReproductionRow row = p.row();
            out.append(p.config()).append(":\n").append(t).append(String.format("%s: %.0f of %d seeds (reference: %s)"
                    + " -> %s%nRule: %s%nLearning curve: %s%n%n", row.row(), row.measured(), p.seeds().size(),
                    row.reference(), row.pass() ? "pass" : "FAIL", row.extra().get("passRule").getAsString(), p.plot()));
        }
        return out.toString();
    }

    public static JsonObject toJson(Result result) {
        JsonObject o = new JsonObject();
        o.addProperty("name", result.name());
        JsonArray a = new JsonArray();
        result.parts().forEach(p -> a.add(p.row().toJson()));
        o.add("rows", a);
        return o;
    }
}
