package dev.arcadia.nets;

import java.util.List;

/**
 * A differentiable layer with an explicit forward and backward pass, the way the seed notes derive backprop.
 *
 * <p>Contract: {@link #forward} keeps what {@link #backward} needs (typically a reference to its input, which the
 * caller must not modify until backward) and returns a tensor owned by the layer (or a view of its input), valid
 * until its next forward; callers must not modify it.
 * {@link #backward} takes the gradient of the loss with respect to that output, <em>adds</em> the parameter
 * gradients into {@link Param#grad()}, and returns the gradient with respect to the input (also owned by the layer).
 * Buffers are reused while the input shape stays the same, so steady-state calls allocate nothing. The first
 * dimension is the batch.
 */
public interface Layer {

    /** The output for {@code input}; {@code training} selects training behaviour (dropout, batch statistics). */
    Tensor forward(Tensor input, boolean training);

    /** Gradient with respect to the last forward's input, given the gradient with respect to its output. */
    Tensor backward(Tensor gradOutput);

    /** Trainable parameters, named uniquely within the layer (e.g. {@code weight}, {@code bias}). */
    default List<Param> params() {
        return List.of();
    }

    /** Non-trainable state that must be saved with the parameters (e.g. batch-norm running statistics). */
    default List<Param> buffers() {
        return List.of();
    }
}
