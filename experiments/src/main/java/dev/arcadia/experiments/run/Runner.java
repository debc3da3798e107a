package dev.arcadia.experiments.run;

import com.google.gson.JsonObject;
import dev.arcadia.agents.Agent;
import dev.arcadia.agents.Evaluation;
import dev.arcadia.agents.Mode;
import dev.arcadia.agents.Policy;
import dev.arcadia.agents.QValues;
import dev.arcadia.agents.Transition;
import dev.arcadia.agents.planning.PolicyEvaluation;
import dev.arcadia.agents.planning.TabularPolicy;
import dev.arcadia.agents.tabular.TabularAgent;
import dev.arcadia.env.Env;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.env.TabularEnv;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.experiments.config.AgentCatalog;
import dev.arcadia.experiments.config.ExperimentConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an experiment: for each seed, trains an agent (the loop in {@link #runSeed} is the whole training loop:
 * reset, act, step, observe, log, evaluate) and evaluates its greedy policy, exactly by dynamic programming where
 * the environment exposes its model and the agent its Q-values, and by sampling.
 */
public final class Runner {

    /**
     * The outcome of one seeded run.
     *
     * @param index          seed index within the experiment
     * @param seed           the run's own seed (derived from the master seed)
     * @param trainReturn    mean return over all training episodes (the success rate on FrozenLake)
     * @param lastReturn     mean return over the last logging window of training
     * @param greedyExact    exact expected return of the greedy policy within the time limit, NaN if not available
     * @param greedySampled  sampled evaluation of the greedy policy
     * @param steps          environment steps taken in training
     * @param solvedAtStep   first step at which a periodic evaluation reached the solve threshold, -1 if never
     * @param curve          periodic evaluations as (step, mean return) pairs
     * @param trainingCurve  training returns per logging window as (step, mean return) pairs
     * @param seconds        wall-clock seconds of training and evaluation
     */
    public record SeedResult(int index, long seed, double trainReturn, double lastReturn, double greedyExact,
                             Evaluation.Result greedySampled, long steps, long solvedAtStep, List<double[]> curve,
                             List<double[]> trainingCurve, double seconds) {
    }

    private final ExperimentConfig config;
    private final AgentCatalog.BoundAgent agentSpec;
    private final MetricsSink sink;
    private final Progress progress;

    public Runner(ExperimentConfig config, MetricsSink sink, Progress progress) {
        this.config = config;
        this.agentSpec = AgentCatalog.bind(config.agent, "$.agent");
        this.sink = sink;
        this.progress = progress;
        Envs.registry().spec(config.env.id); // fail early on an unknown id
    }

    /** The amount of work {@link Progress} counts for one seed: steps if a step budget is set, else episodes. */
    public static long workPerSeed(ExperimentConfig c) {
        return c.train.steps > 0 ? c.train.steps : c.train.episodes;
    }

    /** Runs every seed in order. */
    public List<SeedResult> run() {
        List<SeedResult> results = new ArrayList<>();
        for (int i = 0; i < config.seeds; i++) {
            results.add(runSeed(i));
        }
        return results;
    }

    /** Trains and evaluates the {@code index}-th seed. */
    @SuppressWarnings("unchecked")
    public SeedResult runSeed(int index) {
        long start = System.nanoTime();
        long runSeed = Seeds.run(config.seed, index);
        long evalSeed = Seeds.child(runSeed, Seeds.EVAL);
        Env<Object, Object> env = Envs.make(config.env.id, config.env.options);
        Env<Object, Object> evalEnv = Envs.make(config.env.id, config.env.options);
        Agent<Object, Object> agent = (Agent<Object, Object>) agentSpec.create(env, Seeds.child(runSeed, Seeds.AGENT));
        long maxEpisodes = config.train.episodes > 0 ? config.train.episodes : Long.MAX_VALUE;
        long maxSteps = config.train.steps > 0 ? config.train.steps : Long.MAX_VALUE;
        long work = workPerSeed(config);
        double totalReturn = 0;
        double windowReturn = 0;
        int windowEpisodes = 0;
        double lastWindow = 0;
        long steps = 0;
        long episode = 0;
        long solvedAt = -1;
        List<double[]> curve = new ArrayList<>();
        List<double[]> trainingCurve = new ArrayList<>();
        int evalEvery = config.eval.everySteps;
        while (episode < maxEpisodes && steps < maxSteps) {
            episode++;
            Step<Object> s = episode == 1 ? env.reset(Seeds.child(runSeed, Seeds.ENV)) : env.reset();
            double episodeReturn = 0;
            while (true) {
                Object action = agent.act(s.observation(), Mode.TRAIN);
                Step<Object> next = env.step(action);
                agent.observe(new Transition<>(s.observation(), action, next.reward(), next.observation(),
                        next.terminated(), next.truncated()));
                episodeReturn += next.reward();
                steps++;
                s = next;
                if (evalEvery > 0 && steps % evalEvery == 0) {
                    double mean = Evaluation.run(evalEnv, agent, config.eval.periodicEpisodes,
                            Seeds.child(evalSeed, "periodic/" + steps)).meanReturn();
                    curve.add(new double[] {steps, mean});
                    JsonObject m = new JsonObject();
                    m.addProperty("seed", index);
                    m.addProperty("event", "eval");
                    m.addProperty("steps", steps);
                    m.addProperty("greedyReturn", mean);
                    sink.accept(m);
                    if (solvedAt < 0 && config.eval.solvedAt != null && mean >= config.eval.solvedAt) {
                        solvedAt = steps;
                    }
                }
                if (next.terminated() || next.truncated() || steps >= maxSteps) {
                    break;
                }
            }
            totalReturn += episodeReturn;
            windowReturn += episodeReturn;
            windowEpisodes++;
            boolean last = episode >= maxEpisodes || steps >= maxSteps;
            if (episode % config.train.logEvery == 0 || last) {
                lastWindow = windowReturn / windowEpisodes;
                trainingCurve.add(new double[] {steps, lastWindow});
                JsonObject m = new JsonObject();
                m.addProperty("seed", index);
                m.addProperty("episode", episode);
                m.addProperty("steps", steps);
                m.addProperty("meanReturn", lastWindow);
                m.addProperty("trainReturn", totalReturn / episode);
                if ((Object) agent instanceof TabularAgent t) {
                    m.addProperty("epsilon", t.epsilon());
                }
                sink.accept(m);
                windowReturn = 0;
                windowEpisodes = 0;
                long done = config.train.steps > 0 ? steps : episode;
                progress.update((long) index * work + done, "seed " + (index + 1) + "/" + config.seeds
                        + (config.train.steps > 0 ? " step " + steps + "/" + maxSteps : " episode " + episode + "/" + maxEpisodes));
            }
        }
        double exact = Double.NaN;
        Policy<Object, Object> greedy = agent;
        TabularPolicy tabular = greedyTable(agent, env, evalSeed);
        if (tabular != null) {
            greedy = (Policy<Object, Object>) (Policy<?, ?>) tabular;
            int horizon = env.spec().map(EnvSpec::maxEpisodeSteps).orElse(0);
            if (config.eval.exact && env.unwrapped() instanceof TabularEnv model && horizon > 0) {
                exact = PolicyEvaluation.finiteHorizon(model.transitionTable(), tabular, horizon);
            }
        }
        Evaluation.Result sampled = Evaluation.run(evalEnv, greedy, config.eval.episodes, evalSeed);
        JsonObject m = new JsonObject();
        m.addProperty("seed", index);
        m.addProperty("event", "final");
        m.addProperty("steps", steps);
        m.addProperty("episodes", episode);
        m.addProperty("trainReturn", totalReturn / episode);
        if (!Double.isNaN(exact)) {
            m.addProperty("greedyExact", exact);
        }
        m.addProperty("greedySampled", sampled.meanReturn());
        m.addProperty("evalEpisodes", sampled.episodes());
        if (evalEvery > 0) {
            m.addProperty("solvedAtStep", solvedAt);
        }
        sink.accept(m);
        return new SeedResult(index, runSeed, totalReturn / episode, lastWindow, exact, sampled, steps, solvedAt,
                List.copyOf(curve), List.copyOf(trainingCurve), (System.nanoTime() - start) / 1e9);
    }

    /**
     * The greedy policy as a table (uniform over exact ties) when the observations are discrete and the agent knows
     * its Q-values; null otherwise.
     */
    private static TabularPolicy greedyTable(Agent<Object, Object> agent, Env<Object, Object> env, long seed) {
        Object raw = agent;
        if (raw instanceof TabularAgent t) {
            return t.greedyPolicy(seed);
        }
        Object obsSpace = env.observationSpace();
        Object actSpace = env.actionSpace();
        if (!(raw instanceof QValues<?> qv) || !(obsSpace instanceof Discrete obs) || !(actSpace instanceof Discrete act)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        QValues<Object> values = (QValues<Object>) qv;
        double[] q = new double[obs.n() * act.n()];
        double[] row = new double[act.n()];
        for (int s = 0; s < obs.n(); s++) {
            values.qValues(obs.start() + s, row);
            System.arraycopy(row, 0, q, s * act.n(), act.n());
        }
        return TabularPolicy.greedy(q, obs.n(), act.n(), seed);
    }

    /** The final table: one row per seed, then mean and standard deviation. */
    public static String table(List<SeedResult> results) {
        boolean solved = results.stream().anyMatch(r -> !r.curve().isEmpty());
        Table t = solved
                ? new Table("seed", "train return", "last window", "greedy exact (DP)", "greedy sampled", "eval episodes",
                        "steps", "solved at step", "seconds")
                : new Table("seed", "train return", "last window", "greedy exact (DP)", "greedy sampled", "eval episodes",
                        "steps", "seconds");
        for (SeedResult r : results) {
            List<Object> cells = new ArrayList<>(List.of(r.index(), f4(r.trainReturn()), f4(r.lastReturn()),
                    f4(r.greedyExact()), f4(r.greedySampled().meanReturn()), r.greedySampled().episodes(), r.steps()));
            if (solved) {
                cells.add(r.solvedAtStep() < 0 ? "not solved" : r.solvedAtStep());
            }
            cells.add(String.format("%.2f", r.seconds()));
            t.row(cells.toArray());
        }
        double[] train = results.stream().mapToDouble(SeedResult::trainReturn).toArray();
        double[] last = results.stream().mapToDouble(SeedResult::lastReturn).toArray();
        double[] exact = results.stream().mapToDouble(SeedResult::greedyExact).toArray();
        double[] sampled = results.stream().mapToDouble(r -> r.greedySampled().meanReturn()).toArray();
        List<Object> summary = new ArrayList<>(List.of("mean ± sd", pm(train), pm(last), pm(exact), pm(sampled), "", ""));
        if (solved) {
            summary.add("");
        }
        summary.add("");
        t.row(summary.toArray());
        return t.toString();
    }

    static String f4(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.4f", v);
    }

    static String pm(double[] v) {
        return Double.isNaN(v[0]) ? "n/a" : String.format("%.4f ± %.4f", Stats.mean(v), Stats.sd(v));
    }
}
