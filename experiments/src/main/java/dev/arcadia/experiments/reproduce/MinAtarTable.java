package dev.arcadia.experiments.reproduce;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.experiments.plot.LearningCurve;
import dev.arcadia.experiments.run.Checkpoints;
import dev.arcadia.experiments.run.Progress;
import dev.arcadia.experiments.run.Provenance;
import dev.arcadia.experiments.run.Resume;
import dev.arcadia.experiments.run.RunDirectory;
import dev.arcadia.experiments.run.Runner;
import dev.arcadia.experiments.run.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The MinAtar DQN baseline (Young and Tian 2019) for one game: the built-in config {@code minatar-GAME-dqn} (the
 * paper's settings, 5M frames), run in a fixed run directory so that running the command again resumes an
 * interrupted run from its latest checkpoint. The result is the training curve (the average return of each 100
 * training episodes, epsilon-greedy as in the paper's figure) plotted against the paper's DQN value at 5M frames,
 * and a row that passes when some 100-episode average within the frame budget reaches the game's bar.
 */
public final class MinAtarTable {

    /**
     * A game: its key (MinAtar's name), its environment id, the paper's DQN return at 5M frames (read from its
     * figure) and the bar (the bars for Breakout, 10, and Space Invaders, 40; 90 % of the paper's value for
     * the others).
     */
    public record Game(String key, String envId, double paper, double bar) {
    }

    public static final List<Game> GAMES = List.of(
            new Game("asterix", "MinAtar/Asterix-v1", 17, 15.3),
            new Game("breakout", "MinAtar/Breakout-v1", 10, 10),
            new Game("freeway", "MinAtar/Freeway-v1", 50, 45),
            new Game("seaquest", "MinAtar/Seaquest-v1", 20, 18),
            new Game("space_invaders", "MinAtar/SpaceInvaders-v1", 43, 40));

    /** The run's outcome. */
    public record Result(Game game, Runner.SeedResult seed, ReproductionRow row, Path runDir, Path plot, String how,
                         int resumes, double seconds) {
    }

    private final Game game;
    private final boolean quiet;

    public MinAtarTable(String key, boolean quiet) {
        this.game = find(key);
        this.quiet = quiet;
    }

    public static Game find(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('-', '_');
        return GAMES.stream().filter(g -> g.key().equals(k) || g.key().replace("_", "").equals(k)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown MinAtar game '" + key + "'"
                        + dev.arcadia.env.util.Suggestions.didYouMean(k, GAMES.stream().map(Game::key).toList())
                        + "; expected one of " + String.join(", ", GAMES.stream().map(Game::key).toList())));
    }

    /** The built-in config of the game, with the frame budget replaced when {@code steps} is positive. */
    public ExperimentConfig config(long steps) {
        ExperimentConfig c = ExperimentConfig.load("minatar-" + game.key() + "-dqn");
        if (steps > 0) {
            c.train.steps = steps;
            c.eval.everySteps = (int) Math.min(c.eval.everySteps, Math.max(1, steps / 4));
        }
        c.validate();
        return c;
    }

    /**
     * Runs (or, when {@code runDir} already holds this game's run, resumes or just reads back) the experiment and
     * writes the learning-curve plot into the run directory.
     */
    public Result run(Path runDir, long steps) throws IOException {
        ExperimentConfig c;
        List<Runner.SeedResult> results;
        String how;
        if (Files.isRegularFile(runDir.resolve("config.json"))) {
            String held = Resume.config(runDir).env.id; // checked before anything is resumed
            if (!held.equals(game.envId())) {
                throw new IllegalArgumentException(runDir + " holds a run on " + held + ", not " + game.envId()
                        + "; pass another --run-dir for " + game.key());
            }
            Resume.Outcome o = Resume.resume(runDir, quiet);
            c = o.config();
            results = o.results();
            how = o.how();
            if (steps > 0 && steps != c.train.steps) {
                how += "; its own budget of " + c.train.steps + " frames was kept (--frames " + steps + " applies to new"
                        + " runs only: pass another --run-dir for a run of that length)";
            }
        } else {
            c = config(steps);
            try (RunDirectory dir = RunDirectory.at(runDir)) {
                dir.writeStart(c, Provenance.of(c.seed, c.seeds, "arcadia reproduce minatar --game " + game.key()));
                Progress progress = Progress.auto(c.name, c.seeds * Runner.workPerSeed(c), quiet);
                results = new Runner(c, dir, progress)
                        .withCheckpoints(new Checkpoints(dir.path(), c.train.keepCheckpoints), dir::metricsBytes).run();
            }
            how = "ran from the start";
        }
        Runner.SeedResult r = results.get(0);
        JsonObject state = new Checkpoints(runDir).latestState(0).orElseGet(JsonObject::new);
        int resumes = state.has("resumes") ? state.get("resumes").getAsInt() : 0;
        double seconds = wallClock(r, state, runDir);
        Path plot = runDir.resolve("minatar-" + game.key() + "-curve.png");
        LearningCurve.writePng(plot, "DQN on " + game.envId() + " (average return of each " + c.train.logEvery
                        + " training episodes)", "frames", "return", List.of(r.trainingCurve()), game.paper(),
                String.format(Locale.ROOT, "paper: DQN about %.0f at 5M frames", game.paper()));
        double best = Double.NEGATIVE_INFINITY;
        long reachedAt = -1;
        for (double[] p : r.trainingCurve()) {
            best = Math.max(best, p[1]);
            if (reachedAt < 0 && p[1] >= game.bar() && p[0] <= c.train.steps) {
                reachedAt = (long) p[0];
            }
        }
        JsonObject extra = new JsonObject();
        extra.addProperty("game", game.key());
        extra.addProperty("frames", r.steps());
        extra.addProperty("budgetFrames", c.train.steps);
        extra.addProperty("finalWindowReturn", r.lastReturn());
        extra.addProperty("bestWindowReturn", best);
        extra.addProperty("reachedBarAtFrame", reachedAt);
        extra.addProperty("greedyReturn", r.greedySampled().meanReturn());
        extra.addProperty("greedyEpisodes", r.greedySampled().episodes());
        extra.addProperty("wallClockSeconds", seconds);
        extra.addProperty("resumes", resumes);
        extra.addProperty("runDir", runDir.toString());
        extra.addProperty("plot", plot.toString());
        JsonArray curve = new JsonArray();
        for (double[] p : r.trainingCurve()) {
            JsonArray point = new JsonArray();
            point.add(p[0]);
            point.add(p[1]);
            curve.add(point);
        }
        extra.add("curve", curve);
        extra.addProperty("passRule", String.format(Locale.ROOT, "an average over %d training episodes reaches %.1f "
                + "within %d frames", c.train.logEvery, game.bar(), c.train.steps));
        ReproductionRow row = new ReproductionRow("DQN, " + game.envId() + ": best 100-episode average within "
                + c.train.steps + " frames", String.format(Locale.ROOT, "Young and Tian 2019, DQN about %.0f at 5M "
                + "frames", game.paper()), best, 0, game.bar(), "return", reachedAt >= 0, extra);
        return new Result(game, r, row, runDir, plot, how, resumes, seconds);
    }

    /**
     * Training wall-clock over all sessions, up to the end of training (the final evaluation not counted): the latest
     * checkpoint's (written when training ends), else the result's own, else the {@code summary.json} of
     * {@code arcadia run} (runs whose checkpoints predate timing).
     */
    private static double wallClock(Runner.SeedResult r, JsonObject state, Path runDir) throws IOException {
        if (state.has("seconds") && !Double.isNaN(state.get("seconds").getAsDouble())) {
            return state.get("seconds").getAsDouble();
        }
        if (!Double.isNaN(r.seconds())) {
            return r.seconds();
        }
        Path summary = runDir.resolve("summary.json");
        if (Files.isRegularFile(summary)) {
            JsonObject s = com.google.gson.JsonParser.parseString(Files.readString(summary)).getAsJsonObject();
            if (s.has("seconds")) {
                return s.get("seconds").getAsDouble();
            }
        }
        return Double.NaN;
    }

    public static String format(Result result) {
        ReproductionRow row = result.row();
        JsonObject x = row.extra();
        Table t = new Table("game", "frames", "final 100-ep avg", "best 100-ep avg", "reached bar at", "greedy (100 ep)",
                "paper DQN", "bar", "wall clock", "resumes", "result");
        t.row(result.game().key(), x.get("frames").getAsLong(), String.format(Locale.ROOT, "%.2f", result.seed().lastReturn()),
                String.format(Locale.ROOT, "%.2f", row.measured()),
                x.get("reachedBarAtFrame").getAsLong() < 0 ? "not reached" : x.get("reachedBarAtFrame").getAsLong(),
                String.format(Locale.ROOT, "%.2f", result.seed().greedySampled().meanReturn()),
                String.format(Locale.ROOT, "%.0f", result.game().paper()),
                String.format(Locale.ROOT, "%.1f", result.game().bar()),
                Double.isNaN(result.seconds()) ? "unknown" : String.format(Locale.ROOT, "%.0f s", result.seconds()),
                result.resumes(), row.pass() ? "pass" : "FAIL");
        return t + String.format(Locale.ROOT, "%nRun: %s (%s)%nRule: %s%nLearning curve: %s%n", result.runDir(),
                result.how(), x.get("passRule").getAsString(), result.plot());
    }

    public static JsonObject toJson(Result result) {
        JsonObject o = new JsonObject();
        o.addProperty("name", "minatar");
        JsonArray a = new JsonArray();
        a.add(result.row().toJson());
        o.add("rows", a);
        return o;
    }
}
