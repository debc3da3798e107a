package dev.arcadia.agents;

import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;

/**
 * Writes observations into a float row for a network: a {@code Box} observation is copied, a {@code Discrete} one
 * becomes a one-hot vector (the seed notes' FrozenLake Q-network input). Allocates nothing per call.
 */
public final class ObservationEncoder {

    private final Discrete discrete;
    private final int size;

    private ObservationEncoder(Discrete discrete, int size) {
        this.discrete = discrete;
        this.size = size;
    }

    /**
     * @throws IllegalArgumentException naming the agent, the space it got and the spaces it supports
     */
    public static ObservationEncoder forSpace(String agent, Space<?> space) {
        if (space instanceof Discrete d) {
            return new ObservationEncoder(d, d.n());
        }
        if (space instanceof Box b) {
            return new ObservationEncoder(null, b.size());
        }
        throw new IllegalArgumentException(agent + " needs a Box or Discrete observation space, got " + space);
    }

    /** Length of the encoded row. */
    public int size() {
        return size;
    }

    /** Encodes {@code observation} into {@code out[offset .. offset + size)}. */
    public void encode(Object observation, float[] out, int offset) {
        if (discrete != null) {
            java.util.Arrays.fill(out, offset, offset + size, 0f);
            out[offset + ((Integer) observation - discrete.start())] = 1f;
        } else {
            float[] x = (float[]) observation;
            if (x.length != size) {
                throw new IllegalArgumentException("observation has " + x.length + " values, expected " + size);
            }
            System.arraycopy(x, 0, out, offset, size);
        }
    }
}
