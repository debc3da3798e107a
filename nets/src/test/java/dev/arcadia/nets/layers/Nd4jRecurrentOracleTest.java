package dev.arcadia.nets.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A second, independent oracle for the recurrent layers: ND4J's own {@code lstmLayer} and {@code gru} ops on random
 * weights, five time steps and a non-zero initial state. (The ONNX vectors only have one step with equal weights,
 * so they cannot tell gate orders or weight layouts apart.)
 */
class Nd4jRecurrentOracleTest {

    private static final int B = 3;
    private static final int T = 5;
    private static final int I = 4;
    private static final int H = 6;

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * 0.5);
        }
        return a;
    }

    private static void set(Layer layer, String name, float[] v) {
        for (Param p : layer.params()) {
            if (p.name().equals(name)) {
                System.arraycopy(v, 0, p.value().data(), p.value().offset(), v.length);
                return;
            }
        }
        throw new IllegalArgumentException("no parameter " + name);
    }

    @Test
    void lstmMatchesNd4jLstmLayer() {
        Random r = new Random(42);
        float[] x = random(r, B * T * I);
        float[] wx = random(r, I * 4 * H);
        float[] wr = random(r, H * 4 * H);
        float[] b = random(r, 4 * H);
        float[] h0 = random(r, B * H);
        float[] c0 = random(r, B * H);
        Lstm lstm = new Lstm(I, H, Init.ZEROS, new SplittableRandom(1));
        set(lstm, "inputWeight", wx);
        set(lstm, "recurrentWeight", wr);
        set(lstm, "bias", b);
        lstm.setInitialState(Tensor.of(h0.clone(), B, H), Tensor.of(c0.clone(), B, H));
        float[] ours = lstm.forward(Tensor.of(x, B, T, I), false).toArray();
        float[] oursCell = lstm.lastCell().toArray();

        INDArray hOut = Nd4j.create(DataType.FLOAT, B, T, H);
        INDArray hLast = Nd4j.create(DataType.FLOAT, B, H);
        INDArray cLast = Nd4j.create(DataType.FLOAT, B, H);
        // dataFormat NTS = [batch, time, in]; gate activations sigmoid, tanh, tanh; outputs h, hLast, cLast
        DynamicCustomOp op = DynamicCustomOp.builder("lstmLayer")
                .addInputs(Nd4j.create(x, new long[] {B, T, I}, DataType.FLOAT),
                        Nd4j.create(wx, new long[] {I, 4 * H}, DataType.FLOAT),
                        Nd4j.create(wr, new long[] {H, 4 * H}, DataType.FLOAT),
                        Nd4j.create(b, new long[] {4 * H}, DataType.FLOAT),
                        Nd4j.create(h0, new long[] {B, H}, DataType.FLOAT),
                        Nd4j.create(c0, new long[] {B, H}, DataType.FLOAT))
                .addIntegerArguments(1, 0, 2, 0, 0).addFloatingPointArguments(0.0)
                .addBooleanArguments(true, false, true, true, false, true, true, true)
                .addOutputs(hOut, hLast, cLast).build();
        Nd4j.exec(op);
        assertArrayEquals(hOut.dup().data().asFloat(), ours, 1e-5f, "hidden states of every step");
        assertArrayEquals(cLast.dup().data().asFloat(), oursCell, 1e-5f, "last cell state");
    }

    @Test
    void gruMatchesNd4jGru() {
        Random r = new Random(7);
        float[] x = random(r, B * T * I);
        float[] wx = random(r, I * 3 * H);
        float[] wh = random(r, H * 3 * H);
        float[] bias = random(r, 3 * H);
        float[] h0 = random(r, B * H);
        Gru gru = new Gru(I, H, Init.ZEROS, new SplittableRandom(1));
        set(gru, "inputWeight", wx);
        set(gru, "recurrentWeight", wh);
        set(gru, "inputBias", bias); // ND4J's gru has a single bias: our recurrent bias stays 0
        gru.setInitialState(Tensor.of(h0.clone(), B, H));
        float[] ours = gru.forward(Tensor.of(x, B, T, I), false).toArray();

        float[] timeMajor = new float[x.length];
        for (int bi = 0; bi < B; bi++) {
            for (int t = 0; t < T; t++) {
                System.arraycopy(x, (bi * T + t) * I, timeMajor, (t * B + bi) * I, I);
            }
        }
        INDArray nd = Nd4j.rnn().gru(Nd4j.create(timeMajor, new long[] {T, B, I}, DataType.FLOAT),
                Nd4j.create(h0, new long[] {B, H}, DataType.FLOAT), Nd4j.create(wx, new long[] {I, 3 * H}, DataType.FLOAT),
                Nd4j.create(wh, new long[] {H, 3 * H}, DataType.FLOAT), Nd4j.create(bias, new long[] {3 * H}, DataType.FLOAT));
        float[] theirs = nd.dup().data().asFloat();
        float[] batchMajor = new float[theirs.length];
        for (int bi = 0; bi < B; bi++) {
            for (int t = 0; t < T; t++) {
                System.arraycopy(theirs, (t * B + bi) * H, batchMajor, (bi * T + t) * H, H);
            }
        }
        assertArrayEquals(batchMajor, ours, 1e-5f);
    }
}
