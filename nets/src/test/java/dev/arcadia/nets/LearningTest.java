package dev.arcadia.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.nets.layers.Activation;
import dev.arcadia.nets.layers.Dense;
import dev.arcadia.nets.loss.Mse;
import dev.arcadia.nets.loss.SoftmaxCrossEntropy;
import dev.arcadia.nets.optim.Adam;
import dev.arcadia.nets.optim.Sgd;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LearningTest {

    /** The seed notes' "neural network in 11 lines" (trask): 3 inputs incl. a bias column, sigmoid layers, XOR. */
    @Test
    void tinyNetworkLearnsXor() {
        SplittableRandom rng = new SplittableRandom(1);
        Network net = new Network(new Dense(3, 4, Init.XAVIER_UNIFORM, rng), Activation.sigmoid(),
                new Dense(4, 1, Init.XAVIER_UNIFORM, rng), Activation.sigmoid());
        Tensor x = Tensor.of(new float[] {0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1}, 4, 3);
        Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        Params params = net.parameters();
        Sgd sgd = new Sgd(params, 2.0, 0.9, false);
        Mse mse = new Mse();
        double loss = 1;
        for (int epoch = 0; epoch < 3000; epoch++) {
            params.zeroGrad();
            loss = mse.forward(net.forward(x, true), y);
            net.backward(mse.backward());
            sgd.step();
        }
        Tensor out = net.forward(x, false);
        assertTrue(loss < 0.01, "loss " + loss);
        for (int i = 0; i < 4; i++) {
            assertEquals(y.get(i), out.get(i), 0.2, "XOR row " + i + " -> " + out.get(i));
        }
    }

    @Test
    void softmaxClassifierSeparatesGeneratedDigits() {
        GeneratedDigits train = new GeneratedDigits(3000, 11);
        GeneratedDigits test = new GeneratedDigits(1000, 12);
        SplittableRandom rng = new SplittableRandom(2);
        // a softmax classifier: one linear layer, logits into softmax cross-entropy
        Network net = Networks.create("mlp", new int[] {64}, 10, Map.of("hidden", List.of()), rng);
        Params params = net.parameters();
        Adam adam = new Adam(params, 0.003);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        int batch = 50;
        Tensor xb = Tensor.zeros(batch, 64);
        int[] yb = new int[batch];
        for (int epoch = 0; epoch < 30; epoch++) {
            for (int start = 0; start + batch <= train.size(); start += batch) {
                for (int i = 0; i < batch; i++) {
                    System.arraycopy(train.images, (start + i) * 64, xb.data(), i * 64, 64);
                    yb[i] = train.labels[start + i];
                }
                params.zeroGrad();
                ce.forward(net.forward(xb, true), yb);
                net.backward(ce.backward());
                adam.step();
            }
        }
        Tensor logits = net.forward(Tensor.of(test.images, test.size(), 64), false);
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            correct += logits.argmaxRow(i) == test.labels[i] ? 1 : 0;
        }
        double accuracy = correct / (double) test.size();
        assertTrue(accuracy > 0.95, "test accuracy " + accuracy);
    }
}
