package dev.arcadia.agents.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.agents.Mode;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.Rng;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The networks, their initialization and the policy's backward pass, checked by finite differences. */
class ActorCriticTest {

    private static final Box OBS = Box.uniform(-1, 1, 3);

    @Test
    void orthogonalInitializationWithCleanRlGains() {
        ActorCritic m = new ActorCritic("ppo", OBS, new Discrete(2), "mlp", java.util.Map.of(), List.of(16, 16), "tanh", true, 0, 7);
        // layer 0 weight [3, 16]: orthonormal rows times sqrt(2), so W W^T = 2 I
        Tensor w = m.actor.params().get(0).value();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = 0;
                for (int k = 0; k < 16; k++) {
                    dot += w.get(i * 16 + k) * w.get(j * 16 + k);
                }
                assertEquals(i == j ? 2.0 : 0.0, dot, 1e-5);
            }
        }
        // policy output [16, 2]: orthonormal columns times 0.01; value output [16, 1]: a unit vector
        Tensor pw = m.actor.params().get(4).value();
        double norm = 0;
        for (int k = 0; k < 16; k++) {
            norm += pw.get(k * 2) * pw.get(k * 2);
        }
        assertEquals(1e-4, norm, 1e-9);
        Tensor vw = m.critic.params().get(4).value();
        double vn = 0;
        for (int k = 0; k < 16; k++) {
            vn += vw.get(k) * vw.get(k);
        }
        assertEquals(1.0, vn, 1e-5);
        for (Param p : m.allParams.list()) {
            if (p.name().endsWith("bias")) {
                for (int k = 0; k < p.value().size(); k++) {
                    assertEquals(0f, p.value().get(k));
                }
            }
        }
        assertTrue(m.allParams.list().stream().anyMatch(p -> p.name().equals("critic.4.weight")));
    }

    /** Loss = sum_r (cLogP_r log pi(a_r|s_r) + cEnt_r H_r) + sum_r cV_r V(s_r): analytic gradient vs finite differences. */
    private static void checkGradients(Space<?> actions) {
        ActorCritic m = new ActorCritic("ppo", OBS, actions, "mlp", java.util.Map.of(), List.of(8, 8), "tanh", true, -0.3, 11);
        int rows = 5;
        Rng rng = new Rng(2);
        Tensor x = Tensor.zeros(rows, 3);
        for (int k = 0; k < x.size(); k++) {
            x.set(k, (float) (rng.nextDouble() * 2 - 1));
        }
        // larger output weights than the 0.01 init, so the check is not dominated by a near-uniform policy
        Tensor out = m.actor.params().get(4).value();
        for (int k = 0; k < out.size(); k++) {
            out.set(k, (float) rng.nextGaussian());
        }
        int[] ia = new int[rows];
        float[] fa = new float[rows * m.actionSize];
        float[] cLogP = new float[rows];
        float[] cEnt = new float[rows];
        float[] cV = new float[rows];
        for (int r = 0; r < rows; r++) {
            ia[r] = rng.nextInt(m.actionSize);
            cLogP[r] = (float) rng.nextGaussian();
            cEnt[r] = (float) rng.nextGaussian();
            cV[r] = (float) rng.nextGaussian();
        }
        for (int k = 0; k < fa.length; k++) {
            fa[k] = (float) rng.nextGaussian();
        }
        m.allParams.zeroGrad();
        Tensor head = m.policy(x, true);
        m.backwardPolicy(head, rows, ia, fa, cLogP, cEnt);
        m.value(x, true);
        m.backwardValue(rows, cV);
        for (Param p : m.allParams.list()) {
            for (int k = 0; k < p.value().size(); k += 3) {
                float saved = p.value().get(k);
                double h = 1e-2;
                p.value().set(k, (float) (saved + h));
                double up = loss(m, x, rows, ia, fa, cLogP, cEnt, cV);
                p.value().set(k, (float) (saved - h));
                double down = loss(m, x, rows, ia, fa, cLogP, cEnt, cV);
                p.value().set(k, saved);
                double fd = (up - down) / (2 * h);
                double g = p.grad().get(k);
                assertEquals(fd, g, 2e-3 + 2e-2 * Math.abs(fd), p.name() + "[" + k + "]");
            }
        }
    }

    private static double loss(ActorCritic m, Tensor x, int rows, int[] ia, float[] fa, float[] cLogP, float[] cEnt, float[] cV) {
        float[] lp = new float[rows];
        float[] ent = new float[rows];
        m.evaluate(m.policy(x, false), rows, ia, fa, lp, ent);
        Tensor v = m.value(x, false);
        double l = 0;
        for (int r = 0; r < rows; r++) {
            l += cLogP[r] * lp[r] + cEnt[r] * ent[r] + cV[r] * v.get(r);
        }
        return l;
    }

    @Test
    void categoricalPolicyAndValueGradientsMatchFiniteDifferences() {
        checkGradients(new Discrete(3));
    }

    @Test
    void gaussianPolicyGradientsIncludingLogStdMatchFiniteDifferences() {
        checkGradients(Box.uniform(-2, 2, 2));
    }

    @Test
    void evalActsGreedilyAndBoxActionsAreClipped() {
        ActorCritic d = new ActorCritic("ppo", OBS, new Discrete(3), "mlp", java.util.Map.of(), List.of(8), "tanh", true, 0, 1);
        float[] o = {0.1f, -0.2f, 0.3f};
        Tensor head = d.policy(Tensor.of(o.clone(), 1, 3), false);
        int best = CategoricalHead.argmax(head.data(), head.offset(), 3);
        assertEquals(best, d.act(o, Mode.EVAL, new Rng(1)));
        ActorCritic c = new ActorCritic("ppo", OBS, Box.uniform(-0.001f, 0.001f, 1), "mlp", java.util.Map.of(), List.of(8), "tanh", true, 3, 1);
        Rng rng = new Rng(4);
        for (int k = 0; k < 50; k++) {
            float a = ((float[]) c.act(o, Mode.TRAIN, rng))[0];
            assertTrue(a >= -0.001f && a <= 0.001f, "sampled with sigma e^3 and clipped to the box: " + a);
        }
    }

    @Test
    void unsupportedSpacesFailWithTheSpaceInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ActorCritic("ppo", new Discrete(16), new Discrete(4), "mlp", java.util.Map.of(), List.of(8), "tanh", true, 0, 1));
        assertTrue(e.getMessage().contains("ppo needs a Box observation space"), e.getMessage());
        assertTrue(e.getMessage().contains("OneHotObservation"), e.getMessage());
    }
}
