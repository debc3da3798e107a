package dev.arcadia.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arcadia.nets.layers.ChannelsFirst;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CnnsTest {

    @Test
    void channelsFirstReordersAndPassesGradientCheck() {
        Tensor x = Tensor.zeros(1, 2, 3, 2); // h=2, w=3, c=2
        for (int i = 0; i < x.size(); i++) {
            x.set(i, i);
        }
        Tensor y = new ChannelsFirst(2, 3, 2).forward(x, false);
        // channel 0 holds the even values, channel 1 the odd ones, each in h-w order
        assertArrayEquals(new float[] {0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11}, y.toArray());
        SplittableRandom rng = new SplittableRandom(1);
        GradientCheck.check(new ChannelsFirst(3, 2, 4), CoreLayersTest.random(rng, 2, 24), rng).assertBelow(1e-2);
    }

    @Test
    void minatarCnnHasThePapersShape() {
        Network net = Networks.create("minatar-cnn", new int[] {10, 10, 4}, 6, Map.of(), new SplittableRandom(1));
        assertEquals(16 * 4 * 9 + 16 + 16 * 8 * 8 * 128 + 128 + 128 * 6 + 6, net.parameters().count());
        Tensor q = net.forward(CoreLayersTest.random(new SplittableRandom(2), 3, 400), false);
        assertArrayEquals(new int[] {3, 6}, q.shape());
        // the same stack with smooth activations passes a gradient check (ReLU kinks make finite differences unreliable)
        SplittableRandom rng = new SplittableRandom(3);
        Network smooth = new Network(new ChannelsFirst(10, 10, 2),
                new dev.arcadia.nets.layers.Conv2d(2, 4, 3, 1, 0, Init.FAN_IN_UNIFORM, rng),
                dev.arcadia.nets.layers.Activation.tanh(), new dev.arcadia.nets.layers.Flatten(),
                new dev.arcadia.nets.layers.Dense(4 * 8 * 8, 16, Init.FAN_IN_UNIFORM, rng),
                dev.arcadia.nets.layers.Activation.tanh(), new dev.arcadia.nets.layers.Dense(16, 3, Init.FAN_IN_UNIFORM, rng));
        GradientCheck.Options o = new GradientCheck.Options();
        o.samplesPerTensor = 30;
        GradientCheck.check(smooth, CoreLayersTest.random(rng, 2, 200), rng, o).assertBelow(1e-2);
    }

    @Test
    void natureCnnHasThePapersShape() {
        Network net = Networks.create("nature-cnn", new int[] {4, 84, 84}, 6, Map.of(), new SplittableRandom(1));
        int conv = 32 * 4 * 64 + 32 + 64 * 32 * 16 + 64 + 64 * 64 * 9 + 64;
        assertEquals(conv + 64 * 7 * 7 * 512 + 512 + 512 * 6 + 6, net.parameters().count());
        assertArrayEquals(new int[] {2, 6}, net.forward(Tensor.zeros(2, 4, 84, 84), false).shape());
        assertThrows(IllegalArgumentException.class,
                () -> Networks.create("nature-cnn", new int[] {4, 20, 20}, 6, Map.of(), new SplittableRandom(1)));
    }
}
