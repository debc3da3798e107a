package dev.arcadia.benchrl4j;

import dev.arcadia.nets.Param;
import dev.arcadia.nets.Params;
import dev.arcadia.nets.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J peer of one DQN update on MinAtar's network: a {@link MultiLayerNetwork} conv 16 3x3 (ReLU) -> dense 128
 * (ReLU) -> output |A| (identity, MSE) on NCHW input, holding Arcadia's initial weights, and per update the work of
 * RL4J 1.0.0-M1.1's {@code StandardDQN} + {@code SyncLabelsNeuralNetUpdater}: target {@code output(next)},
 * {@code Nd4j.max} over actions, online {@code output(obs)} as the labels with the taken actions' entries replaced by
 * the TD targets {@code r + gamma (1 - terminal) max Q'} clamped to within {@link #ERROR_CLAMP} of the current value
 * (RL4J's {@code errorClamp}: with MSE this gives Huber's clipped gradient), then {@code fit(obs, labels)}, and
 * {@code setParams} into the target every {@code targetInterval} updates (RL4J's {@code copyFrom}).
 *
 * <p>Differences, all in DL4J's favour or neutral for the time: the batch is gathered from the replay pool into two
 * preallocated arrays ({@code DataBuffer.setData}) where RL4J concatenates one INDArray per observation; the
 * updater is DL4J's {@link RmsProp} (lr, decay 0.95, epsilon 0.01), which is not centred (Arcadia's is: it keeps a
 * running mean of the gradient as well, slightly more work); MSE in DL4J averages over the |A| outputs, so the
 * gradient is Arcadia's Huber gradient divided by |A| (a scale, not a cost). Like RL4J, it runs the online network
 * forward twice (once for the labels, once inside {@code fit}): that is DL4J's API, and part of what is compared.
 */
final class Dl4jMinAtarDqn {

    static final double ERROR_CLAMP = 1.0;

    private final MultiLayerNetwork online;
    private final MultiLayerNetwork target;
    private final MinAtarPool pool;
    private final int batchSize;
    private final double gamma;
    private final int targetInterval;
    private final float[] obsStage;
    private final float[] nextStage;
    private final INDArray obs;
    private final INDArray next;
    private final int[] picked;
    private final SplittableRandom rng;
    private long updates;

    Dl4jMinAtarDqn(MinAtarPool pool, Params arcadiaOnline, int filters, int hidden, double learningRate, double gamma,
            int batchSize, int targetInterval, long seed) {
        this.pool = pool;
        this.batchSize = batchSize;
        this.gamma = gamma;
        this.targetInterval = targetInterval;
        this.online = network(pool, filters, hidden, learningRate, seed);
        this.target = network(pool, filters, hidden, learningRate, seed);
        copyWeights(arcadiaOnline, online);
        copyWeights(arcadiaOnline, target);
        int row = pool.rowSize();
        this.obsStage = new float[batchSize * row];
        this.nextStage = new float[batchSize * row];
        long[] shape = {batchSize, pool.channels, pool.height, pool.width};
        this.obs = Nd4j.create(DataType.FLOAT, shape, 'c');
        this.next = Nd4j.create(DataType.FLOAT, shape, 'c');
        this.picked = new int[batchSize];
        this.rng = new SplittableRandom(seed);
    }

    static MultiLayerNetwork network(MinAtarPool pool, int filters, int hidden, double learningRate, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .optimizationAlgo(OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT)
                .updater(new RmsProp(learningRate, 0.95, 0.01))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(pool.channels).nOut(filters).stride(1, 1)
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(pool.actionCount).build())
                .setInputType(InputType.convolutional(pool.height, pool.width, pool.channels))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * Arcadia's minatar-cnn parameters in order: conv weight [16, C, 3, 3] and bias [16], dense weights [in, out] and
     * biases; DL4J's conv "0_W" is [nOut, nIn, kH, kW], its dense "W" [nIn, nOut], and both flatten NCHW feature
     * maps in the same c order, so the values carry over unchanged.
     */
    private static void copyWeights(Params arcadia, MultiLayerNetwork net) {
        List<Param> ps = arcadia.list();
        String[] keys = {"0_W", "0_b", "1_W", "1_b", "2_W", "2_b"};
        if (ps.size() != keys.length) {
            throw new IllegalStateException("minatar-cnn has " + ps.size() + " parameter tensors, expected 6");
        }
        for (int i = 0; i < keys.length; i++) {
            Tensor v = ps.get(i).value();
            INDArray current = net.getParam(keys[i]);
            if (current.length() != v.size()) {
                throw new IllegalStateException("parameter " + keys[i] + ": DL4J has " + current.length()
                        + " values, Arcadia " + v.size());
            }
            net.setParam(keys[i], Nd4j.create(v.toArray(), current.shape(), 'c'));
        }
    }

    /** Q-values of the online network for pool observations {@code 0 .. n-1}, as [n, |A|]. */
    float[][] qValues(int n) {
        float[] stage = new float[n * pool.rowSize()];
        for (int k = 0; k < n; k++) {
            System.arraycopy(pool.chw[pool.obsFrame[k]], 0, stage, k * pool.rowSize(), pool.rowSize());
        }
        INDArray q = online.output(Nd4j.create(stage, new long[] {n, pool.channels, pool.height, pool.width}, 'c'));
        return q.toFloatMatrix();
    }

    /** One DQN update on a batch drawn uniformly from the pool. */
    void update() {
        int row = pool.rowSize();
        int size = pool.size();
        for (int k = 0; k < batchSize; k++) {
            int i = rng.nextInt(size);
            picked[k] = i;
            System.arraycopy(pool.chw[pool.obsFrame[i]], 0, obsStage, k * row, row);
            System.arraycopy(pool.chw[pool.nextFrame[i]], 0, nextStage, k * row, row);
        }
        obs.data().setData(obsStage);
        next.data().setData(nextStage);

        INDArray qNext = target.output(next);
        INDArray maxNext = Nd4j.max(qNext, 1);
        INDArray labels = online.output(obs);
        for (int k = 0; k < batchSize; k++) {
            int i = picked[k];
            int a = pool.actions[i];
            double y = pool.rewards[i];
            if (!pool.terminated[i]) {
                y += gamma * maxNext.getDouble(k);
            }
            double q = labels.getDouble(k, a);
            y = Math.min(q + ERROR_CLAMP, Math.max(y, q - ERROR_CLAMP));
            labels.putScalar(k, a, y);
        }
        online.fit(obs, labels);
        updates++;
        if (updates % targetInterval == 0) {
            target.setParams(online.params());
        }
    }

    long updates() {
        return updates;
    }

    double score() {
        return online.score();
    }
}
