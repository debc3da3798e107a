package dev.arcadia.experiments.run;

import com.google.gson.JsonObject;
import dev.arcadia.agents.Agent;
import dev.arcadia.agents.Evaluation;
import dev.arcadia.agents.pg.VectorAgent;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.vector.SyncVectorEnv;
import dev.arcadia.env.vector.ThreadedVectorEnv;
import dev.arcadia.env.vector.VectorEnv;
import dev.arcadia.experiments.config.AgentCatalog;
import dev.arcadia.experiments.config.ConfigException;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.experiments.episodes.EvalRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs an experiment with a policy-gradient agent ({@link VectorAgent}): for each seed, the agent's
 * {@code numEnvs} copies of the environment step together in a {@link SyncVectorEnv} ({@code envThreads = 1}) or a
 * {@link ThreadedVectorEnv}, the loop in {@link #runSeed} collects and learns, and the greedy policy is evaluated
 * periodically and at the end, as {@link Runner} does for single-environment agents.
 *
 * <p>Budgets count environment steps of all copies together ({@code train.steps}); {@code train.episodes} counts
 * finished episodes. Metrics lines (every {@code train.logEvery} finished episodes) carry the mean training return
 * of the window and the statistics of the agent's last update; like every metric they hold no wall-clock values, so
 * the same config, seed and thread count give byte-identical {@code metrics.jsonl}. The vector environment of seed
 * i is reset with the run's {@code env} child seed (copy j gets that seed + j).
 *
 * <p>Checkpoints ({@link #withCheckpoints}): {@code train.checkpointEvery} counts finished episodes, as for
 * {@link Runner}, but an agent can only be saved whole between updates, so a checkpoint is written at the end of the
 * first update after every {@code checkpointEvery}-th episode, and once more when training ends (the trained agent is
 * always kept; that one may fall inside a rollout, which is harmless because nothing is learned after it). It goes to
 * {@code checkpoints/seed-I/step-N/} (N = environment steps) and holds the agent, the vector environment (every copy
 * and the batch of current observations) and the loop counters with each copy's running return, so that
 * {@link #runSeed(int, Path)} continues it bit-identically: a resumed run writes the same metrics as one that never
 * stopped.
 */
public final class VectorRunner {

    private final ExperimentConfig config;
    private final AgentCatalog.BoundAgent agentSpec;
    private final MetricsSink sink;
    private final EvalRecorder recorder;
    private final Progress progress;
    private Checkpoints checkpoints;
    private LongSupplier metricsBytes = () -> 0L;

    public VectorRunner(ExperimentConfig config, MetricsSink sink, Progress progress) {
        this.config = config;
        this.agentSpec = AgentCatalog.bind(config.agent, "$.agent");
        if (!agentSpec.vectorized()) {
            throw new ConfigException("$.agent.type", "'" + agentSpec.type() + "' learns from one environment; "
                    + "the vector runner takes " + String.join(", ", AgentCatalog.vectorTypes()));
        }
        this.sink = sink;
        this.progress = progress;
        Envs.registry().spec(config.env.id); // fail early on an unknown id
        // runs into a run directory keep their evaluation episodes for the viewer's replay
        this.recorder = sink instanceof RunDirectory dir ? new EvalRecorder(dir.path(), config.env.id, config.env.options)
                : null;
    }

    /** Runs every seed in order. */
    public List<Runner.SeedResult> run() {
        List<Runner.SeedResult> results = new ArrayList<>();
        for (int i = 0; i < config.seeds; i++) {
            results.add(runSeed(i));
        }
        return results;
    }

    /** Writes checkpoints (see the class comment) into a run directory, with the metrics offset of each. */
    public VectorRunner withCheckpoints(Checkpoints store, LongSupplier metricsBytes) {
        this.checkpoints = store;
        this.metricsBytes = metricsBytes;
        return this;
    }

    /** Trains and evaluates the {@code index}-th seed from the start. */
    public Runner.SeedResult runSeed(int index) {
        return runSeed(index, null);
    }

    /**
     * Trains and evaluates the {@code index}-th seed, from the start or from {@code checkpoint} (a {@code step-N}
     * directory written by this runner); resuming gives the same metrics as never stopping.
     */
    @SuppressWarnings("unchecked")
    public Runner.SeedResult runSeed(int index, Path checkpoint) {
        long start = System.nanoTime();
        long runSeed = Seeds.run(config.seed, index);
        long evalSeed = Seeds.child(runSeed, Seeds.EVAL);
        Env<Object, Object> evalEnv = Envs.make(config.env.id, config.env.options);
        Agent<Object, Object> agent = (Agent<Object, Object>) agentSpec.create(evalEnv,
                Seeds.child(runSeed, Seeds.AGENT));
        VectorAgent learner = (VectorAgent) agent;
        int n = learner.numEnvs();
        long maxEpisodes = config.train.episodes > 0 ? config.train.episodes : Long.MAX_VALUE;
        long maxSteps = config.train.steps > 0 ? config.train.steps : Long.MAX_VALUE;
        long work = Runner.workPerSeed(config);
        long evalEvery = config.eval.everySteps;
        learner.setTrainingBudget(config.train.steps);
        int every = config.train.checkpointEvery;
        SeedState st = new SeedState();
        double earlier;
        try (VectorEnv env = learner.envThreads() > 1
                ? new ThreadedVectorEnv(config.env.id, config.env.options, n, learner.envThreads())
                : new SyncVectorEnv(config.env.id, config.env.options, n)) {
            if (checkpoint == null) {
                env.reset(Seeds.child(runSeed, Seeds.ENV));
                st.running = new double[n];
            } else {
                try {
                    st = Checkpoints.restore(checkpoint, agent, env);
                    st.resumes++;
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot continue from " + checkpoint + ": " + e.getMessage()
                            + "; delete that directory to continue from the checkpoint before it", e);
                }
            }
            double[] running = st.running;
            earlier = st.seconds; // training time of earlier sessions (0 for a fresh start)
            long checkpointedAt = st.episode; // episodes at the last checkpoint
            long reported = config.train.steps > 0 ? st.steps : st.episode;
            while (st.steps < maxSteps && st.episode < maxEpisodes) {
                learner.act(env.observations());
                learner.applyActions(env);
                boolean updated = learner.observe(env);
                st.steps += n;
                double[] rewards = env.rewards();
                for (int i = 0; i < n; i++) {
                    running[i] += rewards[i];
                    if (env.done(i)) {
                        st.episode++;
                        st.totalReturn += running[i];
                        st.windowReturn += running[i];
                        st.windowEpisodes++;
                        running[i] = 0;
                        if (st.episode % config.train.logEvery == 0) {
                            logWindow(index, st, learner);
                        }
                    }
                }
                if (evalEvery > 0 && st.steps / evalEvery > (st.steps - n) / evalEvery) {
                    Runner.evaluatePeriodically(config, sink, recorder, index, st, agent, evalEnv, evalSeed);
                }
                boolean last = st.steps >= maxSteps || st.episode >= maxEpisodes;
                if (checkpoints != null && every > 0 && (last || updated && st.episode / every > checkpointedAt / every)) {
                    st.metricsBytes = metricsBytes.getAsLong();
                    st.seconds = earlier + (System.nanoTime() - start) / 1e9;
                    try {
                        checkpoints.save(index, st, agent, env);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write a checkpoint of seed " + index + ": "
                                + e.getMessage(), e);
                    }
                    checkpointedAt = st.episode;
                }
                long done = config.train.steps > 0 ? st.steps : st.episode;
                if (done - reported >= work / 200 + 1 || st.steps >= maxSteps || st.episode >= maxEpisodes) {
                    reported = done;
                    progress.update((long) index * work + Math.min(done, work), "seed " + (index + 1) + "/"
                            + config.seeds + (config.train.steps > 0 ? " step " + st.steps + "/" + maxSteps
                            : " episode " + st.episode + "/" + maxEpisodes));
                }
            }
        }
        if (st.windowEpisodes > 0) {
            logWindow(index, st, learner);
        }
        Evaluation.Result sampled = EvalRecorder.evaluate(recorder, evalEnv, agent, config.eval.episodes, evalSeed,
                index, "final");
        double trainReturn = st.episode > 0 ? st.totalReturn / st.episode : Double.NaN;
        JsonObject m = new JsonObject();
        m.addProperty("seed", index);
        m.addProperty("event", "final");
        m.addProperty("steps", st.steps);
        m.addProperty("episodes", st.episode);
        m.addProperty("updates", learner.updates());
        if (st.episode > 0) {
            m.addProperty("trainReturn", trainReturn);
        }
        m.addProperty("greedySampled", sampled.meanReturn());
        m.addProperty("evalEpisodes", sampled.episodes());
        if (evalEvery > 0) {
            m.addProperty("solvedAtStep", st.solvedAt);
        }
        sink.accept(m);
        return new Runner.SeedResult(index, runSeed, trainReturn, st.lastWindow, Double.NaN, sampled, st.steps,
                st.solvedAt, List.copyOf(st.curve), List.copyOf(st.trainingCurve),
                earlier + (System.nanoTime() - start) / 1e9);
    }

    private void logWindow(int index, SeedState st, VectorAgent learner) {
        st.lastWindow = st.windowReturn / st.windowEpisodes;
        st.trainingCurve.add(new double[] {st.steps, st.lastWindow});
        JsonObject m = new JsonObject();
        m.addProperty("seed", index);
        m.addProperty("episode", st.episode);
        m.addProperty("steps", st.steps);
        m.addProperty("meanReturn", st.lastWindow);
        m.addProperty("trainReturn", st.totalReturn / st.episode);
        m.addProperty("updates", learner.updates());
        for (Map.Entry<String, Double> e : learner.updateStats().entrySet()) {
            m.addProperty(e.getKey(), e.getValue());
        }
        sink.accept(m);
        st.windowReturn = 0;
        st.windowEpisodes = 0;
    }
}
