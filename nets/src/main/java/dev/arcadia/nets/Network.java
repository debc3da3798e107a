package dev.arcadia.nets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Layers applied in sequence; itself a {@link Layer}. Parameter names are prefixed with the layer index
 * ({@code "0.weight"}, {@code "2.bias"}), so a network's {@link Params} can be saved and loaded by name.
 */
public final class Network implements Layer {

    private final List<Layer> layers;
    private final List<Param> params;
    private final List<Param> buffers;

    public Network(List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        List<Param> p = new ArrayList<>();
        List<Param> b = new ArrayList<>();
        for (int i = 0; i < this.layers.size(); i++) {
            for (Param param : this.layers.get(i).params()) {
                p.add(param.renamed(i + "." + param.name()));
            }
            for (Param buffer : this.layers.get(i).buffers()) {
                b.add(buffer.renamed(i + "." + buffer.name()));
            }
        }
        this.params = Collections.unmodifiableList(p);
        this.buffers = Collections.unmodifiableList(b);
    }

    public Network(Layer... layers) {
        this(List.of(layers));
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(x, training);
        }
        return x;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Tensor g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
        return g;
    }

    /**
     * Backward for training only: the parameter gradients, without the gradient with respect to the network's input
     * where the first layer can skip it (a {@link dev.arcadia.nets.layers.Dense} first layer saves one matrix
     * product). Use {@link #backward} when the input gradient is needed.
     */
    public void backwardParameters(Tensor gradOutput) {
        Tensor g = gradOutput;
        for (int i = layers.size() - 1; i >= 1; i--) {
            g = layers.get(i).backward(g);
        }
        if (layers.get(0) instanceof dev.arcadia.nets.layers.Dense dense) {
            dense.backward(g, false);
        } else {
            layers.get(0).backward(g);
        }
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public List<Param> buffers() {
        return buffers;
    }

    /** The parameters (and saved buffers) as a {@link Params} collection. */
    public Params parameters() {
        return new Params(params, buffers);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Network[");
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(layers.get(i));
        }
        return sb.append(']').toString();
    }
}
