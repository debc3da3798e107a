package dev.arcadia.env.wrappers;

import dev.arcadia.env.Env;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;

/**
 * Turns a {@code Discrete(n)} observation into a one-hot {@code float[n]} in {@code Box(0, 1, [n])}, the input a
 * Q-network takes for FrozenLake. Each observation is a fresh array, so callers may keep or modify it.
 */
public final class OneHotObservation<A> extends ObservationWrapper<Integer, float[], A> {

    private final Discrete discrete;
    private final Box space;

    public OneHotObservation(Env<Integer, A> env) {
        super(env);
        if (!(env.observationSpace() instanceof Discrete d)) {
            throw new IllegalArgumentException("OneHotObservation needs a Discrete observation space, got "
                    + env.observationSpace());
        }
        this.discrete = d;
        this.space = Box.uniform(0f, 1f, d.n());
    }

    @Override
    protected float[] observation(Integer observation) {
        float[] x = new float[discrete.n()];
        x[observation - discrete.start()] = 1f;
        return x;
    }

    @Override
    public Space<float[]> observationSpace() {
        return space;
    }
}
