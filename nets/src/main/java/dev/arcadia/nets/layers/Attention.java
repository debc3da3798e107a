package dev.arcadia.nets.layers;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.kernels.Gemm;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Attention: each query attends over the keys, and the context is the attention-weighted sum of the values.
 * <pre>
 *   scores[i, j] = score(q_i, k_j)      A = softmax over j      context_i = sum_j A[i, j] v_j
 * </pre>
 * with, per {@link Score}: dot product (Luong et al. 2015, "Effective approaches to attention-based neural machine
 * translation": {@code q . k}); scaled dot product (Vaswani et al. 2017: {@code q . k / sqrt(d)}); or additive
 * (Bahdanau et al. 2015, "Neural machine translation by jointly learning to align and translate":
 * {@code v^T tanh(q W_q + k W_k)}, parameters {@code queryWeight [dq, da]}, {@code keyWeight [dk, da]},
 * {@code scoreVector [da]}, no bias as in the paper).
 *
 * <p>Two interfaces. The explicit one: {@link #forward(Tensor, Tensor, Tensor, boolean)} with queries
 * {@code [batch, tq, dq]}, keys {@code [batch, tk, dk]} and values {@code [batch, tk, dv]} gives the context
 * {@code [batch, tq, dv]} and the weights {@code [batch, tq, tk]} ({@link #weights()}); {@link #backward} then leaves
 * the three input gradients in {@link #queriesGrad()}, {@link #keysGrad()} and {@link #valuesGrad()} (sum them
 * yourself when one tensor played two roles, e.g. encoder outputs as keys and values) and adds the parameter
 * gradients. As a {@link Layer} it is self-attention: {@code forward(x)} uses {@code x} as queries, keys and values,
 * and {@code backward} returns the sum of the three gradients.
 *
 * <p>Backward: {@code dA = g v^T}, {@code dv = A^T g}, {@code dS = A * (dA - rowsum(dA * A))}, then through the score.
 */
public final class Attention implements Layer {

    /** The score function. */
    public enum Score { DOT, SCALED_DOT, ADDITIVE }

    private final Score score;
    private final int queryDim;
    private final int keyDim;
    private final int attentionDim;
    private final Param queryWeight;
    private final Param keyWeight;
    private final Param scoreVector;
    private final Buffers weightsBuf = new Buffers();
    private final Buffers contextBuf = new Buffers();
    private final Buffers queryProj = new Buffers();
    private final Buffers keyProj = new Buffers();
    private final Buffers hiddenBuf = new Buffers();
    private final Buffers scoreGradBuf = new Buffers();
    private final Buffers queryProjGrad = new Buffers();
    private final Buffers keyProjGrad = new Buffers();
    private final Buffers dqBuf = new Buffers();
    private final Buffers dkBuf = new Buffers();
    private final Buffers dvBuf = new Buffers();
    private final Buffers sumBuf = new Buffers();
    private Tensor q;
    private Tensor k;
    private Tensor v;
    private Tensor attn;
    private Tensor context;
    private Tensor hiddenAct;
    private Tensor dq;
    private Tensor dk;
    private Tensor dv;
    private boolean selfAttention;
    private float scale;

    private Attention(Score score, int queryDim, int keyDim, int attentionDim, Init init, RandomGenerator rng) {
        this.score = score;
        this.queryDim = queryDim;
        this.keyDim = keyDim;
        this.attentionDim = attentionDim;
        if (score == Score.ADDITIVE) {
            if (queryDim <= 0 || keyDim <= 0 || attentionDim <= 0) {
                throw new IllegalArgumentException("additive attention needs positive sizes, got query " + queryDim
                        + ", key " + keyDim + ", attention " + attentionDim);
            }
            queryWeight = Param.zeros("queryWeight", queryDim, attentionDim);
            keyWeight = Param.zeros("keyWeight", keyDim, attentionDim);
            scoreVector = Param.zeros("scoreVector", attentionDim);
            init.fill(queryWeight.value(), queryDim, attentionDim, rng);
            init.fill(keyWeight.value(), keyDim, attentionDim, rng);
            init.fill(scoreVector.value(), attentionDim, 1, rng);
        } else {
            queryWeight = null;
            keyWeight = null;
            scoreVector = null;
        }
    }

    /** Luong dot-product attention; {@code scaled} divides the scores by {@code sqrt(d)} (Vaswani et al. 2017). */
    public static Attention dot(boolean scaled) {
        return new Attention(scaled ? Score.SCALED_DOT : Score.DOT, 0, 0, 0, null, null);
    }

    /** Bahdanau additive attention for queries of size {@code queryDim} and keys of size {@code keyDim}. */
    public static Attention additive(int queryDim, int keyDim, int attentionDim, Init init, RandomGenerator rng) {
        return new Attention(Score.ADDITIVE, queryDim, keyDim, attentionDim, init, rng);
    }

    public Score score() {
        return score;
    }

    /** The attention weights {@code [batch, tq, tk]} of the last forward (rows sum to 1). */
    public Tensor weights() {
        return attn;
    }

    /** Gradient with respect to the queries, from the last backward. */
    public Tensor queriesGrad() {
        return dq;
    }

    /** Gradient with respect to the keys, from the last backward. */
    public Tensor keysGrad() {
        return dk;
    }

    /** Gradient with respect to the values, from the last backward. */
    public Tensor valuesGrad() {
        return dv;
    }

    /** Self-attention: {@code x [batch, time, d]} is queries, keys and values; output {@code [batch, time, d]}. */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor out = forward(x, x, x, training);
        selfAttention = true;
        return out;
    }

    /** The context {@code [batch, tq, dv]}; the inputs must stay unchanged until {@link #backward}. */
    public Tensor forward(Tensor queries, Tensor keys, Tensor values, boolean training) {
        check(queries, keys, values);
        int batch = queries.dim(0);
        int tq = queries.dim(1);
        int tk = keys.dim(1);
        int d = queries.dim(2);
        int dvDim = values.dim(2);
        attn = weightsBuf.get(batch, tq, tk);
        float[] ad = attn.data();
        if (score == Score.ADDITIVE) {
            additiveScores(queries, keys);
        } else {
            scale = score == Score.SCALED_DOT ? (float) (1.0 / Math.sqrt(d)) : 1f;
            for (int b = 0; b < batch; b++) {
                Gemm.gemm(false, true, tq, tk, d, scale, queries.data(), queries.offset() + b * tq * d, d, keys.data(),
                        keys.offset() + b * tk * d, d, 0f, ad, attn.offset() + b * tq * tk, tk);
            }
        }
        softmaxRows(ad, attn.offset(), batch * tq, tk);
        context = contextBuf.get(batch, tq, dvDim);
        for (int b = 0; b < batch; b++) {
            Gemm.gemm(false, false, tq, dvDim, tk, 1f, ad, attn.offset() + b * tq * tk, tk, values.data(),
                    values.offset() + b * tk * dvDim, dvDim, 0f, context.data(), context.offset() + b * tq * dvDim, dvDim);
        }
        q = queries;
        k = keys;
        v = values;
        selfAttention = false;
        return context;
    }

    private void check(Tensor queries, Tensor keys, Tensor values) {
        if (queries.rank() != 3 || keys.rank() != 3 || values.rank() != 3 || queries.dim(0) != keys.dim(0)
                || keys.dim(0) != values.dim(0) || keys.dim(1) != values.dim(1) || keys.dim(1) < 1
                || (score != Score.ADDITIVE && queries.dim(2) != keys.dim(2))
                || (score == Score.ADDITIVE && (queries.dim(2) != queryDim || keys.dim(2) != keyDim))) {
            String dims = score == Score.ADDITIVE ? queryDim + "], keys [batch, tk, " + keyDim : "d], keys [batch, tk, d";
            throw new IllegalArgumentException("Attention(" + score + ") needs queries [batch, tq, " + dims
                    + "], values [batch, tk, dv] with tk >= 1; got queries " + Arrays.toString(queries.shape()) + ", keys "
                    + Arrays.toString(keys.shape()) + ", values " + Arrays.toString(values.shape()));
        }
    }

    /** scores[b, i, j] = v . tanh(q_i W_q + k_j W_k), keeping the tanh activations for backward. */
    private void additiveScores(Tensor queries, Tensor keys) {
        int batch = queries.dim(0);
        int tq = queries.dim(1);
        int tk = keys.dim(1);
        int da = attentionDim;
        Tensor qp = queryProj.get(batch * tq, da);
        Tensor kp = keyProj.get(batch * tk, da);
        Gemm.gemm(false, false, batch * tq, da, queryDim, 1f, queries.data(), queries.offset(), queryDim,
                queryWeight.value().data(), queryWeight.value().offset(), da, 0f, qp.data(), qp.offset(), da);
        Gemm.gemm(false, false, batch * tk, da, keyDim, 1f, keys.data(), keys.offset(), keyDim, keyWeight.value().data(),
                keyWeight.value().offset(), da, 0f, kp.data(), kp.offset(), da);
        hiddenAct = hiddenBuf.get(batch * tq, tk, da);
        float[] hd = hiddenAct.data();
        float[] qd = qp.data();
        float[] kd = kp.data();
        float[] sv = scoreVector.value().data();
        int svo = scoreVector.value().offset();
        float[] ad = attn.data();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < tq; i++) {
                int qi = qp.offset() + (b * tq + i) * da;
                for (int j = 0; j < tk; j++) {
                    int kj = kp.offset() + (b * tk + j) * da;
                    int hij = hiddenAct.offset() + ((b * tq + i) * tk + j) * da;
                    double s = 0;
                    for (int a = 0; a < da; a++) {
                        float h = (float) Math.tanh(qd[qi + a] + kd[kj + a]);
                        hd[hij + a] = h;
                        s += h * sv[svo + a];
                    }
                    ad[attn.offset() + (b * tq + i) * tk + j] = (float) s;
                }
            }
        }
    }

    /** Numerically stable softmax of each of {@code rows} rows of length {@code n}, in place. */
    private static void softmaxRows(float[] d, int off, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            int base = off + r * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, d[base + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(d[base + j] - max);
                d[base + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < n; j++) {
                d[base + j] *= inv;
            }
        }
    }

    /**
     * Computes the gradients with respect to queries, keys and values (read them with the getters) and adds the
     * parameter gradients. Returns, after a self-attention forward, the gradient with respect to its single input
     * (the sum of the three); after the three-input forward, the queries' gradient.
     */
    @Override
    public Tensor backward(Tensor gradContext) {
        Rnn.checkGrad("Attention", gradContext, context);
        int batch = q.dim(0);
        int tq = q.dim(1);
        int tk = k.dim(1);
        int dvDim = v.dim(2);
        float[] ad = attn.data();
        float[] gd = gradContext.data();
        Tensor ds = scoreGradBuf.get(batch, tq, tk);
        float[] sd = ds.data();
        dv = dvBuf.like(v);
        for (int b = 0; b < batch; b++) {
            Gemm.gemm(false, true, tq, tk, dvDim, 1f, gd, gradContext.offset() + b * tq * dvDim, dvDim, v.data(),
                    v.offset() + b * tk * dvDim, dvDim, 0f, sd, ds.offset() + b * tq * tk, tk);
            Gemm.gemm(true, false, tk, dvDim, tq, 1f, ad, attn.offset() + b * tq * tk, tk, gd,
                    gradContext.offset() + b * tq * dvDim, dvDim, 0f, dv.data(), dv.offset() + b * tk * dvDim, dvDim);
        }
        for (int r = 0; r < batch * tq; r++) {
            int sb = ds.offset() + r * tk;
            int ab = attn.offset() + r * tk;
            double dot = 0;
            for (int j = 0; j < tk; j++) {
                dot += sd[sb + j] * ad[ab + j];
            }
            for (int j = 0; j < tk; j++) {
                sd[sb + j] = (float) (ad[ab + j] * (sd[sb + j] - dot));
            }
        }
        dq = dqBuf.like(q);
        dk = dkBuf.like(k);
        if (score == Score.ADDITIVE) {
            additiveBackward(ds);
        } else {
            int d = q.dim(2);
            for (int b = 0; b < batch; b++) {
                Gemm.gemm(false, false, tq, d, tk, scale, sd, ds.offset() + b * tq * tk, tk, k.data(), k.offset() + b * tk * d,
                        d, 0f, dq.data(), dq.offset() + b * tq * d, d);
                Gemm.gemm(true, false, tk, d, tq, scale, sd, ds.offset() + b * tq * tk, tk, q.data(), q.offset() + b * tq * d,
                        d, 0f, dk.data(), dk.offset() + b * tk * d, d);
            }
        }
        if (!selfAttention) {
            return dq;
        }
        Tensor sum = sumBuf.like(q);
        float[] o = sum.data();
        for (int i = 0; i < sum.size(); i++) {
            o[sum.offset() + i] = dq.get(i) + dk.get(i) + dv.get(i);
        }
        return sum;
    }

    /** Through {@code s = v . tanh(u)}, {@code u = q_i W_q + k_j W_k}, given the score gradient {@code ds}. */
    private void additiveBackward(Tensor ds) {
        int batch = q.dim(0);
        int tq = q.dim(1);
        int tk = k.dim(1);
        int da = attentionDim;
        Tensor dqp = queryProjGrad.get(batch * tq, da);
        Tensor dkp = keyProjGrad.get(batch * tk, da);
        dqp.fill(0f);
        dkp.fill(0f);
        float[] hd = hiddenAct.data();
        float[] sd = ds.data();
        float[] sv = scoreVector.value().data();
        int svo = scoreVector.value().offset();
        float[] dsv = scoreVector.grad().data();
        int dsvo = scoreVector.grad().offset();
        float[] qd = dqp.data();
        float[] kd = dkp.data();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < tq; i++) {
                int qi = dqp.offset() + (b * tq + i) * da;
                for (int j = 0; j < tk; j++) {
                    float g = sd[ds.offset() + (b * tq + i) * tk + j];
                    int kj = dkp.offset() + (b * tk + j) * da;
                    int hij = hiddenAct.offset() + ((b * tq + i) * tk + j) * da;
                    for (int a = 0; a < da; a++) {
                        float h = hd[hij + a];
                        dsv[dsvo + a] += g * h;
                        float u = g * sv[svo + a] * (1 - h * h);
                        qd[qi + a] += u;
                        kd[kj + a] += u;
                    }
                }
            }
        }
        Gemm.gemm(true, false, queryDim, da, batch * tq, 1f, q.data(), q.offset(), queryDim, qd, dqp.offset(), da, 1f,
                queryWeight.grad().data(), queryWeight.grad().offset(), da);
        Gemm.gemm(true, false, keyDim, da, batch * tk, 1f, k.data(), k.offset(), keyDim, kd, dkp.offset(), da, 1f,
                keyWeight.grad().data(), keyWeight.grad().offset(), da);
        Gemm.gemm(false, true, batch * tq, queryDim, da, 1f, qd, dqp.offset(), da, queryWeight.value().data(),
                queryWeight.value().offset(), da, 0f, dq.data(), dq.offset(), queryDim);
        Gemm.gemm(false, true, batch * tk, keyDim, da, 1f, kd, dkp.offset(), da, keyWeight.value().data(),
                keyWeight.value().offset(), da, 0f, dk.data(), dk.offset(), keyDim);
    }

    @Override
    public List<Param> params() {
        return score == Score.ADDITIVE ? List.of(queryWeight, keyWeight, scoreVector) : List.of();
    }

    @Override
    public String toString() {
        return score == Score.ADDITIVE ? "Attention(additive, " + queryDim + ", " + keyDim + " -> " + attentionDim + ")"
                : "Attention(" + score.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
