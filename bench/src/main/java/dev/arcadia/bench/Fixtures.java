package dev.arcadia.bench;

import dev.arcadia.nets.Network;
import dev.arcadia.nets.Networks;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.kernels.Nd4jSetup;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The shapes and data shared by every peer, so that all of them compute the same thing: the same weights (drawn
 * by Arcadia's own initialiser, then copied into ND4J and DL4J), the same inputs, targets and output gradients
 * (drawn from fixed seeds). The Python script uses the same shapes with its own random data.
 */
final class Fixtures {

    /** MLP 4-64-64-2, ReLU hidden, linear output. */
    static final int MLP_IN = 4;
    static final int MLP_OUT = 2;
    static final int HIDDEN = 64;
    /** Batch of case (b). */
    static final int TRAIN_BATCH = 64;
    static final double LEARNING_RATE = 1e-3;
    /** Square size of case (c). */
    static final int GEMM_N = 1024;
    /** Case (d): LeNet-5's two convolutions at their real MNIST shapes, batch 64, stride 1, no padding. */
    static final int CONV_BATCH = 64;
    static final int[][] CONV_LAYERS = {
        // in, out, kernel, input height = width
        {1, 6, 5, 28},
        {6, 16, 5, 12},
    };

    private Fixtures() {
    }

    /** Uniform [-1, 1) floats from a fixed seed. */
    static float[] uniform(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    /** Arcadia's MLP 4-64-64-2 (the registered {@code mlp} family, ReLU, Xavier-uniform), seed 7. */
    static Network arcadiaMlp() {
        return Networks.create("mlp", new int[] {MLP_IN}, MLP_OUT, Map.of("hidden", List.of(HIDDEN, HIDDEN)),
                new SplittableRandom(7));
    }

    /** A row-major ({@code 'c'}) float INDArray holding a copy of {@code t}. */
    static INDArray nd4j(Tensor t) {
        long[] shape = new long[t.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.dim(i);
        }
        return Nd4j.create(t.toArray(), shape, 'c');
    }

    /** Loads ND4J with Arcadia's thread setting (1 by default) so every ND4J peer runs single-threaded too. */
    static void loadNd4j() {
        if (!Nd4jSetup.load()) {
            throw new IllegalStateException("ND4J could not be loaded: " + Nd4jSetup.failure());
        }
    }

    /** The parameters of Arcadia's MLP as ND4J arrays: W1 [4,64], b1 [1,64], W2, b2, W3 [64,2], b3 [1,2]. */
    static INDArray[] nd4jMlpParams(Network net) {
        List<Param> ps = net.parameters().list();
        INDArray[] out = new INDArray[ps.size()];
        for (int i = 0; i < out.length; i++) {
            Tensor v = ps.get(i).value();
            out[i] = v.rank() == 1 ? nd4j(v.reshape(1, v.size())) : nd4j(v);
        }
        return out;
    }

    /** DL4J's MultiLayerNetwork of the same MLP (MSE loss, Adam 1e-3), holding Arcadia's weights. */
    static MultiLayerNetwork dl4jMlp(Network net) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new Adam(LEARNING_RATE))
                .list()
                .layer(new DenseLayer.Builder().nIn(MLP_IN).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(HIDDEN).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(HIDDEN).nOut(MLP_OUT)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork dl4j = new MultiLayerNetwork(conf);
        dl4j.init();
        INDArray[] p = nd4jMlpParams(net);
        for (int layer = 0; layer < 3; layer++) {
            dl4j.setParam(layer + "_W", p[2 * layer]);
            dl4j.setParam(layer + "_b", p[2 * layer + 1]);
        }
        return dl4j;
    }
}
