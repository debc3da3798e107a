package dev.arcadia.agents.pg;

import dev.arcadia.agents.Mode;
import dev.arcadia.agents.PolicyDistribution;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.Rng;
import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Network;
import dev.arcadia.nets.Networks;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Params;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.layers.Activation;
import dev.arcadia.nets.layers.Dense;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The actor (policy) and critic (state value) networks of a policy-gradient agent and its action distribution:
 * categorical over the logits for {@code Discrete} actions ({@link CategoricalHead}), diagonal Gaussian around the
 * actor's output with a state-independent log standard deviation for {@code Box} actions ({@link GaussianHead}).
 * Separate MLPs as in CleanRL's PPO, initialized the same way: orthogonal weights with gain sqrt(2) in hidden layers,
 * 0.01 on the policy output and 1 on the value output, zero biases.
 *
 * <p>Batched calls take and return tensors whose first dimension is the batch; buffers are reused per batch size,
 * so steady-state calls allocate nothing. A backward call uses the last forward of the same network.
 */
final class ActorCritic {

    final boolean discrete;
    final int observationSize;
    /** Actions (Discrete) or action dimensions (Box). */
    final int actionSize;
    /** Box bounds, for clipping actions sent to the environment (null for Discrete). */
    final float[] low;
    final float[] high;
    final Network actor;
    /** Null when the algorithm has no critic (REINFORCE without baseline). */
    final Network critic;
    /** The Gaussian's log standard deviation, {@code [actionSize]} (null for Discrete). */
    final Param logStd;
    final Params actorParams;
    final Params criticParams;
    final Params allParams;
    private final Buffers headGrad = new Buffers();
    private final Buffers valueGrad = new Buffers();
    private final Tensor single;

    ActorCritic(String agent, Space<?> observationSpace, Space<?> actionSpace, String network,
                java.util.Map<String, ?> networkOptions, List<Integer> hidden, String activation, boolean withCritic,
                double initLogStd, long seed) {
        if (!(observationSpace instanceof Box obs)) {
            throw new IllegalArgumentException(agent + " needs a Box observation space (wrap Discrete observations in "
                    + "OneHotObservation), got " + observationSpace);
        }
        this.observationSize = obs.size();
        if (actionSpace instanceof Discrete d) {
            if (d.start() != 0) {
                throw new IllegalArgumentException(agent + " needs a Discrete action space starting at 0, got "
                        + actionSpace);
            }
            discrete = true;
            actionSize = d.n();
            low = null;
            high = null;
            logStd = null;
        } else if (actionSpace instanceof Box b) {
            discrete = false;
            actionSize = b.size();
            low = b.low();
            high = b.high();
            logStd = Param.zeros("logStd", actionSize);
            logStd.value().fill((float) initLogStd);
        } else {
            throw new IllegalArgumentException(agent + " needs a Discrete or Box action space, got " + actionSpace);
        }
        Rng init = new Rng(seed);
        if (network.equals("mlp")) {
            this.actor = mlp(observationSize, hidden, activation, actionSize, 0.01, init);
            this.critic = withCritic ? mlp(observationSize, hidden, activation, 1, 1.0, init) : null;
        } else { // a plugin network takes the rows of flat observations as its factory documents
            this.actor = Networks.create(network, obs.shape(), actionSize, networkOptions, init);
            this.critic = withCritic ? Networks.create(network, obs.shape(), 1, networkOptions, init) : null;
        }
        List<Param> a = new ArrayList<>();
        for (Param p : actor.params()) {
            a.add(p.renamed("actor." + p.name()));
        }
        if (logStd != null) {
            a.add(logStd.renamed("actor.logStd"));
        }
        List<Param> c = new ArrayList<>();
        if (critic != null) {
            for (Param p : critic.params()) {
                c.add(p.renamed("critic." + p.name()));
            }
        }
        List<Param> all = new ArrayList<>(a);
        all.addAll(c);
        this.actorParams = new Params(a);
        this.criticParams = new Params(c);
        this.allParams = new Params(all);
        this.single = Tensor.zeros(1, observationSize);
    }

    private static Network mlp(int in, List<Integer> hidden, String activation, int out, double outGain, Rng rng) {
        List<Layer> layers = new ArrayList<>();
        int width = in;
        for (int h : hidden) {
            layers.add(orthogonal(new Dense(width, h, Init.ZEROS, rng), Math.sqrt(2), rng));
            layers.add(activation.equals("relu") ? Activation.relu() : Activation.tanh());
            width = h;
        }
        layers.add(orthogonal(new Dense(width, out, Init.ZEROS, rng), outGain, rng));
        return new Network(layers);
    }

    private static Dense orthogonal(Dense d, double gain, Rng rng) {
        Init.orthogonal(d.params().get(0).value(), d.inputSize(), d.outputSize(), gain, rng);
        return d;
    }

    boolean hasCritic() {
        return critic != null;
    }

    /** Floats per row of the actor's output: logits (Discrete) or means (Box). */
    int headSize() {
        return actionSize;
    }

    /** Floats per stored action: 1 (an int) for Discrete, the dimension for Box. */
    int storedActionSize() {
        return discrete ? 1 : actionSize;
    }

    /** The actor's output for a batch of observations {@code [B, observationSize]}. */
    Tensor policy(Tensor observations, boolean training) {
        return actor.forward(observations, training);
    }

    /** The critic's values {@code [B, 1]}. */
    Tensor value(Tensor observations, boolean training) {
        return critic.forward(observations, training);
    }

    /**
     * Samples one action per row of {@code head} (rows {@code 0 .. rows)}): into {@code intActions[at + r]} or
     * {@code floatActions[(at + r) * actionSize ..]}, with its log-probability into {@code logProbs[at + r]}.
     */
    void sample(Tensor head, int rows, RandomGenerator rng, int[] intActions, float[] floatActions, int at,
                float[] logProbs) {
        float[] h = head.data();
        int o = head.offset();
        for (int r = 0; r < rows; r++) {
            int row = o + r * actionSize;
            if (discrete) {
                int a = CategoricalHead.sample(h, row, actionSize, rng.nextDouble());
                intActions[at + r] = a;
                logProbs[at + r] = (float) CategoricalHead.logProb(h, row, actionSize, a);
            } else {
                float[] ls = logStd.value().data();
                int aOff = (at + r) * actionSize;
                GaussianHead.sample(h, row, ls, logStd.value().offset(), actionSize, rng, floatActions, aOff);
                logProbs[at + r] = (float) GaussianHead.logProb(h, row, ls, logStd.value().offset(), floatActions, aOff,
                        actionSize);
            }
        }
    }

    /**
     * Log-probabilities and entropies of the given actions (row r's action at index r of {@code intActions}, or at
     * {@code r * actionSize} of {@code floatActions}) under {@code head}.
     */
    void evaluate(Tensor head, int rows, int[] intActions, float[] floatActions, float[] logProbs, float[] entropies) {
        float[] h = head.data();
        int o = head.offset();
        for (int r = 0; r < rows; r++) {
            int row = o + r * actionSize;
            if (discrete) {
                logProbs[r] = (float) CategoricalHead.logProb(h, row, actionSize, intActions[r]);
                entropies[r] = (float) CategoricalHead.entropy(h, row, actionSize);
            } else {
                float[] ls = logStd.value().data();
                int lo = logStd.value().offset();
                logProbs[r] = (float) GaussianHead.logProb(h, row, ls, lo, floatActions, r * actionSize, actionSize);
                entropies[r] = (float) GaussianHead.entropy(ls, lo, actionSize);
            }
        }
    }

    /**
     * Backpropagates a loss whose derivatives with respect to each row's log-probability and entropy are
     * {@code dLogProb[r]} and {@code dEntropy[r]} through the actor (its last forward must have produced
     * {@code head}); adds into the actor's gradients and the log standard deviation's.
     */
    void backwardPolicy(Tensor head, int rows, int[] intActions, float[] floatActions, float[] dLogProb,
                        float[] dEntropy) {
        Tensor g = headGrad.get(rows, actionSize);
        float[] h = head.data();
        int o = head.offset();
        float[] gd = g.data();
        int go = g.offset();
        for (int r = 0; r < rows; r++) {
            int row = o + r * actionSize;
            if (discrete) {
                CategoricalHead.gradient(h, row, actionSize, intActions[r], dLogProb[r], dEntropy[r], gd,
                        go + r * actionSize);
            } else {
                GaussianHead.gradient(h, row, logStd.value().data(), logStd.value().offset(), floatActions,
                        r * actionSize, actionSize, dLogProb[r], dEntropy[r], gd, go + r * actionSize,
                        logStd.grad().data(), logStd.grad().offset());
            }
        }
        actor.backwardParameters(g);
    }

    /** Backpropagates {@code dValue[r]}, the loss's derivative with respect to row r's value, through the critic. */
    void backwardValue(int rows, float[] dValue) {
        Tensor g = valueGrad.get(rows, 1);
        System.arraycopy(dValue, 0, g.data(), g.offset(), rows);
        critic.backwardParameters(g);
    }

    /**
     * One action for one observation: TRAIN samples, EVAL takes the most probable action (Discrete) or the mean
     * (Box). Box actions come back clipped to the action space, in a new array (an environment may keep it).
     */
    Object act(float[] observation, Mode mode, RandomGenerator rng) {
        Tensor head = actorHead(observation);
        float[] h = head.data();
        int o = head.offset();
        if (discrete) {
            return mode == Mode.EVAL ? CategoricalHead.argmax(h, o, actionSize)
                    : CategoricalHead.sample(h, o, actionSize, rng.nextDouble());
        }
        float[] a = new float[actionSize];
        if (mode == Mode.EVAL) {
            System.arraycopy(h, o, a, 0, actionSize);
        } else {
            GaussianHead.sample(h, o, logStd.value().data(), logStd.value().offset(), actionSize, rng, a, 0);
        }
        clip(a, 0, a, 0);
        return a;
    }

    /** The actor's output at one observation (batch 1, into the reused input row). */
    private Tensor actorHead(float[] observation) {
        if (observation.length != observationSize) {
            throw new IllegalArgumentException("observation has " + observation.length + " values, expected "
                    + observationSize);
        }
        System.arraycopy(observation, 0, single.data(), single.offset(), observationSize);
        return actor.forward(single, false);
    }

    /** The action distribution at one observation: probabilities (Discrete) or mean and standard deviation (Box). */
    PolicyDistribution.Distribution distribution(float[] observation) {
        Tensor head = actorHead(observation);
        float[] h = head.data();
        int o = head.offset();
        if (discrete) {
            double lse = CategoricalHead.logSumExp(h, o, actionSize);
            double[] p = new double[actionSize];
            for (int a = 0; a < actionSize; a++) {
                p[a] = Math.exp(h[o + a] - lse);
            }
            return new PolicyDistribution.Categorical(p);
        }
        double[] mean = new double[actionSize];
        double[] std = new double[actionSize];
        float[] ls = logStd.value().data();
        int lo = logStd.value().offset();
        for (int j = 0; j < actionSize; j++) {
            mean[j] = h[o + j];
            std[j] = Math.exp(ls[lo + j]);
        }
        return new PolicyDistribution.Gaussian(mean, std);
    }

    /** Copies one Box action clipped to the action space's bounds. */
    void clip(float[] from, int fromOff, float[] to, int toOff) {
        for (int j = 0; j < actionSize; j++) {
            to[toOff + j] = Math.min(Math.max(from[fromOff + j], low[j]), high[j]);
        }
    }
}
