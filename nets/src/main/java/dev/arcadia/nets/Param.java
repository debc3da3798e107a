package dev.arcadia.nets;

/**
 * A trainable parameter: its value and the gradient of the loss with respect to it. Backward passes add into
 * {@code grad}; {@link Params#zeroGrad()} clears it before the next step.
 *
 * @param name  unique within its network, e.g. {@code "0.weight"}
 * @param value the parameter
 * @param grad  its gradient, same shape
 */
public record Param(String name, Tensor value, Tensor grad) {

    public Param {
        if (!value.sameShape(grad)) {
            throw new IllegalArgumentException("parameter " + name + ": gradient shape differs from value shape");
        }
    }

    /** A zero-initialised parameter (and gradient) of the given shape. */
    public static Param zeros(String name, int... shape) {
        return new Param(name, Tensor.zeros(shape), Tensor.zeros(shape));
    }

    /** The same tensors under another name (used when a network prefixes its layers' names). */
    public Param renamed(String newName) {
        return new Param(newName, value, grad);
    }
}
