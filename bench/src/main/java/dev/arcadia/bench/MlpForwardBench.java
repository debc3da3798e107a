package dev.arcadia.bench;

import dev.arcadia.nets.Network;
import dev.arcadia.nets.Tensor;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Case (a): the MLP 4-64-64-2 (ReLU hidden, linear output) forward pass at batch 1, inference mode: what an RL agent
 * does once per environment step.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlpForwardBench {

    /** Arcadia: {@code Network.forward(x, false)}; layers reuse their output buffers. */
    @State(Scope.Thread)
    public static class ArcadiaState {
        Network net;
        Tensor x;

        @Setup
        public void setup() {
            net = Fixtures.arcadiaMlp();
            x = Tensor.of(Fixtures.uniform(11, Fixtures.MLP_IN), 1, Fixtures.MLP_IN);
        }
    }

    /** ND4J INDArray ops written to allocate little: mmuli into kept arrays, in-place bias and ReLU. */
    @State(Scope.Thread)
    public static class Nd4jState {
        INDArray x;
        INDArray[] p;
        INDArray h1;
        INDArray h2;
        INDArray y;

        @Setup
        public void setup() {
            Fixtures.loadNd4j();
            p = Fixtures.nd4jMlpParams(Fixtures.arcadiaMlp());
            x = Fixtures.nd4j(Tensor.of(Fixtures.uniform(11, Fixtures.MLP_IN), 1, Fixtures.MLP_IN));
            h1 = Nd4j.create(DataType.FLOAT, 1, Fixtures.HIDDEN);
            h2 = Nd4j.create(DataType.FLOAT, 1, Fixtures.HIDDEN);
            y = Nd4j.create(DataType.FLOAT, 1, Fixtures.MLP_OUT);
        }

        INDArray forward() {
            x.mmuli(p[0], h1);
            h1.addiRowVector(p[1]);
            Transforms.relu(h1, false);
            h1.mmuli(p[2], h2);
            h2.addiRowVector(p[3]);
            Transforms.relu(h2, false);
            h2.mmuli(p[4], y);
            y.addiRowVector(p[5]);
            return y;
        }
    }

    /** DL4J: {@code MultiLayerNetwork.output(x)} (inference, with DL4J's workspaces). */
    @State(Scope.Thread)
    public static class Dl4jState {
        MultiLayerNetwork net;
        INDArray x;

        @Setup
        public void setup() {
            Fixtures.loadNd4j();
            net = Fixtures.dl4jMlp(Fixtures.arcadiaMlp());
            x = Fixtures.nd4j(Tensor.of(Fixtures.uniform(11, Fixtures.MLP_IN), 1, Fixtures.MLP_IN));
        }
    }

    @Benchmark
    public Tensor arcadia(ArcadiaState s) {
        return s.net.forward(s.x, false);
    }

    @Benchmark
    public INDArray nd4j(Nd4jState s) {
        return s.forward();
    }

    @Benchmark
    public INDArray dl4j(Dl4jState s) {
        return s.net.output(s.x);
    }
}
