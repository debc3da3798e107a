package dev.arcadia.nets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.nets.loss.Mse;
import dev.arcadia.nets.optim.Adam;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hot paths of RL: acting at batch 1 and small training steps allocate nothing after warm-up. */
class AllocationTest {

    private static long allocated(Runnable r) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        r.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    @Test
    void mlpForwardAtBatchOneAndTrainingAtBatch64AllocateNothing() {
        SplittableRandom rng = new SplittableRandom(1);
        Network net = Networks.create("mlp", new int[] {4}, 2, Map.of("hidden", List.of(64, 64)), rng);
        Params params = net.parameters();
        Adam adam = new Adam(params, 1e-3);
        Mse mse = new Mse();
        Tensor one = Tensor.zeros(1, 4);
        Tensor batch = Tensor.zeros(64, 4);
        Tensor target = Tensor.zeros(64, 2);
        for (int i = 0; i < batch.size(); i++) {
            batch.set(i, (float) rng.nextGaussian());
        }
        Runnable act = () -> {
            for (int i = 0; i < 10_000; i++) {
                one.set(0, i * 1e-4f);
                net.forward(one, false);
            }
        };
        Runnable train = () -> {
            for (int i = 0; i < 1_000; i++) {
                params.zeroGrad();
                mse.forward(net.forward(batch, true), target);
                net.backward(mse.backward());
                adam.step();
                net.forward(one, false); // acting between updates must not evict the training buffers
            }
        };
        for (int warm = 0; warm < 3; warm++) {
            act.run();
            train.run();
        }
        long actBytes = allocated(act);
        long trainBytes = allocated(train);
        assertTrue(actBytes < 10_000, "10,000 forward passes at batch 1 allocated " + actBytes + " bytes");
        assertTrue(trainBytes < 10_000, "1,000 training steps at batch 64 allocated " + trainBytes + " bytes");
    }
}
