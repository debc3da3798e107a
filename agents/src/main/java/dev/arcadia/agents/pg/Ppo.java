package dev.arcadia.agents.pg;

import dev.arcadia.env.space.Space;
import dev.arcadia.nets.Params;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.optim.Adam;
import dev.arcadia.nets.optim.Optimizer;
import java.util.List;

/**
 * Proximal Policy Optimization (Schulman et al., "Proximal Policy Optimization Algorithms", 2017), following
 * CleanRL's {@code ppo.py} / {@code ppo_continuous_action.py} and the implementation details of Huang et al. ("The
 * 37 Implementation Details of Proximal Policy Optimization", ICLR blog track 2022): rollouts of
 * {@code rolloutSteps} steps from {@code numEnvs} copies, GAE(lambda) advantages, then {@code epochs} passes over the
 * rollout in {@code minibatches} shuffled minibatches, each one Adam step (epsilon 1e-5) on
 * <pre>
 *   L = mean max(-A r, -A clip(r, 1 - c, 1 + c))                     r = pi(a|s) / pi_old(a|s)
 *     + valueCoef * 1/2 mean max((V - R)^2, (V_old + clip(V - V_old, -vc, vc) - R)^2)   (value clipping optional)
 *     - entropyCoef * mean H(pi(.|s))
 * </pre>
 * with advantages normalized per minibatch, the global gradient norm clipped, the learning rate and the clip range
 * optionally annealed linearly to 0, and an optional early stop when the approximate KL divergence
 * {@code mean((r - 1) - log r)} of a minibatch exceeds 1.5 x targetKl (Stable-Baselines3's rule; the rest of the
 * update is skipped). Categorical policies for Discrete actions, diagonal Gaussian ones for Box actions.
 */
public final class Ppo extends PolicyGradientAgent {

    /** Hyperparameters; the defaults are CleanRL's {@code ppo.py} (CartPole). Shared ones: {@link CommonConfig}. */
    public static final class Config extends CommonConfig {
        /** Passes over each rollout. */
        public int epochs = 4;
        /** Minibatches per pass; {@code numEnvs * rolloutSteps} must be a multiple of it. */
        public int minibatches = 4;
        /** The surrogate's clip range c. */
        public double clip = 0.2;
        /** Anneal the clip range linearly to 0 with the training budget (RL Zoo's {@code lin_0.2}). */
        public boolean annealClip = false;
        /** Value clipping range around the rollout's values (0 = plain squared error). */
        public double valueClip = 0.2;
        /** GAE lambda. */
        public double gaeLambda = 0.95;
        /** Weight of the value loss (on one half of the squared error). */
        public double valueCoef = 0.5;
        /** Normalize the advantages of each minibatch to mean 0, standard deviation 1. */
        public boolean normalizeAdvantages = true;
        /** Stop the update early when a minibatch's approximate KL exceeds 1.5 x this (0 = never). */
        public double targetKl = 0;
        /** Adam's epsilon (CleanRL: 1e-5). */
        public double adamEpsilon = 1e-5;

        public Config() {
            numEnvs = 4;
            rolloutSteps = 128;
            learningRate = 2.5e-4;
            annealLearningRate = true;
            entropyCoef = 0.01;
        }

        @Override
        public List<String> problems() {
            List<String> p = commonProblems();
            if (epochs < 1) {
                p.add("epochs: expected an integer >= 1, got " + epochs);
            }
            int batch = numEnvs * rolloutSteps;
            if (minibatches < 1 || batch % minibatches != 0 || (normalizeAdvantages && batch / minibatches < 2)) {
                p.add("minibatches: expected a divisor of numEnvs * rolloutSteps (" + batch + ") leaving minibatches of"
                        + " at least 2, got " + minibatches);
            }
            if (!(clip > 0)) {
                p.add("clip: expected a number > 0, got " + clip);
            }
            if (!(valueClip >= 0)) {
                p.add("valueClip: expected a number >= 0 (0 = off), got " + valueClip);
            }
            if (!(gaeLambda >= 0 && gaeLambda <= 1)) {
                p.add("gaeLambda: expected a number in [0, 1], got " + gaeLambda);
            }
            if (!(valueCoef >= 0)) {
                p.add("valueCoef: expected a number >= 0, got " + valueCoef);
            }
            if (!(targetKl >= 0)) {
                p.add("targetKl: expected a number >= 0 (0 = off), got " + targetKl);
            }
            if (!(adamEpsilon > 0)) {
                p.add("adamEpsilon: expected a number > 0, got " + adamEpsilon);
            }
            return p;
        }
    }

    private final Config config;
    private final Params params;
    private final Adam optimizer;
    private final int minibatch;
    private final int[] order;
    private final Tensor mbObservations;
    private final int[] mbActions;
    private final float[] mbBoxActions;
    private final float[] mbAdvantages;
    private final float[] logProbs;
    private final float[] entropies;
    private final float[] dLogProb;
    private final float[] dEntropy;
    private final float[] dValue;

    public Ppo(Config config, Space<?> observationSpace, Space<?> actionSpace, long seed) {
        super("ppo", config, observationSpace, actionSpace, true, seed);
        this.config = config;
        this.params = model.allParams;
        this.optimizer = new Adam(params, config.learningRate, 0.9, 0.999, config.adamEpsilon);
        this.minibatch = rollout.size / config.minibatches;
        this.order = new int[rollout.size];
        this.mbObservations = Tensor.zeros(minibatch, model.observationSize);
        this.mbActions = model.discrete ? new int[minibatch] : null;
        this.mbBoxActions = model.discrete ? null : new float[minibatch * model.actionSize];
        this.mbAdvantages = new float[minibatch];
        this.logProbs = new float[minibatch];
        this.entropies = new float[minibatch];
        this.dLogProb = new float[minibatch];
        this.dEntropy = new float[minibatch];
        this.dValue = new float[minibatch];
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
        Gae.advantages(r.steps, r.envs, r.rewards, r.dones, r.values, r.lastValues, gamma, config.gaeLambda,
                r.advantages, r.returns);
        double frac = remaining();
        double lr = config.annealLearningRate ? config.learningRate * frac : config.learningRate;
        double clip = config.annealClip ? config.clip * frac : config.clip;
        clearStats();
        if (!(lr > 0)) {
            return; // the annealed rate has reached 0: nothing left to learn
        }
        optimizer.setLearningRate(lr);
        int obs = model.observationSize;
        int act = model.actionSize;
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        double policyLoss = 0;
        double valueLoss = 0;
        double entropy = 0;
        double approxKl = 0;
        double clipFraction = 0;
        int steps = 0;
        boolean stop = false;
        for (int epoch = 0; epoch < config.epochs && !stop; epoch++) {
            for (int k = order.length - 1; k > 0; k--) { // Fisher-Yates
                int j = rng.nextInt(k + 1);
                int tmp = order[k];
                order[k] = order[j];
                order[j] = tmp;
            }
            for (int mb = 0; mb < config.minibatches; mb++) {
                int base = mb * minibatch;
                float[] x = mbObservations.data();
                for (int b = 0; b < minibatch; b++) {
                    int k = order[base + b];
                    System.arraycopy(r.observations, k * obs, x, b * obs, obs);
                    if (model.discrete) {
                        mbActions[b] = r.actions[k];
                    } else {
                        System.arraycopy(r.boxActions, k * act, mbBoxActions, b * act, act);
                    }
                    mbAdvantages[b] = r.advantages[k];
                }
                if (config.normalizeAdvantages) {
                    Gae.normalize(mbAdvantages, 0, minibatch);
                }
                Tensor head = model.policy(mbObservations, true);
                model.evaluate(head, minibatch, mbActions, mbBoxActions, logProbs, entropies);
                double kl = 0;
                double pl = 0;
                double ent = 0;
                int clipped = 0;
                for (int b = 0; b < minibatch; b++) {
                    int k = order[base + b];
                    double logRatio = logProbs[b] - r.logProbs[k];
                    double ratio = Math.exp(logRatio);
                    kl += (ratio - 1) - logRatio;
                    double a = mbAdvantages[b];
                    double unclipped = -a * ratio;
                    double clippedLoss = -a * Math.min(Math.max(ratio, 1 - clip), 1 + clip);
                    pl += Math.max(unclipped, clippedLoss);
                    dLogProb[b] = unclipped >= clippedLoss ? (float) (-a * ratio / minibatch) : 0f;
                    dEntropy[b] = (float) (-config.entropyCoef / minibatch);
                    ent += entropies[b];
                    if (Math.abs(ratio - 1) > clip) {
                        clipped++;
                    }
                }
                kl /= minibatch;
                if (config.targetKl > 0 && kl > 1.5 * config.targetKl) {
                    approxKl = kl;
                    stop = true;
                    break;
                }
                params.zeroGrad();
                model.backwardPolicy(head, minibatch, mbActions, mbBoxActions, dLogProb, dEntropy);
                Tensor v = model.value(mbObservations, true);
                double vl = 0;
                for (int b = 0; b < minibatch; b++) {
                    int k = order[base + b];
                    double value = v.get(b);
                    double ret = r.returns[k];
                    double errUnclipped = value - ret;
                    double g = errUnclipped;
                    double loss = errUnclipped * errUnclipped;
                    if (config.valueClip > 0) {
                        double old = r.values[k];
                        double delta = Math.min(Math.max(value - old, -config.valueClip), config.valueClip);
                        double errClipped = old + delta - ret;
                        if (errClipped * errClipped > loss) {
                            loss = errClipped * errClipped;
                            g = Math.abs(value - old) < config.valueClip ? errClipped : 0;
                        }
                    }
                    vl += 0.5 * loss;
                    dValue[b] = (float) (config.valueCoef * g / minibatch);
                }
                model.backwardValue(minibatch, dValue);
                if (config.maxGradNorm > 0) {
                    params.clipGradNorm(config.maxGradNorm);
                }
                optimizer.step();
                policyLoss += pl / minibatch;
                valueLoss += vl / minibatch;
                entropy += ent / minibatch;
                approxKl = kl;
                clipFraction += clipped / (double) minibatch;
                steps++;
            }
        }
        int n = Math.max(1, steps);
        stat("policyLoss", policyLoss / n);
        stat("valueLoss", valueLoss / n);
        stat("entropy", entropy / n);
        stat("approxKl", approxKl);
        stat("clipFraction", clipFraction / n);
        stat("explainedVariance", explainedVariance(r));
        stat("learningRate", lr);
        stat("clip", clip);
        stat("gradientSteps", steps);
    }

    /** {@code 1 - Var(R - V) / Var(R)} over the rollout: how much of the returns the value function explains. */
    static double explainedVariance(Rollout r) {
        double mr = 0;
        double md = 0;
        for (int k = 0; k < r.size; k++) {
            mr += r.returns[k];
            md += r.returns[k] - r.values[k];
        }
        mr /= r.size;
        md /= r.size;
        double vr = 0;
        double vd = 0;
        for (int k = 0; k < r.size; k++) {
            double d = r.returns[k] - r.values[k] - md;
            vr += (r.returns[k] - mr) * (r.returns[k] - mr);
            vd += d * d;
        }
        return vr == 0 ? Double.NaN : 1 - vd / vr;
    }
}
