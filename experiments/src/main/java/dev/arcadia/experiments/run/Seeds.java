package dev.arcadia.experiments.run;

import dev.arcadia.env.util.Rng;
import java.nio.charset.StandardCharsets;

/**
 * Named child seeds: every random stream of a run derives from the master seed and a name ({@code env},
 * {@code agent}, {@code eval}, ...), so adding a new consumer never shifts the others.
 */
public final class Seeds {

    /** The child-seed names a run uses. */
    public static final String ENV = "env";
    public static final String AGENT = "agent";
    public static final String EVAL = "eval";

    private Seeds() {
    }

    /** The seed named {@code name} under {@code parent}: a 64-bit hash of both, stable across versions. */
    public static long child(long parent, String name) {
        long h = Rng.mix(parent ^ 0x5DEECE66DL);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = Rng.mix(h ^ (b & 0xFF) ^ 0x9E3779B97F4A7C15L);
        }
        return h;
    }

    /** The master seed of the {@code index}-th seeded run of an experiment. */
    public static long run(long master, int index) {
        return child(master, "run/" + index);
    }
}
