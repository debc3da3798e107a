package dev.arcadia.experiments.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.arcadia.env.EnvChecker;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Envs;
import dev.arcadia.env.util.AtomicFiles;
import dev.arcadia.experiments.bench.FrozenLakeBench;
import dev.arcadia.experiments.config.AgentCatalog;
import dev.arcadia.experiments.config.ConfigException;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.experiments.reproduce.CartPoleTable;
import dev.arcadia.experiments.reproduce.FrozenLakeTable;
import dev.arcadia.experiments.reproduce.MinAtarTable;
import dev.arcadia.experiments.reproduce.PolicyGradientTable;
import dev.arcadia.experiments.reproduce.ReproductionRow;
import dev.arcadia.experiments.run.Checkpoints;
import dev.arcadia.experiments.run.Progress;
import dev.arcadia.experiments.run.Provenance;
import dev.arcadia.experiments.run.RunDirectory;
import dev.arcadia.experiments.run.Runner;
import dev.arcadia.experiments.run.VectorRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code arcadia} command. */
@Command(name = "arcadia", mixinStandardHelpOptions = true, version = "Arcadia 0.1.0",
        description = "Reinforcement learning and game simulation for the JVM.",
        subcommands = {Arcadia.Run.class, Arcadia.Resume.class, Arcadia.Reproduce.class, Arcadia.Bench.class, Arcadia.ListEnvs.class,
                Arcadia.ListConfigs.class, Arcadia.Check.class})
public final class Arcadia implements Runnable {

    static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (2 for configuration and usage errors). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Arcadia());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("arcadia: error: " + e.getMessage());
                return 2;
            }
            if (e instanceof IllegalStateException || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("arcadia: training stopped: " + e.getMessage()
                        + "\n  Checkpoints already written are intact; continue with: arcadia resume RUN_DIR");
                return 3;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Command(name = "run", description = "Train and evaluate an agent from a JSON config or a built-in config name.")
    static final class Run implements Callable<Integer> {
        @Parameters(paramLabel = "CONFIG", description = "a config file, or a built-in name: ${COMPLETION-CANDIDATES}",
                completionCandidates = BuiltIns.class)
        String config;

        @Option(names = "--seeds", description = "override the number of seeds")
        Integer seeds;

        @Option(names = "--seed", description = "override the master seed")
        Long seed;

        @Option(names = "--episodes", description = "override the training episodes per seed")
        Integer episodes;

        @Option(names = "--out", description = "base directory for run directories (default: ${DEFAULT-VALUE})",
                defaultValue = "runs")
        Path out;

        @Option(names = "--run-dir", description = "exact run directory (must be new or empty)")
        Path runDir;

        @Option(names = {"-q", "--quiet"}, description = "no progress output")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            ExperimentConfig c = ExperimentConfig.load(config);
            if (seeds != null) {
                c.seeds = seeds;
            }
            if (seed != null) {
                c.seed = seed;
            }
            if (episodes != null) {
                c.train.episodes = episodes;
            }
            c.validate();
            try (RunDirectory dir = runDir != null ? RunDirectory.at(runDir) : RunDirectory.create(out, c.name)) {
                dir.writeStart(c, Provenance.of(c.seed, c.seeds, "arcadia run " + config));
                System.out.printf("arcadia run %s: %s%n  env %s %s, agent %s, %d seed(s) x %s%n  run directory: %s%n",
                        c.name, c.description, c.env.id, c.env.options, c.agent.get("type").getAsString(), c.seeds,
                        c.train.steps > 0 ? c.train.steps + " steps" : c.train.episodes + " episodes", dir.path());
                long start = System.nanoTime();
                Progress progress = Progress.auto(c.name, c.seeds * Runner.workPerSeed(c), quiet);
                List<Runner.SeedResult> results = AgentCatalog.bind(c.agent, "$.agent").vectorized()
                        ? new VectorRunner(c, dir, progress)
                                .withCheckpoints(new Checkpoints(dir.path(), c.train.keepCheckpoints), dir::metricsBytes).run()
                        : new Runner(c, dir, progress)
                                .withCheckpoints(new Checkpoints(dir.path(), c.train.keepCheckpoints), dir::metricsBytes).run();
                double seconds = (System.nanoTime() - start) / 1e9;
                dir.writeJson("summary.json", summary(results, seconds));
                Path plot = dir.path().resolve("learning-curve.png");
                writeCurve(plot, c, results);
                System.out.println();
                System.out.print(Runner.table(results));
                System.out.printf("%nDone in %.1f s. Results: %s (metrics.jsonl, summary.json, config.json, provenance.json,"
                        + " learning-curve.png)%n", seconds, dir.path());
            }
            return 0;
        }

        /** Periodic greedy evaluations when the config has them, else the training returns per logging window. */
        static void writeCurve(Path file, ExperimentConfig c, List<Runner.SeedResult> results) throws java.io.IOException {
            boolean periodic = results.stream().noneMatch(r -> r.curve().isEmpty());
            List<List<double[]>> curves = new java.util.ArrayList<>();
            for (Runner.SeedResult r : results) {
                curves.add(periodic ? r.curve() : r.trainingCurve());
            }
            dev.arcadia.experiments.plot.LearningCurve.writePng(file, c.name + " on " + c.env.id + (periodic
                    ? " (greedy evaluations)" : " (training return per " + c.train.logEvery + " episodes)"),
                    "environment steps", "mean return", curves, c.eval.solvedAt, "solved");
        }

        private static JsonObject summary(List<Runner.SeedResult> results, double seconds) {
            JsonObject s = new JsonObject();
            s.addProperty("seconds", seconds);
            var seedsArray = new com.google.gson.JsonArray();
            for (Runner.SeedResult r : results) {
                JsonObject o = new JsonObject();
                o.addProperty("index", r.index());
                o.addProperty("seed", r.seed());
                o.addProperty("trainReturn", r.trainReturn());
                o.addProperty("lastWindowReturn", r.lastReturn());
                if (!Double.isNaN(r.greedyExact())) {
                    o.addProperty("greedyExact", r.greedyExact());
                }
                o.addProperty("greedySampled", r.greedySampled().meanReturn());
                o.addProperty("evalEpisodes", r.greedySampled().episodes());
                o.addProperty("steps", r.steps());
                o.addProperty("seconds", r.seconds());
                seedsArray.add(o);
            }
            s.add("seeds", seedsArray);
            double[] sampled = results.stream().mapToDouble(r -> r.greedySampled().meanReturn()).toArray();
            s.addProperty("meanGreedySampled", dev.arcadia.experiments.run.Stats.mean(sampled));
            s.addProperty("sdGreedySampled", dev.arcadia.experiments.run.Stats.sd(sampled));
            return s;
        }
    }

    @Command(name = "resume", description = "Continue an interrupted run from its run directory and checkpoints.")
    static final class Resume implements Callable<Integer> {
        @Parameters(paramLabel = "RUN_DIR")
        Path runDir;

        @Option(names = {"-q", "--quiet"}, description = "no progress output")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            dev.arcadia.experiments.run.Resume.Outcome o = dev.arcadia.experiments.run.Resume.resume(runDir, quiet);
            System.out.println("arcadia resume " + runDir + ": " + o.how());
            Run.writeCurve(runDir.resolve("learning-curve.png"), o.config(), o.results());
            System.out.println();
            System.out.print(Runner.table(o.results()));
            return 0;
        }
    }

    /** Built-in config names, for help and completion. */
    static final class BuiltIns implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ExperimentConfig.BUILT_IN.iterator();
        }
    }

    @Command(name = "reproduce", description = "Reproduce a table from the seed notes beside the reported figures.")
    static final class Reproduce implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "table to reproduce: frozenlake, cartpole, cartpole-pg (PPO, A2C, REINFORCE), pendulum (PPO), "
                + "minatar (DQN, one --game)")
        String name;

        @Option(names = "--json", description = "also write the rows as JSON to this file")
        Path json;

        @Option(names = "--seeds", description = "seeds per row (default: 10 for frozenlake, 5 for the others)")
        Integer seeds;

        @Option(names = "--eval-episodes", defaultValue = "10000",
                description = "frozenlake: sampled evaluation episodes per seed (default: ${DEFAULT-VALUE})")
        int evalEpisodes;

        @Option(names = "--out", defaultValue = "runs", description = "where plots go (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--game", description = "minatar: asterix, breakout, freeway, seaquest or space_invaders")
        String game;

        @Option(names = "--run-dir", description = "minatar: the run directory; an existing one is resumed "
                + "(default: OUT/reproduce-minatar-GAME)")
        Path runDir;

        @Option(names = "--frames", description = "minatar: frame budget instead of the paper's 5,000,000 (a short "
                + "try; it will not reach the bar)")
        Long frames;

        @Option(names = {"-q", "--quiet"}, description = "no progress output")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            long start = System.nanoTime();
            if (!name.equals("minatar") && (game != null || runDir != null || frames != null)) {
                throw new IllegalArgumentException("--game, --run-dir and --frames belong to 'reproduce minatar', not '"
                        + name + "'");
            }
            JsonObject doc;
            boolean pass;
            switch (name) {
                case "frozenlake" -> {
                    int n = seeds != null ? seeds : 10;
                    List<ReproductionRow> rows = new FrozenLakeTable(n, evalEpisodes, quiet).run();
                    System.out.println("Seed notes' FrozenLake ladder (S3 §8.1), " + n + " seeds per row, greedy policy"
                            + " evaluated exactly by DP and on " + evalEpisodes + " sampled episodes per seed:");
                    System.out.println();
                    System.out.print(FrozenLakeTable.format(rows));
                    doc = FrozenLakeTable.toJson(rows);
                    pass = rows.stream().allMatch(ReproductionRow::pass);
                }
                case "cartpole" -> {
                    int n = seeds != null ? seeds : 5;
                    String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
                    Path plot = out.resolve("reproduce-cartpole-" + stamp).resolve("learning-curve.png");
                    CartPoleTable.Result result = new CartPoleTable(n, quiet).run(plot);
                    System.out.println("DQN on CartPole-v1 (config cartpole-dqn), " + n + " seeds:");
                    System.out.println();
                    System.out.print(CartPoleTable.format(result));
                    doc = CartPoleTable.toJson(result);
                    pass = result.rows().stream().allMatch(ReproductionRow::pass);
                }
                case "cartpole-pg", "pendulum" -> {
                    int n = seeds != null ? seeds : 5;
                    String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
                    PolicyGradientTable.Result result = new PolicyGradientTable(n, quiet)
                            .run(name, out.resolve("reproduce-" + name + "-" + stamp));
                    System.out.println("Policy-gradient agents (" + name + "), " + n + " seeds per row:");
                    System.out.println();
                    System.out.print(PolicyGradientTable.format(result));
                    doc = PolicyGradientTable.toJson(result);
                    pass = result.parts().stream().allMatch(p -> p.row().pass());
                }
                case "minatar" -> {
                    if (game == null) {
                        throw new IllegalArgumentException("reproduce minatar needs --game: one of asterix, breakout, "
                                + "freeway, seaquest, space_invaders");
                    }
                    MinAtarTable table = new MinAtarTable(game, quiet);
                    String key = MinAtarTable.find(game).key();
                    Path dir = runDir != null ? runDir : out.resolve("reproduce-minatar-" + key);
                    System.out.println("DQN on MinAtar " + key + " (config minatar-" + key + "-dqn), run directory "
                            + dir + "; run the same command again to resume it after an interruption.");
                    MinAtarTable.Result result = table.run(dir, frames != null ? frames : 0);
                    System.out.println();
                    System.out.print(MinAtarTable.format(result));
                    doc = MinAtarTable.toJson(result);
                    pass = result.row().pass();
                }
                default -> throw new IllegalArgumentException("unknown table '" + name + "'; available: frozenlake, cartpole, "
                        + "cartpole-pg, pendulum, minatar");
            }
            System.out.printf("%nDone in %.1f s.%n", (System.nanoTime() - start) / 1e9);
            if (json != null) {
                AtomicFiles.writeString(json, PRETTY.toJson(doc) + "\n");
                System.out.println("Rows written to " + json);
            }
            return pass ? 0 : 1;
        }
    }

    @Command(name = "bench", description = "Benchmark against a peer measured in the same run.")
    static final class Bench implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "benchmark: frozenlake")
        String name;

        @Option(names = "--seconds", defaultValue = "2", description = "seconds per measurement (default: ${DEFAULT-VALUE})")
        double seconds;

        @Option(names = "--repeats", defaultValue = "5", description = "measurements per variant (default: ${DEFAULT-VALUE})")
        int repeats;

        @Option(names = "--python", defaultValue = "python3", description = "Python with gymnasium for the peer")
        String python;

        @Option(names = "--no-peer", description = "skip the Gymnasium peer")
        boolean noPeer;

        @Override
        public Integer call() {
            if (!name.equals("frozenlake")) {
                throw new IllegalArgumentException("unknown benchmark '" + name + "'; available: frozenlake");
            }
            Path root = Path.of(System.getProperty("arcadia.home", "."));
            FrozenLakeBench.Result r = new FrozenLakeBench(seconds, repeats).run(root, python, !noPeer);
            System.out.print(FrozenLakeBench.format(r));
            return 0;
        }
    }

    @Command(name = "envs", description = "List the registered environments.")
    static final class ListEnvs implements Runnable {
        @Override
        public void run() {
            PrintWriter out = new PrintWriter(System.out, true);
            for (String id : Envs.ids()) {
                EnvSpec s = Envs.registry().spec(id);
                out.printf("%-20s %s; options: %s%n", id, s.summary(), String.join(", ", s.defaults().keySet()));
            }
        }
    }

    @Command(name = "configs", description = "List the built-in experiment configs.")
    static final class ListConfigs implements Runnable {
        @Override
        public void run() {
            for (String name : ExperimentConfig.BUILT_IN) {
                System.out.printf("%-28s %s%n", name, ExperimentConfig.load(name).description);
            }
        }
    }

    @Command(name = "check", description = "Run the EnvChecker on a registered environment.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "ENV_ID")
        String id;

        @Override
        public Integer call() {
            List<String> problems = EnvChecker.problems(Envs.make(id));
            if (problems.isEmpty()) {
                System.out.println(id + ": passes the EnvChecker (contract, spaces, determinism, snapshot round trip)");
                return 0;
            }
            System.out.println(id + ": " + problems.size() + " problem(s):");
            problems.forEach(p -> System.out.println("  - " + p));
            return 1;
        }
    }
}
