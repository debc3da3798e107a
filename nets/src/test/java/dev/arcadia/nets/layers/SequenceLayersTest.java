package dev.arcadia.nets.layers;

import static dev.arcadia.nets.layers.RecurrentLayersTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.nets.GradientCheck;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Network;
import dev.arcadia.nets.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Embedding and the bidirectional wrapper (with its sequence-summary layers). */
class SequenceLayersTest {

    @Test
    void bidirectionalGradientsMatchFiniteDifferences() {
        SplittableRandom init = new SplittableRandom(40);
        RecurrentLayersTest.checkAll(s -> new Bidirectional(new Lstm(s[2], s[3], Init.XAVIER_UNIFORM, init),
                new Lstm(s[2], s[3], Init.XAVIER_UNIFORM, init)), 41);
        RecurrentLayersTest.checkAll(s -> new Bidirectional(new Gru(s[2], s[3], Init.XAVIER_UNIFORM, init),
                new Rnn(s[2], s[3] + 1, Init.XAVIER_UNIFORM, init)), 42);
        RecurrentLayersTest.checkAll(s -> new Network(new Bidirectional(new Gru(s[2], s[3], Init.XAVIER_UNIFORM, init),
                new Gru(s[2], s[3], Init.XAVIER_UNIFORM, init)), Bidirectional.finalStates()), 43);
        RecurrentLayersTest.checkAll(s -> new Network(new Lstm(s[2], s[3], Init.XAVIER_UNIFORM, init), Bidirectional.lastTimeStep()), 44);
    }

    @Test
    void embeddingLooksUpRowsLikeTheSeedExample() {
        // Seed notes H23: init = arange(30).reshape(5, 6), ids [[0,3,1,2,4],[1,3,1,2,3],[2,4,0,2,4]].
        Embedding e = new Embedding(5, 6, Init.ZEROS, new SplittableRandom(0));
        for (int i = 0; i < 30; i++) {
            e.weight().set(i, i);
        }
        float[] ids = {0, 3, 1, 2, 4, 1, 3, 1, 2, 3, 2, 4, 0, 2, 4};
        Tensor y = e.forward(Tensor.of(ids, 3, 5), false);
        assertArrayEquals(new int[] {3, 5, 6}, y.shape());
        for (int p = 0; p < 15; p++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(6 * ids[p] + j, y.get(p * 6 + j), "position " + p + ", feature " + j);
            }
        }
        assertEquals(18f, y.at(0, 1, 0));
        assertEquals(29f, y.at(2, 4, 5));
        // Backward adds into the rows used: row 2 is read 4 times, row 4 three times, row 0 twice.
        Tensor g = Tensor.zeros(3, 5, 6);
        g.fill(1f);
        Tensor dx = e.backward(g);
        float[] counts = {2, 3, 4, 3, 3};
        for (int row = 0; row < 5; row++) {
            assertEquals(counts[row], e.params().get(0).grad().at(row, 0), "row " + row);
        }
        assertArrayEquals(new float[15], dx.toArray(), "ids get a zero gradient");
        assertArrayEquals(new int[] {3, 6}, e.forward(Tensor.vector(4, 0, 2), false).shape());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> e.forward(Tensor.vector(1, 5), false));
        assertTrue(bad.getMessage().contains("5.0"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.forward(Tensor.vector(1.5f), false));
        // Gradient check of the table (ids are not differentiable).
        SplittableRandom rng = new SplittableRandom(80);
        Embedding e2 = new Embedding(7, 4, Init.XAVIER_NORMAL, rng);
        GradientCheck.Options options = new GradientCheck.Options();
        options.checkInput = false;
        GradientCheck.check(e2, Tensor.of(new float[] {0, 6, 3, 3, 1, 0}, 2, 3), rng, options).assertBelow(1e-2);
        GradientCheck.check(e2, Tensor.vector(5), rng, options).assertBelow(1e-2);
    }

    @Test
    void bidirectionalAlignsBothDirectionsAtEachStep() {
        int batch = 2;
        int time = 4;
        int in = 3;
        int h = 5;
        SplittableRandom rng = new SplittableRandom(90);
        Tensor x = random(rng, batch, time, in);
        Bidirectional bi = new Bidirectional(new Lstm(in, h, Init.XAVIER_UNIFORM, new SplittableRandom(1)),
                new Gru(in, h, Init.XAVIER_UNIFORM, new SplittableRandom(2)));
        Tensor y = bi.forward(x, false).copy();
        assertArrayEquals(new int[] {batch, time, 2 * h}, y.shape());
        Tensor fwd = new Lstm(in, h, Init.XAVIER_UNIFORM, new SplittableRandom(1)).forward(x, false);
        Tensor reversed = Tensor.zeros(batch, time, in);
        Bidirectional.reverseTime(x, reversed);
        Gru bwdLayer = new Gru(in, h, Init.XAVIER_UNIFORM, new SplittableRandom(2));
        Tensor bwd = bwdLayer.forward(reversed, false);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                for (int j = 0; j < h; j++) {
                    assertEquals(fwd.at(b, t, j), y.at(b, t, j));
                    assertEquals(bwd.at(b, time - 1 - t, j), y.at(b, t, h + j), "backward direction re-reversed");
                }
            }
        }
        // The summary: forward state at t = T, backward state at t = 1 (both have read the whole sequence).
        Tensor fin = bi.finalState();
        Tensor bwdLast = bwdLayer.lastHidden();
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < h; j++) {
                assertEquals(y.at(b, time - 1, j), fin.at(b, j));
                assertEquals(bwdLast.at(b, j), fin.at(b, h + j));
                assertEquals(y.at(b, 0, h + j), fin.at(b, h + j));
            }
        }
        assertArrayEquals(fin.toArray(), Bidirectional.finalStates().forward(y, false).toArray());
        assertEquals("forward.inputWeight", bi.params().get(0).name());
        assertEquals("backward.recurrentBias", bi.params().get(bi.params().size() - 1).name());
    }
}
