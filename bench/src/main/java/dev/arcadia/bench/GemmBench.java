package dev.arcadia.bench;

import dev.arcadia.nets.kernels.Gemm;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Case (c): a 1024 x 1024 x 1024 single-precision matrix product {@code C = A B} (2·1024³ flops per call), one
 * thread. Arcadia's {@link Gemm#gemm} (which sends a product this large to OpenBLAS through ND4J, copies of the
 * operands included), its plain-Java kernel alone ({@link Gemm#forceJava}, for reference), and ND4J into a kept
 * result two ways: {@code Nd4j.gemm} (straight to OpenBLAS, no copies) and {@code INDArray.mmuli} (ND4J's matmul
 * op, measured about 20% slower than {@code Nd4j.gemm} on the same OpenBLAS).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmBench {

    static final int N = Fixtures.GEMM_N;

    /** FLOPs per call. */
    static final double FLOPS = 2.0 * N * N * N;

    @State(Scope.Thread)
    public static class ArcadiaState {
        float[] a;
        float[] b;
        float[] c;

        @Setup
        public void setup() {
            a = Fixtures.uniform(31, N * N);
            b = Fixtures.uniform(32, N * N);
            c = new float[N * N];
            Gemm.nd4jAvailable(); // load ND4J (and apply the thread setting) outside the measurement
        }
    }

    @State(Scope.Thread)
    public static class Nd4jState {
        INDArray a;
        INDArray b;
        INDArray c;

        @Setup
        public void setup() {
            Fixtures.loadNd4j();
            a = Nd4j.create(Fixtures.uniform(31, N * N), new long[] {N, N}, 'c');
            b = Nd4j.create(Fixtures.uniform(32, N * N), new long[] {N, N}, 'c');
            c = Nd4j.create(a.dataType(), N, N);
        }
    }

    @Benchmark
    public float[] arcadia(ArcadiaState s) {
        Gemm.gemm(false, false, N, N, N, 1f, s.a, 0, N, s.b, 0, N, 0f, s.c, 0, N);
        return s.c;
    }

    @Benchmark
    public float[] arcadiaJava(ArcadiaState s) {
        Gemm.forceJava(false, false, N, N, N, 1f, s.a, 0, N, s.b, 0, N, 0f, s.c, 0, N);
        return s.c;
    }

    @Benchmark
    public INDArray nd4jGemm(Nd4jState s) {
        return Nd4j.gemm(s.a, s.b, s.c, false, false, 1.0, 0.0);
    }

    @Benchmark
    public INDArray nd4jMmul(Nd4jState s) {
        return s.a.mmuli(s.b, s.c);
    }
}
