package dev.arcadia.nets;

import java.util.random.RandomGenerator;

/**
 * Weight initializers. Fan-in and fan-out are given by the layer (for a dense layer its input and output sizes;
 * for a convolution channels times kernel area).
 */
public enum Init {
    /** Glorot and Bengio (2010): U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
    XAVIER_UNIFORM,
    /** Glorot and Bengio (2010): N(0, 2 / (fanIn + fanOut)). */
    XAVIER_NORMAL,
    /** He et al. (2015): N(0, 2 / fanIn), for ReLU networks. */
    HE_NORMAL,
    /** He et al. (2015): U(-a, a), a = sqrt(6 / fanIn). */
    HE_UNIFORM,
    /** PyTorch's default for linear and convolution layers: U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    FAN_IN_UNIFORM,
    /** Saxe et al. (2014): a random orthogonal matrix (rows x cols view of the tensor), gain 1. */
    ORTHOGONAL,
    /** All zeros (biases). */
    ZEROS;

    /** Fills {@code w}; for ORTHOGONAL the tensor is read as {@code fanIn x (size / fanIn)}. */
    public void fill(Tensor w, int fanIn, int fanOut, RandomGenerator rng) {
        switch (this) {
            case XAVIER_UNIFORM -> uniform(w, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
            case XAVIER_NORMAL -> normal(w, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
            case HE_NORMAL -> normal(w, Math.sqrt(2.0 / fanIn), rng);
            case HE_UNIFORM -> uniform(w, Math.sqrt(6.0 / fanIn), rng);
            case FAN_IN_UNIFORM -> uniform(w, 1.0 / Math.sqrt(fanIn), rng);
            case ORTHOGONAL -> orthogonal(w, fanIn, w.size() / fanIn, 1.0, rng);
            case ZEROS -> w.fill(0f);
            default -> throw new IllegalStateException(name());
        }
    }

    private static void uniform(Tensor w, double a, RandomGenerator rng) {
        for (int i = 0; i < w.size(); i++) {
            w.set(i, (float) ((rng.nextDouble() * 2 - 1) * a));
        }
    }

    private static void normal(Tensor w, double sd, RandomGenerator rng) {
        for (int i = 0; i < w.size(); i++) {
            w.set(i, (float) (rng.nextGaussian() * sd));
        }
    }

    /**
     * Fills {@code w} (read as {@code rows x cols}, row-major) with {@code gain} times a matrix with orthonormal rows
     * (if rows <= cols) or columns (otherwise): Gram-Schmidt on a Gaussian matrix, in double precision.
     */
    public static void orthogonal(Tensor w, int rows, int cols, double gain, RandomGenerator rng) {
        if (rows * cols != w.size()) {
            throw new IllegalArgumentException("orthogonal init: " + rows + "x" + cols + " does not match " + w.size() + " values");
        }
        boolean transpose = rows > cols;
        int r = transpose ? cols : rows;
        int c = transpose ? rows : cols;
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                m[i][j] = rng.nextGaussian();
            }
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < c; j++) {
                    dot += m[i][j] * m[k][j];
                }
                for (int j = 0; j < c; j++) {
                    m[i][j] -= dot * m[k][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < c; j++) {
                norm += m[i][j] * m[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < c; j++) {
                m[i][j] /= norm;
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                w.set(i * cols + j, (float) (gain * (transpose ? m[j][i] : m[i][j])));
            }
        }
    }
}
