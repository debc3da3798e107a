package dev.arcadia.nets.layers;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A lookup table of learned vectors (Bengio et al. 2003, "A neural probabilistic language model"): row {@code id} of
 * {@code weight [vocab, dim]} for each token id. Input: token ids stored as floats, {@code [batch, time]} or
 * {@code [batch]}; output {@code [batch, time, dim]} or {@code [batch, dim]} (the same as TensorFlow's
 * {@code embedding_lookup}, seed notes H23). Backward adds each output row's gradient into the row it was read from
 * (rows used several times receive the sum) and returns a zero input gradient: ids are not differentiable.
 */
public final class Embedding implements Layer {

    private final int vocab;
    private final int dim;
    private final Param weight;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private Tensor input;

    /** {@code init} fills the table, with fan-in {@code vocab} and fan-out {@code dim}. */
    public Embedding(int vocab, int dim, Init init, RandomGenerator rng) {
        if (vocab <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding needs positive sizes, got vocab=" + vocab + ", dim=" + dim);
        }
        this.vocab = vocab;
        this.dim = dim;
        this.weight = Param.zeros("weight", vocab, dim);
        init.fill(weight.value(), vocab, dim, rng);
    }

    public int vocabSize() {
        return vocab;
    }

    public int dim() {
        return dim;
    }

    /** The table {@code [vocab, dim]} (shared; writable, e.g. to load pretrained vectors). */
    public Tensor weight() {
        return weight.value();
    }

    @Override
    public Tensor forward(Tensor ids, boolean training) {
        if (ids.rank() != 1 && ids.rank() != 2) {
            throw new IllegalArgumentException("Embedding needs token ids [batch, time] or [batch], got "
                    + Arrays.toString(ids.shape()));
        }
        int n = ids.size();
        Tensor y = ids.rank() == 2 ? output.get(ids.dim(0), ids.dim(1), dim) : output.get(ids.dim(0), dim);
        float[] w = weight.value().data();
        int wo = weight.value().offset();
        for (int i = 0; i < n; i++) {
            int id = id(ids, i);
            System.arraycopy(w, wo + id * dim, y.data(), y.offset() + i * dim, dim);
        }
        input = ids;
        return y;
    }

    private int id(Tensor ids, int i) {
        float v = ids.get(i);
        int id = (int) v;
        if (id != v || id < 0 || id >= vocab) {
            throw new IllegalArgumentException("Embedding: token id " + v + " at position " + i + " is not an integer in [0, "
                    + vocab + ")");
        }
        return id;
    }

    @Override
    public Tensor backward(Tensor g) {
        int n = input.size();
        if (g.size() != n * dim || g.dim(-1) != dim) {
            throw new IllegalArgumentException("Embedding output gradient must have " + n + " rows of " + dim + ", got "
                    + Arrays.toString(g.shape()));
        }
        float[] dw = weight.grad().data();
        int dwo = weight.grad().offset();
        float[] gd = g.data();
        for (int i = 0; i < n; i++) {
            int row = dwo + id(input, i) * dim;
            int src = g.offset() + i * dim;
            for (int j = 0; j < dim; j++) {
                dw[row + j] += gd[src + j];
            }
        }
        Tensor dx = inputGrad.like(input);
        dx.fill(0f);
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of(weight);
    }

    @Override
    public String toString() {
        return "Embedding(" + vocab + " x " + dim + ")";
    }
}
