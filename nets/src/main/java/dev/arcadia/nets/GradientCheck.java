package dev.arcadia.nets;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Finite-difference gradient checking for any {@link Layer}: the analytic gradients of the scalar
 * {@code L = sum(R * forward(x))} (R a fixed random tensor) from {@link Layer#backward} are compared with central
 * differences {@code (L(v + eps) - L(v - eps)) / 2 eps} for sampled elements of the input and of every parameter.
 * L is accumulated in double. The error of one element is {@code |analytic - numeric| / max(floor, |analytic|,
 * |numeric|)}. It also checks that a second backward adds to the parameter gradients rather than overwriting them.
 * Layers that are exactly linear in each element (convolutions) tolerate a larger epsilon, which reduces float
 * rounding error; stochastic layers must be made deterministic for the check (e.g. a frozen dropout mask).
 */
public final class GradientCheck {

    /**
     * @param maxError the largest error found
     * @param worst    where it was (tensor and element)
     * @param checked  number of elements compared
     */
    public record Result(double maxError, String worst, int checked) {

        /** Throws an AssertionError naming the worst element if {@code maxError > tolerance}. */
        public Result assertBelow(double tolerance) {
            if (!(maxError <= tolerance)) {
                throw new AssertionError("gradient check failed: error " + maxError + " > " + tolerance + " at " + worst
                        + " (" + checked + " elements checked)");
            }
            return this;
        }
    }

    /** Settings; the defaults suit float32 layers. */
    public static final class Options {
        /** Finite-difference step. */
        public double epsilon = 1e-2;
        /** Denominator floor of the relative error. */
        public double floor = 1e-2;
        /** Elements sampled per tensor (all when the tensor is smaller). */
        public int samplesPerTensor = 60;
        /** Whether to also check the gradient with respect to the input. */
        public boolean checkInput = true;
        /** The mode passed to forward (training mode for batch statistics, etc.). */
        public boolean training = true;
    }

    private GradientCheck() {
    }

    /** Checks {@code layer} at {@code input} with default options. */
    public static Result check(Layer layer, Tensor input, RandomGenerator rng) {
        return check(layer, input, rng, new Options());
    }

    public static Result check(Layer layer, Tensor input, RandomGenerator rng, Options options) {
        Tensor x = input.copy();
        Tensor out = layer.forward(x, options.training);
        Tensor r = Tensor.zeros(out.shape());
        for (int i = 0; i < r.size(); i++) {
            r.set(i, (float) rng.nextGaussian());
        }
        List<Param> params = layer.params();
        for (Param p : params) {
            p.grad().fill(0f);
        }
        Tensor dx = layer.backward(r).copy();
        List<Tensor> analytic = new ArrayList<>();
        for (Param p : params) {
            analytic.add(p.grad().copy());
        }
        // a second backward must add to the gradients, not overwrite them
        layer.forward(x, options.training);
        layer.backward(r);
        for (int i = 0; i < params.size(); i++) {
            Tensor once = analytic.get(i);
            Tensor twice = params.get(i).grad();
            for (int j = 0; j < once.size(); j++) {
                double expected = 2.0 * once.get(j);
                if (Math.abs(twice.get(j) - expected) > 1e-4 * Math.max(1, Math.abs(expected))) {
                    return new Result(Double.POSITIVE_INFINITY, params.get(i).name() + "[" + j
                            + "]: a second backward gave " + twice.get(j) + ", expected twice the first (" + expected
                            + "); backward must add into Param.grad", 0);
                }
            }
        }
        double maxError = 0;
        String worst = "nothing";
        int checked = 0;
        List<String> names = new ArrayList<>();
        List<Tensor> values = new ArrayList<>();
        List<Tensor> grads = new ArrayList<>();
        if (options.checkInput) {
            names.add("input");
            values.add(x);
            grads.add(dx);
        }
        for (int i = 0; i < params.size(); i++) {
            names.add(params.get(i).name());
            values.add(params.get(i).value());
            grads.add(analytic.get(i));
        }
        for (int t = 0; t < values.size(); t++) {
            Tensor v = values.get(t);
            int n = v.size();
            int samples = Math.min(n, options.samplesPerTensor);
            for (int s = 0; s < samples; s++) {
                int i = samples == n ? s : rng.nextInt(n);
                float original = v.get(i);
                v.set(i, (float) (original + options.epsilon));
                double plus = objective(layer, x, r, options.training);
                v.set(i, (float) (original - options.epsilon));
                double minus = objective(layer, x, r, options.training);
                v.set(i, original);
                double numeric = (plus - minus) / (2 * options.epsilon);
                double a = grads.get(t).get(i);
                double error = Math.abs(a - numeric) / Math.max(options.floor, Math.max(Math.abs(a), Math.abs(numeric)));
                checked++;
                if (error > maxError || Double.isNaN(error)) {
                    maxError = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
                    worst = names.get(t) + "[" + i + "]: analytic " + a + ", numeric " + numeric;
                }
            }
        }
        return new Result(maxError, worst, checked);
    }

    private static double objective(Layer layer, Tensor x, Tensor r, boolean training) {
        Tensor y = layer.forward(x, training);
        double sum = 0;
        for (int i = 0; i < y.size(); i++) {
            sum += (double) r.get(i) * y.get(i);
        }
        return sum;
    }
}
