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
import dev.arcadia.experiments.episodes.EvalRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

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
     * @param seconds        wall-clock seconds of training and evaluation, summed over all sessions of a resumed run
     *                       (NaN when it was resumed from a checkpoint that predates timing)
     */
    public record SeedResult(int index, long seed, double trainReturn, double lastReturn, double greedyExact,
                             Evaluation.Result greedySampled, long steps, long solvedAtStep, List<double[]> curve,
                             List<double[]> trainingCurve, double seconds) {
    }

    private final ExperimentConfig config;
    private final AgentCatalog.BoundAgent agentSpec;
    private final MetricsSink sink;
    private final EvalRecorder recorder;
    private final Progress progress;
    private Checkpoints checkpoints;
    private LongSupplier metricsBytes = () -> 0L;

    public Runner(ExperimentConfig config, MetricsSink sink, Progress progress) {
        this.config = config;
        this.agentSpec = AgentCatalog.bind(config.agent, "$.agent");
        this.sink = sink;
        this.progress = progress;
        Envs.registry().spec(config.env.id); // fail early on an unknown id
        // runs into a run directory keep their evaluation episodes for the viewer's replay
        this.recorder = sink instanceof RunDirectory dir ? new EvalRecorder(dir.path(), config.env.id, config.env.options)
                : null;
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

    /** Writes checkpoints every {@code train.checkpointEvery} episodes into a run directory (and the metrics offset). */
    public Runner withCheckpoints(Checkpoints store, LongSupplier metricsBytes) {
        this.checkpoints = store;
        this.metricsBytes = metricsBytes;
        return this;
    }

    /** Trains and evaluates the {@code index}-th seed from the start. */
    public SeedResult runSeed(int index) {
        return runSeed(index, null);
    }

    /**
     * Trains and evaluates the {@code index}-th seed, from the start or from {@code checkpoint} (a directory written by
     * {@link Checkpoints}); resuming gives the same metrics as never stopping.
     */
    @SuppressWarnings("unchecked")
    public SeedResult runSeed(int index, Path checkpoint) {
        long start = System.nanoTime();
        long runSeed = Seeds.run(config.seed, index);
        long evalSeed = Seeds.child(runSeed, Seeds.EVAL);
        Env<Object, Object> env = Envs.make(config.env.id, config.env.options);
        Env<Object, Object> evalEnv = Envs.make(config.env.id, config.env.options);
        Agent<Object, Object> agent = (Agent<Object, Object>) agentSpec.create(env, Seeds.child(runSeed, Seeds.AGENT));
        SeedState st = new SeedState();
        if (checkpoint != null) {
            try {
                st = Checkpoints.restore(checkpoint, agent, env);
                st.resumes++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        double earlier = st.seconds; // training time of earlier sessions (0 for a fresh start)
        long maxEpisodes = config.train.episodes > 0 ? config.train.episodes : Long.MAX_VALUE;
        long maxSteps = config.train.steps > 0 ? config.train.steps : Long.MAX_VALUE;
        long work = workPerSeed(config);
        int evalEvery = config.eval.everySteps;
        while (st.episode < maxEpisodes && st.steps < maxSteps) {
            st.episode++;
            Step<Object> s = st.episode == 1 ? env.reset(Seeds.child(runSeed, Seeds.ENV)) : env.reset();
            double episodeReturn = 0;
            while (true) {
                Object action = agent.act(s.observation(), Mode.TRAIN);
                Step<Object> next = env.step(action);
                agent.observe(new Transition<>(s.observation(), action, next.reward(), next.observation(),
                        next.terminated(), next.truncated()));
                episodeReturn += next.reward();
                st.steps++;
                s = next;
                if (evalEvery > 0 && st.steps % evalEvery == 0) {
                    evaluatePeriodically(index, st, agent, evalEnv, evalSeed);
                }
                if (next.terminated() || next.truncated() || st.steps >= maxSteps) {
                    break;
                }
            }
            st.totalReturn += episodeReturn;
            st.windowReturn += episodeReturn;
            st.windowEpisodes++;
            boolean last = st.episode >= maxEpisodes || st.steps >= maxSteps;
            if (st.episode % config.train.logEvery == 0 || last) {
                logWindow(index, st, agent);
                long done = config.train.steps > 0 ? st.steps : st.episode;
                progress.update((long) index * work + done, "seed " + (index + 1) + "/" + config.seeds
                        + (config.train.steps > 0 ? " step " + st.steps + "/" + maxSteps
                        : " episode " + st.episode + "/" + maxEpisodes));
            }
            if (checkpoints != null && config.train.checkpointEvery > 0
                    && (st.episode % config.train.checkpointEvery == 0 || last)) { // the trained agent is always kept
                st.metricsBytes = metricsBytes.getAsLong();
                st.seconds = earlier + (System.nanoTime() - start) / 1e9;
                try {
                    checkpoints.save(index, st, agent, env);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write a checkpoint of seed " + index + ": " + e.getMessage(), e);
                }
            }
        }
        return finish(index, runSeed, evalSeed, st, agent, env, evalEnv, start, earlier);
    }

    private void evaluatePeriodically(int index, SeedState st, Agent<Object, Object> agent, Env<Object, Object> evalEnv,
                                      long evalSeed) {
        evaluatePeriodically(config, sink, recorder, index, st, agent, evalEnv, evalSeed);
    }

    /**
     * A periodic greedy evaluation (shared with {@link VectorRunner}): its mean return goes into the curve and the
     * metrics (an "eval" line), its first episode to the recorder, and the first one at or above the config's
     * solvedAt marks the seed solved.
     */
    static void evaluatePeriodically(ExperimentConfig config, MetricsSink sink, EvalRecorder recorder, int index,
                                     SeedState st, Agent<Object, Object> agent, Env<Object, Object> evalEnv, long evalSeed) {
        double mean = EvalRecorder.evaluate(recorder, evalEnv, agent, config.eval.periodicEpisodes,
                Seeds.child(evalSeed, "periodic/" + st.steps), index, EvalRecorder.periodic(st.steps)).meanReturn();
        st.curve.add(new double[] {st.steps, mean});
        JsonObject m = new JsonObject();
        m.addProperty("seed", index);
        m.addProperty("event", "eval");
        m.addProperty("steps", st.steps);
        m.addProperty("greedyReturn", mean);
        sink.accept(m);
        if (st.solvedAt < 0 && config.eval.solvedAt != null && mean >= config.eval.solvedAt) {
            st.solvedAt = st.steps;
        }
    }

    private void logWindow(int index, SeedState st, Agent<Object, Object> agent) {
        st.lastWindow = st.windowReturn / st.windowEpisodes;
        st.trainingCurve.add(new double[] {st.steps, st.lastWindow});
        JsonObject m = new JsonObject();
        m.addProperty("seed", index);
        m.addProperty("episode", st.episode);
        m.addProperty("steps", st.steps);
        m.addProperty("meanReturn", st.lastWindow);
        m.addProperty("trainReturn", st.totalReturn / st.episode);
        if ((Object) agent instanceof TabularAgent t) {
            m.addProperty("epsilon", t.epsilon());
        }
        sink.accept(m);
        st.windowReturn = 0;
        st.windowEpisodes = 0;
    }

    @SuppressWarnings("unchecked")
    private SeedResult finish(int index, long runSeed, long evalSeed, SeedState st, Agent<Object, Object> agent,
                              Env<Object, Object> env, Env<Object, Object> evalEnv, long start, double earlier) {
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
        Evaluation.Result sampled = EvalRecorder.evaluate(recorder, evalEnv, greedy, config.eval.episodes, evalSeed,
                index, "final");
        JsonObject m = new JsonObject();
        m.addProperty("seed", index);
        m.addProperty("event", "final");
        m.addProperty("steps", st.steps);
        m.addProperty("episodes", st.episode);
        m.addProperty("trainReturn", st.totalReturn / st.episode);
        if (!Double.isNaN(exact)) {
            m.addProperty("greedyExact", exact);
        }
        m.addProperty("greedySampled", sampled.meanReturn());
        m.addProperty("evalEpisodes", sampled.episodes());
        if (config.eval.everySteps > 0) {
            m.addProperty("solvedAtStep", st.solvedAt);
        }
        sink.accept(m);
        return new SeedResult(index, runSeed, st.totalReturn / st.episode, st.lastWindow, exact, sampled, st.steps,
                st.solvedAt, List.copyOf(st.curve), List.copyOf(st.trainingCurve),
                earlier + (System.nanoTime() - start) / 1e9);
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
