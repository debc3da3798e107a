package dev.arcadia.nets.layers;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Batch normalization (Ioffe and Szegedy 2015) over the features of 2-d input {@code [batch, features]} or per
 * channel of 4-d input {@code [batch, channels, h, w]} (statistics over batch, height and width):
 * {@code y = gamma (x - mean) / sqrt(var + eps) + beta}.
 *
 * <p>Training mode uses the batch mean and biased variance and updates the running statistics with PyTorch's
 * convention, {@code running = (1 - momentum) running + momentum batch}, using the unbiased variance
 * {@code var m / (m - 1)} ({@code m} values per feature) for the running variance. Evaluation mode uses the
 * running statistics. The running statistics are {@link #buffers()} ({@code running_mean}, {@code running_var}),
 * saved with the parameters; their gradients are unused.
 *
 * <p>Backward in training mode is the full batch-norm gradient through the batch statistics, in the closed form of
 * the paper (and the seed notes' NN-14): with {@code xhat} the normalised input, {@code dbeta = sum g},
 * {@code dgamma = sum g xhat} and {@code dx = gamma / (m sigma) (m g - dbeta - xhat dgamma)}. In evaluation mode
 * the statistics are constants: {@code dx = gamma g / sqrt(runningVar + eps)}.
 */
public final class BatchNorm implements Layer {

    private final int features;
    private final float momentum;
    private final float eps;
    private final Param gamma;
    private final Param beta;
    private final Param runningMean;
    private final Param runningVar;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private final Buffers normalized = new Buffers();
    private final float[] invStd;
    private final double[] sumG;
    private final double[] sumGx;
    private Tensor input;
    private Tensor xhat;
    private boolean trained;

    /** PyTorch's defaults: momentum 0.1, eps 1e-5. */
    public BatchNorm(int features) {
        this(features, 0.1, 1e-5);
    }

    public BatchNorm(int features, double momentum, double eps) {
        if (features <= 0 || !(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException("BatchNorm needs features > 0, 0 <= momentum <= 1 and eps > 0, got features="
                    + features + ", momentum=" + momentum + ", eps=" + eps);
        }
        this.features = features;
        this.momentum = (float) momentum;
        this.eps = (float) eps;
        this.gamma = Param.zeros("gamma", features);
        this.beta = Param.zeros("beta", features);
        this.runningMean = Param.zeros("running_mean", features);
        this.runningVar = Param.zeros("running_var", features);
        gamma.value().fill(1f);
        runningVar.value().fill(1f);
        this.invStd = new float[features];
        this.sumG = new double[features];
        this.sumGx = new double[features];
    }

    public int features() {
        return features;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (!((x.rank() == 2 || x.rank() == 4) && x.dim(1) == features)) {
            throw new IllegalArgumentException("BatchNorm(" + features + ") needs input [batch, " + features
                    + "] or [batch, " + features + ", height, width], got " + Arrays.toString(x.shape()));
        }
        int batch = x.dim(0);
        int inner = x.rank() == 4 ? x.dim(2) * x.dim(3) : 1;
        int m = batch * inner;
        if (training && m < 2) {
            throw new IllegalArgumentException("BatchNorm in training mode needs more than one value per feature, got input "
                    + Arrays.toString(x.shape()));
        }
        Tensor y = output.like(x);
        Tensor xh = normalized.like(x);
        float[] xd = x.data();
        float[] yd = y.data();
        float[] hd = xh.data();
        float[] gv = gamma.value().data();
        float[] bv = beta.value().data();
        float[] rm = runningMean.value().data();
        float[] rv = runningVar.value().data();
        int go = gamma.value().offset();
        int bo = beta.value().offset();
        int rmo = runningMean.value().offset();
        int rvo = runningVar.value().offset();
        for (int f = 0; f < features; f++) {
            float mean;
            float istd;
            if (training) {
                double sum = 0;
                for (int n = 0; n < batch; n++) {
                    int base = x.offset() + (n * features + f) * inner;
                    for (int i = 0; i < inner; i++) {
                        sum += xd[base + i];
                    }
                }
                double mu = sum / m;
                double sq = 0;
                for (int n = 0; n < batch; n++) {
                    int base = x.offset() + (n * features + f) * inner;
                    for (int i = 0; i < inner; i++) {
                        double d = xd[base + i] - mu;
                        sq += d * d;
                    }
                }
                double var = sq / m;
                mean = (float) mu;
                istd = (float) (1.0 / Math.sqrt(var + eps));
                rm[rmo + f] = (1 - momentum) * rm[rmo + f] + momentum * mean;
                rv[rvo + f] = (1 - momentum) * rv[rvo + f] + momentum * (float) (var * m / (m - 1));
            } else {
                mean = rm[rmo + f];
                istd = (float) (1.0 / Math.sqrt(rv[rvo + f] + (double) eps));
            }
            invStd[f] = istd;
            float gf = gv[go + f];
            float bf = bv[bo + f];
            for (int n = 0; n < batch; n++) {
                int base = (n * features + f) * inner;
                int xb = x.offset() + base;
                int yb = y.offset() + base;
                int hb = xh.offset() + base;
                for (int i = 0; i < inner; i++) {
                    float v = (xd[xb + i] - mean) * istd;
                    hd[hb + i] = v;
                    yd[yb + i] = gf * v + bf;
                }
            }
        }
        input = x;
        xhat = xh;
        trained = training;
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        if (input == null) {
            throw new IllegalStateException("BatchNorm: backward before forward");
        }
        if (g.rank() != input.rank() || g.size() != input.size() || g.dim(0) != input.dim(0) || g.dim(1) != features) {
            throw new IllegalArgumentException("BatchNorm: output gradient must be " + Arrays.toString(input.shape())
                    + ", got " + Arrays.toString(g.shape()));
        }
        int batch = input.dim(0);
        int inner = input.rank() == 4 ? input.dim(2) * input.dim(3) : 1;
        int m = batch * inner;
        float[] gd = g.data();
        float[] hd = xhat.data();
        Arrays.fill(sumG, 0);
        Arrays.fill(sumGx, 0);
        for (int n = 0; n < batch; n++) {
            for (int f = 0; f < features; f++) {
                int base = (n * features + f) * inner;
                int gb = g.offset() + base;
                int hb = xhat.offset() + base;
                double s = 0;
                double sx = 0;
                for (int i = 0; i < inner; i++) {
                    float v = gd[gb + i];
                    s += v;
                    sx += v * hd[hb + i];
                }
                sumG[f] += s;
                sumGx[f] += sx;
            }
        }
        float[] dgamma = gamma.grad().data();
        float[] dbeta = beta.grad().data();
        float[] gv = gamma.value().data();
        int go = gamma.value().offset();
        for (int f = 0; f < features; f++) {
            dgamma[gamma.grad().offset() + f] += (float) sumGx[f];
            dbeta[beta.grad().offset() + f] += (float) sumG[f];
        }
        Tensor dx = inputGrad.like(input);
        float[] dd = dx.data();
        for (int n = 0; n < batch; n++) {
            for (int f = 0; f < features; f++) {
                int base = (n * features + f) * inner;
                int gb = g.offset() + base;
                int hb = xhat.offset() + base;
                int db = dx.offset() + base;
                float scale = gv[go + f] * invStd[f];
                if (trained) {
                    float meanG = (float) (sumG[f] / m);
                    float meanGx = (float) (sumGx[f] / m);
                    for (int i = 0; i < inner; i++) {
                        dd[db + i] = scale * (gd[gb + i] - meanG - hd[hb + i] * meanGx);
                    }
                } else {
                    for (int i = 0; i < inner; i++) {
                        dd[db + i] = scale * gd[gb + i];
                    }
                }
            }
        }
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta);
    }

    @Override
    public List<Param> buffers() {
        return List.of(runningMean, runningVar);
    }

    @Override
    public String toString() {
        return "BatchNorm(" + features + ")";
    }
}
