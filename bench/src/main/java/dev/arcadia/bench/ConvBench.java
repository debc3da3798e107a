package dev.arcadia.bench;

import dev.arcadia.nets.Init;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.layers.Conv2d;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Case (d): LeNet-5's two convolutions at their real MNIST shapes, batch 64, NCHW float32, stride 1, no padding,
 * with bias: conv 1→6 5x5 on [64, 1, 28, 28] (output 24x24) and conv 6→16 5x5 on [64, 6, 12, 12] (output 8x8).
 * One call = forward and backward (weight, bias and input gradients) of both layers, each on its own fixed input
 * and output gradient (no pooling or activation between, so only convolution is timed).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConvBench {

    static final int B = Fixtures.CONV_BATCH;
    static final int LAYERS = Fixtures.CONV_LAYERS.length;

    static int outSize(int l) {
        int[] c = Fixtures.CONV_LAYERS[l];
        return c[3] - c[2] + 1;
    }

    static float[] input(int l) {
        int[] c = Fixtures.CONV_LAYERS[l];
        return Fixtures.uniform(41 + l, B * c[0] * c[3] * c[3]);
    }

    static float[] outputGrad(int l) {
        int[] c = Fixtures.CONV_LAYERS[l];
        return Fixtures.uniform(51 + l, B * c[1] * outSize(l) * outSize(l));
    }

    /** Arcadia's layers, weights from seed 61 (Xavier uniform); the other peers copy them. */
    static Conv2d[] arcadiaLayers() {
        SplittableRandom rng = new SplittableRandom(61);
        Conv2d[] layers = new Conv2d[LAYERS];
        for (int l = 0; l < LAYERS; l++) {
            int[] c = Fixtures.CONV_LAYERS[l];
            layers[l] = new Conv2d(c[0], c[1], c[2], 1, 0, Init.XAVIER_UNIFORM, rng);
            // A non-zero bias, so that a wrong bias layout shows in the checks.
            Tensor bias = layers[l].params().get(1).value();
            float[] bv = Fixtures.uniform(71 + l, bias.size());
            for (int i = 0; i < bv.length; i++) {
                bias.set(i, bv[i] * 0.1f);
            }
        }
        return layers;
    }

    static Tensor arcadiaInput(int l) {
        int[] c = Fixtures.CONV_LAYERS[l];
        return Tensor.of(input(l), B, c[0], c[3], c[3]);
    }

    static Tensor arcadiaOutputGrad(int l) {
        int[] c = Fixtures.CONV_LAYERS[l];
        return Tensor.of(outputGrad(l), B, c[1], outSize(l), outSize(l));
    }

    static INDArray nd4jInput(int l) {
        return Fixtures.nd4j(arcadiaInput(l));
    }

    static INDArray nd4jOutputGrad(int l) {
        return Fixtures.nd4j(arcadiaOutputGrad(l));
    }

    /** Arcadia: {@code Conv2d.forward} then {@code Conv2d.backward} per layer, gradients zeroed first. */
    @State(Scope.Thread)
    public static class ArcadiaState {
        Conv2d[] layers;
        Tensor[] x;
        Tensor[] g;
        Tensor[] grads;

        @Setup
        public void setup() {
            layers = arcadiaLayers();
            x = new Tensor[LAYERS];
            g = new Tensor[LAYERS];
            grads = new Tensor[2 * LAYERS];
            for (int l = 0; l < LAYERS; l++) {
                x[l] = arcadiaInput(l);
                g[l] = arcadiaOutputGrad(l);
                List<Param> ps = layers[l].params(); // a new list per call: fetched once, not in the timed loop
                grads[2 * l] = ps.get(0).grad();
                grads[2 * l + 1] = ps.get(1).grad();
            }
        }

        Tensor step() {
            Tensor dx = null;
            for (int l = 0; l < LAYERS; l++) {
                grads[2 * l].fill(0f);
                grads[2 * l + 1].fill(0f);
                layers[l].forward(x[l], true);
                dx = layers[l].backward(g[l]);
            }
            return dx;
        }
    }

    /**
     * ND4J's own convolution ops ({@code conv2d} and {@code conv2d_bp} of libnd4j) writing into kept arrays; weight
     * format [out, in, kH, kW] (wFormat 1), NCHW.
     */
    @State(Scope.Thread)
    public static class Nd4jState {
        DynamicCustomOp[] forward;
        DynamicCustomOp[] backward;
        INDArray[] dx;

        @Setup
        public void setup() {
            Fixtures.loadNd4j();
            Conv2d[] layers = arcadiaLayers();
            forward = new DynamicCustomOp[LAYERS];
            backward = new DynamicCustomOp[LAYERS];
            dx = new INDArray[LAYERS];
            for (int l = 0; l < LAYERS; l++) {
                int[] c = Fixtures.CONV_LAYERS[l];
                int k = c[2];
                INDArray x = nd4jInput(l);
                INDArray gradOut = nd4jOutputGrad(l);
                INDArray w = Fixtures.nd4j(layers[l].params().get(0).value());
                INDArray b = Fixtures.nd4j(layers[l].params().get(1).value());
                INDArray y = Nd4j.create(DataType.FLOAT, gradOut.shape());
                dx[l] = Nd4j.create(DataType.FLOAT, x.shape());
                INDArray dw = Nd4j.create(DataType.FLOAT, w.shape());
                INDArray db = Nd4j.create(DataType.FLOAT, b.shape());
                int[] iArgs = {k, k, 1, 1, 0, 0, 1, 1, 0, 0, 1}; // kernel, stride, pad, dilation, VALID, NCHW, OIHW
                forward[l] = DynamicCustomOp.builder("conv2d").addInputs(x, w, b).addOutputs(y)
                        .addIntegerArguments(iArgs).build();
                backward[l] = DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, gradOut)
                        .addOutputs(dx[l], dw, db).addIntegerArguments(iArgs).build();
            }
        }

        INDArray step() {
            for (int l = 0; l < LAYERS; l++) {
                Nd4j.exec(forward[l]);
                Nd4j.exec(backward[l]);
            }
            return dx[LAYERS - 1];
        }

        INDArray output(int l) {
            return forward[l].outputArguments().get(0);
        }

        INDArray weightGrad(int l) {
            return backward[l].outputArguments().get(1);
        }
    }

    /** DL4J: {@code ConvolutionLayer} (identity activation), {@code activate(true)} then {@code backpropGradient}. */
    @State(Scope.Thread)
    public static class Dl4jState {
        Layer[] layers;
        INDArray[] x;
        INDArray[] g;
        LayerWorkspaceMgr mgr;

        @Setup
        public void setup() {
            Fixtures.loadNd4j();
            Conv2d[] arcadia = arcadiaLayers();
            layers = new Layer[LAYERS];
            x = new INDArray[LAYERS];
            g = new INDArray[LAYERS];
            mgr = LayerWorkspaceMgr.noWorkspaces();
            for (int l = 0; l < LAYERS; l++) {
                int[] c = Fixtures.CONV_LAYERS[l];
                MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                        .dataType(DataType.FLOAT)
                        .list()
                        .layer(new ConvolutionLayer.Builder(c[2], c[2]).nIn(c[0]).nOut(c[1]).stride(1, 1)
                                .activation(Activation.IDENTITY).build())
                        .setInputType(InputType.convolutional(c[3], c[3], c[0]))
                        .build();
                MultiLayerNetwork net = new MultiLayerNetwork(conf);
                net.init();
                net.initGradientsView(); // fit() would do this; the layer's backpropGradient needs the views
                INDArray w = Fixtures.nd4j(arcadia[l].params().get(0).value());
                INDArray b = Fixtures.nd4j(arcadia[l].params().get(1).value());
                net.setParam("0_W", w.reshape(net.getParam("0_W").shape()));
                net.setParam("0_b", b.reshape(net.getParam("0_b").shape()));
                layers[l] = net.getLayer(0);
                x[l] = nd4jInput(l);
                g[l] = nd4jOutputGrad(l);
            }
        }

        INDArray forward(int l) {
            layers[l].setInput(x[l], mgr);
            return layers[l].activate(true, mgr);
        }

        INDArray step() {
            INDArray dx = null;
            for (int l = 0; l < LAYERS; l++) {
                forward(l);
                dx = layers[l].backpropGradient(g[l], mgr).getSecond();
            }
            return dx;
        }
    }

    @Benchmark
    public Tensor arcadia(ArcadiaState s) {
        return s.step();
    }

    @Benchmark
    public INDArray nd4j(Nd4jState s) {
        return s.step();
    }

    @Benchmark
    public INDArray dl4j(Dl4jState s) {
        return s.step();
    }
}
