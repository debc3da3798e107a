package dev.arcadia.nets.optim;

import dev.arcadia.nets.Param;
import dev.arcadia.nets.Params;
import dev.arcadia.nets.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Updates parameters from their gradients. An optimizer is bound to one {@link Params} at construction and keeps
 * one state tensor per parameter and slot (preallocated: {@link #step()} allocates nothing).
 */
public abstract class Optimizer {

    protected final Params params;
    private final List<Param> state = new ArrayList<>();
    private long steps;
    /** The learning rate; may be changed between steps (schedules). */
    protected double learningRate;

    protected Optimizer(Params params, double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        this.params = params;
        this.learningRate = learningRate;
    }

    /** Allocates one zero state tensor per parameter for {@code slot} (e.g. "m"), named {@code param.slot}. */
    protected final Tensor[] slot(String slot) {
        Tensor[] tensors = new Tensor[params.list().size()];
        for (int i = 0; i < tensors.length; i++) {
            Param p = params.list().get(i);
            Param s = Param.zeros(p.name() + "." + slot, p.value().shape());
            state.add(s);
            tensors[i] = s.value();
        }
        return tensors;
    }

    /** Applies one update with the current gradients. */
    public final void step() {
        steps++;
        for (int i = 0; i < params.list().size(); i++) {
            Param p = params.list().get(i);
            update(i, p.value().data(), p.value().offset(), p.grad().data(), p.grad().offset(), p.value().size());
        }
    }

    /** Updates parameter {@code index}: {@code n} values at {@code w[wo..]} with gradients at {@code g[go..]}. */
    protected abstract void update(int index, float[] w, int wo, float[] g, int go, int n);

    /** Steps taken so far (Adam's bias correction uses it). */
    public long steps() {
        return steps;
    }

    /** Restores the step counter (after loading state from a checkpoint). */
    public void setSteps(long steps) {
        this.steps = steps;
    }

    public double learningRate() {
        return learningRate;
    }

    public void setLearningRate(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        }
        this.learningRate = lr;
    }

    /** The optimizer's state tensors (values only), for saving with {@link dev.arcadia.nets.ParamsFile}. */
    public Params state() {
        return new Params(state);
    }
}
