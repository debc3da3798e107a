package dev.arcadia.bench;

import dev.arcadia.nets.Network;
import dev.arcadia.nets.Params;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.loss.Mse;
import dev.arcadia.nets.optim.Adam;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Case (b): one training step of the MLP 4-64-64-2 at batch 64: zero the gradients, forward, MSE loss, backward,
 * Adam (lr 1e-3) update. Steps cycle through {@value #BATCHES} fixed batches of random inputs and random targets
 * (4096 samples, 8192 targets: more than the 4610 parameters can memorise). With one fixed batch the network fits
 * it within about 30,000 steps, the gradients vanish and Adam's state fills with subnormal floats, which are slow
 * on x86: the benchmark would time a degenerate regime (measured: +10-20% per step after 100,000 steps).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlpTrainBench {

    static final int B = Fixtures.TRAIN_BATCH;
    /** Batches cycled through. */
    static final int BATCHES = 64;

    static float[] inputs(int batch) {
        return Fixtures.uniform(1000 + batch, B * Fixtures.MLP_IN);
    }

    static float[] targets(int batch) {
        return Fixtures.uniform(2000 + batch, B * Fixtures.MLP_OUT);
    }

    /** Arcadia: Params.zeroGrad, Network.forward, Mse, Network.backward, Adam.step. */
    @State(Scope.Thread)
    public static class ArcadiaState {
        Network net;
        Params params;
        Mse mse;
        Adam adam;
        Tensor[] x;
        Tensor[] t;
        int next;

        @Setup
        public void setup() {
            net = Fixtures.arcadiaMlp();
            params = net.parameters();
            mse = new Mse();
            adam = new Adam(params, Fixtures.LEARNING_RATE);
            x = new Tensor[BATCHES];
            t = new Tensor[BATCHES];
            for (int k = 0; k < BATCHES; k++) {
                x[k] = Tensor.of(inputs(k), B, Fixtures.MLP_IN);
                t[k] = Tensor.of(targets(k), B, Fixtures.MLP_OUT);
            }
            next = 0;
        }

        double step() {
            int k = next;
            next = (k + 1) % BATCHES;
            params.zeroGrad();
            Tensor y = net.forward(x[k], true);
            double loss = mse.forward(y, t[k]);
            net.backward(mse.backward());
            adam.step();
            return loss;
        }
    }

    /**
     * ND4J INDArray ops, hand-written backprop into kept arrays (gemm with transposes, in-place bias, ReLU and
     * relu_bp) and ND4J's own Adam updater op per parameter (the one DL4J uses). The scalar loss is not computed
     * (only its gradient is), which slightly favours this peer.
     */
    @State(Scope.Thread)
    public static class Nd4jState {
        INDArray[] xs;
        INDArray[] ts;
        INDArray x;
        INDArray t;
        INDArray[] p;
        INDArray[] g;
        INDArray[] gFlat;
        AdamUpdater[] adam;
        INDArray h1;
        INDArray h2;
        INDArray y;
        INDArray g3;
        INDArray g2;
        INDArray g1;
        int iteration;

        @Setup
        public void setup() {
            Fixtures.loadNd4j();
            p = Fixtures.nd4jMlpParams(Fixtures.arcadiaMlp());
            xs = inputArrays();
            ts = targetArrays();
            x = xs[0];
            t = ts[0];
            g = new INDArray[p.length];
            gFlat = new INDArray[p.length];
            adam = new AdamUpdater[p.length];
            for (int i = 0; i < p.length; i++) {
                g[i] = Nd4j.create(DataType.FLOAT, p[i].shape());
                gFlat[i] = g[i].reshape(g[i].length());
                adam[i] = new AdamUpdater(new org.nd4j.linalg.learning.config.Adam(Fixtures.LEARNING_RATE));
                adam[i].setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2 * p[i].length()), p[i].shape(), 'c', true);
            }
            h1 = Nd4j.create(DataType.FLOAT, B, Fixtures.HIDDEN);
            h2 = Nd4j.create(DataType.FLOAT, B, Fixtures.HIDDEN);
            y = Nd4j.create(DataType.FLOAT, B, Fixtures.MLP_OUT);
            g3 = Nd4j.create(DataType.FLOAT, B, Fixtures.MLP_OUT);
            g2 = Nd4j.create(DataType.FLOAT, B, Fixtures.HIDDEN);
            g1 = Nd4j.create(DataType.FLOAT, B, Fixtures.HIDDEN);
        }

        /** Forward and backward; leaves the gradients in {@link #g}. */
        void gradients() {
            x.mmuli(p[0], h1);
            h1.addiRowVector(p[1]);
            Transforms.relu(h1, false);
            h1.mmuli(p[2], h2);
            h2.addiRowVector(p[3]);
            Transforms.relu(h2, false);
            h2.mmuli(p[4], y);
            y.addiRowVector(p[5]);
            // d(mean (y - t)^2)/dy = 2 (y - t) / n
            g3.assign(y).subi(t).muli(2.0 / y.length());
            Nd4j.gemm(h2, g3, g[4], true, false, 1.0, 0.0);
            g3.sum(gFlat[5], 0);
            Nd4j.gemm(g3, p[4], g2, false, true, 1.0, 0.0);
            Nd4j.exec(new RectifiedLinearDerivative(h2, g2, g2));
            Nd4j.gemm(h1, g2, g[2], true, false, 1.0, 0.0);
            g2.sum(gFlat[3], 0);
            Nd4j.gemm(g2, p[2], g1, false, true, 1.0, 0.0);
            Nd4j.exec(new RectifiedLinearDerivative(h1, g1, g1));
            Nd4j.gemm(x, g1, g[0], true, false, 1.0, 0.0);
            g1.sum(gFlat[1], 0);
        }

        INDArray step() {
            x = xs[iteration % BATCHES];
            t = ts[iteration % BATCHES];
            gradients();
            for (int i = 0; i < p.length; i++) {
                adam[i].applyUpdater(g[i], iteration, 0);
                p[i].subi(g[i]);
            }
            iteration++;
            return y;
        }
    }

    /** DL4J: {@code MultiLayerNetwork.fit(x, t)} with an Adam updater and an MSE output layer. */
    @State(Scope.Thread)
    public static class Dl4jState {
        MultiLayerNetwork net;
        INDArray[] xs;
        INDArray[] ts;
        int next;

        @Setup
        public void setup() {
            Fixtures.loadNd4j();
            net = Fixtures.dl4jMlp(Fixtures.arcadiaMlp());
            xs = inputArrays();
            ts = targetArrays();
            next = 0;
        }

        void step() {
            int k = next;
            next = (k + 1) % BATCHES;
            net.fit(xs[k], ts[k]);
        }
    }

    static INDArray[] inputArrays() {
        INDArray[] a = new INDArray[BATCHES];
        for (int k = 0; k < BATCHES; k++) {
            a[k] = Nd4j.create(inputs(k), new long[] {B, Fixtures.MLP_IN}, 'c');
        }
        return a;
    }

    static INDArray[] targetArrays() {
        INDArray[] a = new INDArray[BATCHES];
        for (int k = 0; k < BATCHES; k++) {
            a[k] = Nd4j.create(targets(k), new long[] {B, Fixtures.MLP_OUT}, 'c');
        }
        return a;
    }

    @Benchmark
    public double arcadia(ArcadiaState s) {
        return s.step();
    }

    @Benchmark
    public INDArray nd4j(Nd4jState s) {
        return s.step();
    }

    @Benchmark
    public MultiLayerNetwork dl4j(Dl4jState s) {
        s.step();
        return s.net;
    }
}
