package dev.arcadia.agents.pg;

import dev.arcadia.env.space.Space;
import dev.arcadia.nets.Params;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.optim.Adam;
import dev.arcadia.nets.optim.Optimizer;
import dev.arcadia.nets.optim.RmsProp;
import java.util.List;

/**
 * Advantage actor-critic, the synchronous variant of A3C (Mnih et al., "Asynchronous Methods for Deep Reinforcement
 * Learning", ICML 2016), as Stable-Baselines3's {@code A2C}: every {@code rolloutSteps} (n) steps of the
 * {@code numEnvs} copies, one gradient step on
 * <pre>
 *   L = -mean A log pi(a|s) + valueCoef * 1/2 mean (V(s) - R)^2 - entropyCoef * mean H(pi(.|s))
 * </pre>
 * where R are the n-step returns bootstrapped from the critic and A = R - V, or with {@code gaeLambda < 1} the
 * GAE(lambda) advantages (Schulman et al., 2016) and {@code R = A + V}. RMSProp (alpha 0.99, epsilon 1e-5) as in the
 * paper and SB3, or Adam; the gradient norm is clipped. Categorical policies for Discrete actions, diagonal
 * Gaussian ones for Box actions.
 */
public final class A2c extends PolicyGradientAgent {

    /**
     * Hyperparameters; the defaults are Stable-Baselines3's A2C (8 copies, n = 5, lr 7e-4 RMSProp, gradient norm
     * 0.5, no entropy bonus as RL Zoo uses on CartPole). Shared ones: {@link CommonConfig}.
     */
    public static final class Config extends CommonConfig {
        /** GAE lambda; 1 gives plain n-step returns. */
        public double gaeLambda = 1.0;
        /** Weight of the value loss, on one half of the squared error (SB3's vf_coef 0.5 on the squared error). */
        public double valueCoef = 1.0;
        /** Normalize the advantages of each rollout to mean 0, standard deviation 1. */
        public boolean normalizeAdvantages = false;
        /** rmsprop or adam. */
        public String optimizer = "rmsprop";
        /** RMSProp's smoothing constant alpha. */
        public double rmsDecay = 0.99;
        /** The optimizer's epsilon (RMSProp and Adam). */
        public double optimizerEpsilon = 1e-5;

        public Config() {
            numEnvs = 8;
            rolloutSteps = 5;
            learningRate = 7e-4;
            entropyCoef = 0.0;
        }

        @Override
        public List<String> problems() {
            List<String> p = commonProblems();
            if (!(gaeLambda >= 0 && gaeLambda <= 1)) {
                p.add("gaeLambda: expected a number in [0, 1], got " + gaeLambda);
            }
            if (!(valueCoef >= 0)) {
                p.add("valueCoef: expected a number >= 0, got " + valueCoef);
            }
            if (normalizeAdvantages && numEnvs * rolloutSteps < 2) {
                p.add("normalizeAdvantages: needs numEnvs * rolloutSteps >= 2, got " + numEnvs * rolloutSteps);
            }
            if (!List.of("rmsprop", "adam").contains(optimizer)) {
                p.add("optimizer: expected rmsprop or adam, got " + optimizer);
            }
            if (!(rmsDecay >= 0 && rmsDecay < 1)) {
                p.add("rmsDecay: expected a number in [0, 1), got " + rmsDecay);
            }
            if (!(optimizerEpsilon > 0)) {
                p.add("optimizerEpsilon: expected a number > 0, got " + optimizerEpsilon);
            }
            return p;
        }
    }

    private final Config config;
    private final Params params;
    private final Optimizer optimizer;
    /** The whole rollout's observations as one batch (a view of the rollout's array). */
    private final Tensor observations;
    private final float[] logProbs;
    private final float[] entropies;
    private final float[] dLogProb;
    private final float[] dEntropy;
    private final float[] dValue;

    public A2c(Config config, Space<?> observationSpace, Space<?> actionSpace, long seed) {
        super("a2c", config, observationSpace, actionSpace, true, seed);
        this.config = config;
        this.params = model.allParams;
        this.optimizer = config.optimizer.equals("adam")
                ? new Adam(params, config.learningRate, 0.9, 0.999, config.optimizerEpsilon)
                : new RmsProp(params, config.learningRate, config.rmsDecay, config.optimizerEpsilon, 0, false);
        int n = rollout.size;
        this.observations = Tensor.of(rollout.observations, n, model.observationSize);
        this.logProbs = new float[n];
        this.entropies = new float[n];
        this.dLogProb = new float[n];
        this.dEntropy = new float[n];
        this.dValue = new float[n];
    }

    public Config config() {
        return config;
    }

    @Override
    List<Optimizer> optimizers() {
        return List.of(optimizer);
    }

    @Override
    void update() {
        Rollout r = rollout;
        int n = r.size;
        Gae.advantages(r.steps, r.envs, r.rewards, r.dones, r.values, r.lastValues, gamma, config.gaeLambda,
                r.advantages, r.returns);
        if (config.normalizeAdvantages) {
            Gae.normalize(r.advantages, 0, n);
        }
        double lr = config.annealLearningRate ? config.learningRate * remaining() : config.learningRate;
        clearStats();
        if (!(lr > 0)) {
            return;
        }
        optimizer.setLearningRate(lr);
        params.zeroGrad();
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
        Tensor v = model.value(observations, true);
        double valueLoss = 0;
        for (int k = 0; k < n; k++) {
            double err = v.get(k) - r.returns[k];
            valueLoss += 0.5 * err * err;
            dValue[k] = (float) (config.valueCoef * err / n);
        }
        model.backwardValue(n, dValue);
        double norm = config.maxGradNorm > 0 ? params.clipGradNorm(config.maxGradNorm) : params.gradNorm();
        optimizer.step();
        stat("policyLoss", policyLoss / n);
        stat("valueLoss", valueLoss / n);
        stat("entropy", entropy / n);
        stat("gradNorm", norm);
        stat("explainedVariance", Ppo.explainedVariance(r));
        stat("learningRate", lr);
    }
}
