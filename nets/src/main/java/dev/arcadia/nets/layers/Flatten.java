package dev.arcadia.nets.layers;

import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Tensor;
import java.util.Arrays;

/**
 * Flattens {@code [batch, d1, d2, ...]} to {@code [batch, d1 d2 ...]} (row-major, so NCHW input becomes
 * channel-major features, as PyTorch's {@code nn.Flatten}). Forward returns a view of the input and backward a view
 * of the output gradient with the input's shape; no element is copied. The views are cached while the same tensor
 * comes back, so steady-state calls allocate nothing.
 */
public final class Flatten implements Layer {

    private Tensor input;
    private Tensor flat;
    private Tensor gradOut;
    private Tensor gradIn;

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("Flatten needs input [batch, ...] of rank >= 2, got " + Arrays.toString(x.shape()));
        }
        if (!sameView(x, input)) {
            int batch = x.dim(0);
            flat = x.reshape(batch, batch == 0 ? 0 : x.size() / batch);
            gradIn = null;
        }
        input = x;
        return flat;
    }

    @Override
    public Tensor backward(Tensor g) {
        if (input == null) {
            throw new IllegalStateException("Flatten: backward before forward");
        }
        if (g.rank() != 2 || g.dim(0) != flat.dim(0) || g.dim(1) != flat.dim(1)) {
            throw new IllegalArgumentException("Flatten: output gradient must be [" + flat.dim(0) + ", " + flat.dim(1)
                    + "], got " + Arrays.toString(g.shape()));
        }
        if (gradIn == null || g.data() != gradOut.data() || g.offset() != gradOut.offset()) {
            gradIn = new Tensor(g.data(), g.offset(), input.shape());
            gradOut = g;
        }
        return gradIn;
    }

    /** Whether {@code a} and {@code b} view the same storage with the same shape. */
    private static boolean sameView(Tensor a, Tensor b) {
        if (b == null || a.data() != b.data() || a.offset() != b.offset() || a.rank() != b.rank()) {
            return false;
        }
        for (int i = 0; i < a.rank(); i++) {
            if (a.dim(i) != b.dim(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "flatten";
    }
}
