package dev.arcadia.agents.pg;

import dev.arcadia.env.space.Space;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.optim.Adam;
import dev.arcadia.nets.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * REINFORCE (Williams, "Simple Statistical Gradient-Following Algorithms for Connectionist Reinforcement
 * Learning", Machine Learning 1992): the Monte-Carlo policy gradient {@code grad J = E[sum_t grad log pi(a_t|s_t)
 * (G_t - b(s_t))]}, in the batch form of Spinning Up's VPG. Every {@code rolloutSteps} steps of the {@code numEnvs}
 * copies it computes the discounted returns {@code G_t} (reward-to-go, or with {@code rewardToGo = false} the return
 * of the whole episode for every step of it), subtracts the learned baseline {@code V(s_t)} if {@code baseline},
 * optionally normalizes, and takes one Adam step on {@code -mean (G - b) log pi - entropyCoef mean H}; the baseline
 * is then fitted to the returns by {@code valueEpochs} passes of {@code valueMinibatches} Adam steps on
 * {@code 1/2 (V - G)^2}.
 *
 * <p>An episode still running when the rollout ends is cut there, as in Spinning Up: its returns are bootstrapped
 * with the baseline's value of the next observation, or with 0 without a baseline (then they are the rewards
 * collected so far); so are episodes cut by a time limit. Make rollouts long next to the episodes (CartPole: 500
 * steps per copy) to keep most returns purely Monte-Carlo.
 */
public final class Reinforce extends PolicyGradientAgent {

    /** Hyperparameters; shared ones: {@link CommonConfig}. */
    public static final class Config extends CommonConfig {
        /** Learn a state-value baseline and subtract it from the returns. */
        public boolean baseline = true;
        /** Weight each action by the return that follows it (true) or by its whole episode's return (false). */
        public boolean rewardToGo = true;
        /** Normalize the weights (returns or advantages) of each rollout to mean 0, standard deviation 1. */
        public boolean normalizeAdvantages = true;
        /** Adam learning rate of the baseline. */
        public double valueLearningRate = 1e-3;
        /** Passes over each rollout fitting the baseline. */
        public int valueEpochs = 5;
        /** Minibatches per baseline pass; {@code numEnvs * rolloutSteps} must be a multiple of it. */
        public int valueMinibatches = 8;

        public Config() {
            numEnvs = 8;
            rolloutSteps = 500;
            learningRate = 3e-3;
            entropyCoef = 0.0;
            maxGradNorm = 0;
        }

        @Override
        public List<String> problems() {
            List<String> p = commonProblems();
            if (!(valueLearningRate > 0)) {
                p.add("valueLearningRate: expected a number > 0, got " + valueLearningRate);
            }
            if (valueEpochs < 1) {
                p.add("valueEpochs: expected an integer >= 1, got " + valueEpochs);
            }
            int batch = numEnvs * rolloutSteps;
            if (valueMinibatches < 1 || batch % valueMinibatches != 0) {
                p.add("valueMinibatches: expected a divisor of numEnvs * rolloutSteps (" + batch + "), got "
                        + valueMinibatches);
            }
            if (normalizeAdvantages && batch < 2) {
                p.add("normalizeAdvantages: needs numEnvs * rolloutSteps >= 2, got " + batch);
            }
            return p;
        }
    }

    private final Config config;
    private final Adam policyOptimizer;
    private final Adam valueOptimizer;
    private final Tensor observations;
    private final int valueBatch;
    private final int[] order;
    private final Tensor vbObservations;
    private final float[] logProbs;
    private final float[] entropies;
    private final float[] dLogProb;
    private final float[] dEntropy;
    private final float[] dValue;

    public Reinforce(Config config, Space<?> observationSpace, Space<?> actionSpace, long seed) {
        super("reinforce", config, observationSpace, actionSpace, config.baseline, seed);
        this.config = config;
        this.policyOptimizer = new Adam(model.actorParams, config.learningRate);
        this.valueOptimizer = config.baseline ? new Adam(model.criticParams, config.valueLearningRate) : null;
        int n = rollout.size;
        this.observations = Tensor.of(rollout.observations, n, model.observationSize);
        this.valueBatch = n / config.valueMinibatches;
        this.order = new int[n];
        this.vbObservations = Tensor.zeros(valueBatch, model.observationSize);
        this.logProbs = new float[n];
        this.entropies = new float[n];
        this.dLogProb = new float[n];
        this.dEntropy = new float[n];
        this.dValue = new float[valueBatch];
    }

    public Config config() {
        return config;
    }

    @Override
    List<Optimizer> optimizers() {
        List<Optimizer> o = new ArrayList<>(List.of(policyOptimizer));
        if (valueOptimizer != null) {
            o.add(valueOptimizer);
        }
        return o;
    }

    @Override
    void update() {
        Rollout r = rollout;
        int n = r.size;
        Gae.rewardToGo(r.steps, r.envs, r.rewards, r.dones, r.lastValues, gamma, r.returns);
        if (!config.rewardToGo) {
            Gae.wholeEpisodeReturns(r.steps, r.envs, r.dones, r.returns);
        }
        for (int k = 0; k < n; k++) {
            r.advantages[k] = r.returns[k] - (config.baseline ? r.values[k] : 0f);
        }
        if (config.normalizeAdvantages) {
            Gae.normalize(r.advantages, 0, n);
        }
        double frac = config.annealLearningRate ? remaining() : 1;
        clearStats();
        if (!(frac > 0)) {
            return;
        }
        policyOptimizer.setLearningRate(config.learningRate * frac);
        model.actorParams.zeroGrad();
        Tensor head = model.policy(observations, true);
        model.evaluate(head, n, r.actions, r.boxActions, logProbs, entropies);
        double policyLoss = 0;
        double entropy = 0;
        for (int k = 0; k < n; k++) {
            policyLoss -= r.advantages[k] * logProbs[k];
            entropy += entropies[k];
            dLogProb[k] = -r.advantages[k] / n;
            dEntropy[k] = (float) (-config.entropyCoef / n);
        }
        model.backwardPolicy(head, n, r.actions, r.boxActions, dLogProb, dEntropy);
        if (config.maxGradNorm > 0) {
            model.actorParams.clipGradNorm(config.maxGradNorm);
        }
        policyOptimizer.step();
        stat("policyLoss", policyLoss / n);
        stat("entropy", entropy / n);
        stat("meanReturn", mean(r.returns, n));
        if (config.baseline) {
            valueOptimizer.setLearningRate(config.valueLearningRate * frac);
            stat("valueLoss", fitBaseline(r));
            stat("explainedVariance", Ppo.explainedVariance(r));
        }
        stat("learningRate", config.learningRate * frac);
    }

    /** Fits V to the returns; returns the mean loss of the last pass. */
    private double fitBaseline(Rollout r) {
        int obs = model.observationSize;
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        double last = 0;
        for (int epoch = 0; epoch < config.valueEpochs; epoch++) {
            for (int k = order.length - 1; k > 0; k--) {
                int j = rng.nextInt(k + 1);
                int tmp = order[k];
                order[k] = order[j];
                order[j] = tmp;
            }
            last = 0;
            for (int mb = 0; mb < config.valueMinibatches; mb++) {
                float[] x = vbObservations.data();
                for (int b = 0; b < valueBatch; b++) {
                    System.arraycopy(r.observations, order[mb * valueBatch + b] * obs, x, b * obs, obs);
                }
                model.criticParams.zeroGrad();
                Tensor v = model.value(vbObservations, true);
                for (int b = 0; b < valueBatch; b++) {
                    double err = v.get(b) - r.returns[order[mb * valueBatch + b]];
                    last += 0.5 * err * err;
                    dValue[b] = (float) (err / valueBatch);
                }
                model.backwardValue(valueBatch, dValue);
                if (config.maxGradNorm > 0) {
                    model.criticParams.clipGradNorm(config.maxGradNorm);
                }
                valueOptimizer.step();
            }
        }
        return last / (config.valueMinibatches * (double) valueBatch);
    }

    private static double mean(float[] x, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += x[k];
        }
        return s / n;
    }
}
