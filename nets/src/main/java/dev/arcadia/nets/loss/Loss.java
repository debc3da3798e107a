package dev.arcadia.nets.loss;

import dev.arcadia.nets.Tensor;

/**
 * A scalar loss of a prediction against a target of the same shape. {@link #forward} returns the loss, averaged as
 * each loss documents; {@link #backward} returns its gradient with respect to the prediction (a buffer owned by the
 * loss, valid until the next forward).
 */
public interface Loss {

    double forward(Tensor prediction, Tensor target);

    Tensor backward();

    /** Checks that prediction and target have the same shape. */
    static void checkSameShape(String loss, Tensor prediction, Tensor target) {
        if (!prediction.sameShape(target)) {
            throw new IllegalArgumentException(loss + ": prediction " + java.util.Arrays.toString(prediction.shape())
                    + " and target " + java.util.Arrays.toString(target.shape()) + " must have the same shape");
        }
    }
}
