package dev.arcadia.experiments.run;

import com.google.gson.JsonObject;
import dev.arcadia.agents.Agent;
import dev.arcadia.agents.Evaluation;
import dev.arcadia.agents.Mode;
import dev.arcadia.agents.Policy;
import dev.arcadia.agents.Transition;
import dev.arcadia.agents.planning.PolicyEvaluation;
import dev.arcadia.agents.planning.TabularPolicy;
import dev.arcadia.agents.tabular.TabularAgent;
import dev.arcadia.env.Env;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.env.TabularEnv;
import dev.arcadia.experiments.config.AgentCatalog;
import dev.arcadia.experiments.config.ExperimentConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an experiment: for each seed, trains an agent (the loop in {@link #runSeed} is the whole training loop:
 * reset, act, step, observe, log) and evaluates its greedy policy, exactly by dynamic programming where the
 * environment exposes its model, and by sampling.
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
     * @param seconds        wall-clock seconds of training and evaluation
     */
    public record SeedResult(int index, long seed, double trainReturn, double lastReturn, double greedyExact,
                             Evaluation.Result greedySampled, long steps, double seconds) {
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
        Env<Object, Object> env = Envs.make(config.env.id, config.env.options);
        Agent<Object, Object> agent = (Agent<Object, Object>) agentSpec.create(env, Seeds.child(runSeed, Seeds.AGENT));
        int episodes = config.train.episodes;
        double totalReturn = 0;
        double windowReturn = 0;
        int windowEpisodes = 0;
        double lastWindow = 0;
        long steps = 0;
        for (int episode = 1; episode <= episodes; episode++) {
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
                if (next.terminated() || next.truncated()) {
                    break;
                }
            }
            totalReturn += episodeReturn;
            windowReturn += episodeReturn;
            windowEpisodes++;
            if (episode % config.train.logEvery == 0 || episode == episodes) {
                lastWindow = windowReturn / windowEpisodes;
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
                progress.update((long) index * episodes + episode, "seed " + (index + 1) + "/" + config.seeds
                        + " episode " + episode + "/" + episodes);
            }
        }
        long evalSeed = Seeds.child(runSeed, Seeds.EVAL);
        double exact = Double.NaN;
        Policy<Object, Object> greedy = agent;
        if ((Object) agent instanceof TabularAgent t) {
            TabularPolicy policy = t.greedyPolicy(evalSeed);
            greedy = (Policy<Object, Object>) (Policy<?, ?>) policy;
            int horizon = env.spec().map(EnvSpec::maxEpisodeSteps).orElse(0);
            if (config.eval.exact && env.unwrapped() instanceof TabularEnv model && horizon > 0) {
                exact = PolicyEvaluation.finiteHorizon(model.transitionTable(), policy, horizon);
            }
        }
        Env<Object, Object> evalEnv = Envs.make(config.env.id, config.env.options);
        Evaluation.Result sampled = Evaluation.run(evalEnv, greedy, config.eval.episodes, evalSeed);
        JsonObject m = new JsonObject();
        m.addProperty("seed", index);
        m.addProperty("event", "final");
        m.addProperty("steps", steps);
        m.addProperty("trainReturn", totalReturn / episodes);
        if (!Double.isNaN(exact)) {
            m.addProperty("greedyExact", exact);
        }
        m.addProperty("greedySampled", sampled.meanReturn());
        m.addProperty("evalEpisodes", sampled.episodes());
        sink.accept(m);
        return new SeedResult(index, runSeed, totalReturn / episodes, lastWindow, exact, sampled, steps,
                (System.nanoTime() - start) / 1e9);
    }

    /** The final table: one row per seed, then mean and standard deviation. */
    public static String table(List<SeedResult> results) {
        Table t = new Table("seed", "train return", "last window", "greedy exact (DP)", "greedy sampled", "eval episodes",
                "steps", "seconds");
        for (SeedResult r : results) {
            t.row(r.index(), f4(r.trainReturn()), f4(r.lastReturn()), f4(r.greedyExact()), f4(r.greedySampled().meanReturn()),
                    r.greedySampled().episodes(), r.steps(), String.format("%.2f", r.seconds()));
        }
        double[] train = results.stream().mapToDouble(SeedResult::trainReturn).toArray();
        double[] last = results.stream().mapToDouble(SeedResult::lastReturn).toArray();
        double[] exact = results.stream().mapToDouble(SeedResult::greedyExact).toArray();
        double[] sampled = results.stream().mapToDouble(r -> r.greedySampled().meanReturn()).toArray();
        t.row("mean ± sd", pm(train), pm(last), pm(exact), pm(sampled), "", "", "");
        return t.toString();
    }

    static String f4(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.4f", v);
    }

    static String pm(double[] v) {
        return Double.isNaN(v[0]) ? "n/a" : String.format("%.4f ± %.4f", Stats.mean(v), Stats.sd(v));
    }
}
