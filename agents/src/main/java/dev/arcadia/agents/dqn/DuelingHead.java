package dev.arcadia.agents.dqn;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.layers.Dense;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The dueling head (Wang et al., 2016): from features {@code h}, a value stream {@code V(h)} and an advantage stream
 * {@code A(h, a)}, combined as {@code Q = V + A - mean_a A}. Backward: {@code dV = sum_a g}, {@code dA = g - mean_a g}.
 */
public final class DuelingHead implements Layer {

    private final Dense value;
    private final Dense advantage;
    private final int actions;
    private final Buffers output = new Buffers();
    private final Buffers valueGrad = new Buffers();
    private final Buffers advantageGrad = new Buffers();
    private final Buffers inputGrad = new Buffers();

    public DuelingHead(int features, int actions, Init init, RandomGenerator rng) {
        this.value = new Dense(features, 1, init, rng);
        this.advantage = new Dense(features, actions, init, rng);
        this.actions = actions;
    }

    @Override
    public Tensor forward(Tensor h, boolean training) {
        Tensor v = value.forward(h, training);
        Tensor a = advantage.forward(h, training);
        int batch = h.dim(0);
        Tensor q = output.get(batch, actions);
        for (int r = 0; r < batch; r++) {
            double mean = 0;
            for (int j = 0; j < actions; j++) {
                mean += a.get(r * actions + j);
            }
            mean /= actions;
            for (int j = 0; j < actions; j++) {
                q.set(r * actions + j, (float) (v.get(r) + a.get(r * actions + j) - mean));
            }
        }
        return q;
    }

    @Override
    public Tensor backward(Tensor g) {
        int batch = g.dim(0);
        Tensor dv = valueGrad.get(batch, 1);
        Tensor da = advantageGrad.get(batch, actions);
        for (int r = 0; r < batch; r++) {
            double sum = 0;
            for (int j = 0; j < actions; j++) {
                sum += g.get(r * actions + j);
            }
            dv.set(r, (float) sum);
            for (int j = 0; j < actions; j++) {
                da.set(r * actions + j, (float) (g.get(r * actions + j) - sum / actions));
            }
        }
        Tensor dhValue = value.backward(dv);
        Tensor dh = inputGrad.like(dhValue);
        dh.copyFrom(dhValue);
        Tensor dhAdvantage = advantage.backward(da);
        for (int i = 0; i < dh.size(); i++) {
            dh.set(i, dh.get(i) + dhAdvantage.get(i));
        }
        return dh;
    }

    @Override
    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        for (Param x : value.params()) {
            p.add(x.renamed("value." + x.name()));
        }
        for (Param x : advantage.params()) {
            p.add(x.renamed("advantage." + x.name()));
        }
        return p;
    }

    @Override
    public String toString() {
        return "DuelingHead(" + actions + ")";
    }
}
