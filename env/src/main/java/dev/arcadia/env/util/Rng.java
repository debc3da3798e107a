package dev.arcadia.env.util;

import java.util.random.RandomGenerator;

/**
 * xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64: a fast generator whose whole state is four
 * longs, so environments can snapshot and restore their random stream exactly. Not thread-safe.
 */
public final class Rng implements RandomGenerator {

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    public Rng(long seed) {
        setSeed(seed);
    }

    /** Resets the stream to the one determined by {@code seed}. */
    public void setSeed(long seed) {
        long x = seed;
        s0 = mix(x += 0x9E3779B97F4A7C15L);
        s1 = mix(x += 0x9E3779B97F4A7C15L);
        s2 = mix(x += 0x9E3779B97F4A7C15L);
        s3 = mix(x + 0x9E3779B97F4A7C15L);
    }

    /** SplitMix64's finalizer: a bijective 64-bit mix. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** The four state words, for snapshots. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /** Restores a state from {@link #state()}. */
    public void setState(long[] state) {
        if (state.length != 4 || (state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("an Rng state is 4 longs, not all zero; got " + state.length + " values");
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
    }
}
