package dev.arcadia.nets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named parameters of a network (and the non-trainable buffers saved with them): zeroing gradients, copying
 * and Polyak (soft) updates between networks of the same shape, gradient norms and clipping, a flat view as one
 * {@code float[]}, and parameter files ({@link ParamsFile}).
 */
public final class Params {

    private final List<Param> params;
    private final List<Param> buffers;

    public Params(List<Param> params, List<Param> buffers) {
        Map<String, Param> seen = new LinkedHashMap<>();
        for (Param p : params) {
            if (seen.put(p.name(), p) != null) {
                throw new IllegalArgumentException("duplicate parameter name " + p.name());
            }
        }
        for (Param p : buffers) {
            if (seen.put(p.name(), p) != null) {
                throw new IllegalArgumentException("duplicate parameter or buffer name " + p.name());
            }
        }
        this.params = Collections.unmodifiableList(new ArrayList<>(params));
        this.buffers = Collections.unmodifiableList(new ArrayList<>(buffers));
    }

    public Params(List<Param> params) {
        this(params, List.of());
    }

    /** The trainable parameters, in order. */
    public List<Param> list() {
        return params;
    }

    /** Saved, non-trainable state (e.g. running statistics), in order. */
    public List<Param> buffers() {
        return buffers;
    }

    /** Number of trainable scalars. */
    public int count() {
        int n = 0;
        for (Param p : params) {
            n += p.value().size();
        }
        return n;
    }

    public void zeroGrad() {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).grad().fill(0f);
        }
    }

    private void checkSameShape(Params other) {
        if (other.params.size() != params.size() || other.buffers.size() != buffers.size()) {
            throw new IllegalArgumentException("parameter sets differ: " + other.params.size() + " vs " + params.size()
                    + " tensors");
        }
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i).value().sameShape(other.params.get(i).value())) {
                throw new IllegalArgumentException("parameter " + params.get(i).name() + " has another shape in the source");
            }
        }
    }

    /** Copies every value (and buffer) from {@code source}, a network of the same architecture (hard target update). */
    public void copyFrom(Params source) {
        checkSameShape(source);
        for (int i = 0; i < params.size(); i++) {
            params.get(i).value().copyFrom(source.params.get(i).value());
        }
        for (int i = 0; i < buffers.size(); i++) {
            buffers.get(i).value().copyFrom(source.buffers.get(i).value());
        }
    }

    /** Polyak averaging: {@code this = (1 - tau) this + tau source}, for soft target updates. */
    public void softUpdate(Params source, double tau) {
        checkSameShape(source);
        float t = (float) tau;
        for (int i = 0; i < params.size(); i++) {
            Tensor dst = params.get(i).value();
            Tensor src = source.params.get(i).value();
            float[] d = dst.data();
            float[] s = src.data();
            int od = dst.offset();
            int os = src.offset();
            for (int j = 0; j < dst.size(); j++) {
                d[od + j] += t * (s[os + j] - d[od + j]);
            }
        }
    }

    /** The global L2 norm of all gradients. */
    public double gradNorm() {
        double sum = 0;
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            float[] g = p.grad().data();
            int o = p.grad().offset();
            for (int j = 0; j < p.grad().size(); j++) {
                sum += (double) g[o + j] * g[o + j];
            }
        }
        return Math.sqrt(sum);
    }

    /** Scales all gradients so their global norm is at most {@code maxNorm}; returns the norm before clipping. */
    public double clipGradNorm(double maxNorm) {
        double norm = gradNorm();
        if (norm > maxNorm && norm > 0) {
            float scale = (float) (maxNorm / norm);
            for (int i = 0; i < params.size(); i++) {
                Param p = params.get(i);
                float[] g = p.grad().data();
                int o = p.grad().offset();
                for (int j = 0; j < p.grad().size(); j++) {
                    g[o + j] *= scale;
                }
            }
        }
        return norm;
    }

    /** All trainable values as one flat array, in order. */
    public float[] toFlat() {
        float[] flat = new float[count()];
        int at = 0;
        for (Param p : params) {
            System.arraycopy(p.value().data(), p.value().offset(), flat, at, p.value().size());
            at += p.value().size();
        }
        return flat;
    }

    /** Sets all trainable values from a flat array made by {@link #toFlat()}. */
    public void fromFlat(float[] flat) {
        if (flat.length != count()) {
            throw new IllegalArgumentException("flat parameters have " + flat.length + " values, expected " + count());
        }
        int at = 0;
        for (Param p : params) {
            System.arraycopy(flat, at, p.value().data(), p.value().offset(), p.value().size());
            at += p.value().size();
        }
    }

    /** Writes a parameter file (atomically). */
    public void save(Path file) throws IOException {
        ParamsFile.write(file, this);
    }

    /** Reads a parameter file written for the same architecture; a truncated, tampered or foreign file fails clearly. */
    public void load(Path file) throws IOException {
        ParamsFile.read(file, this);
    }
}
