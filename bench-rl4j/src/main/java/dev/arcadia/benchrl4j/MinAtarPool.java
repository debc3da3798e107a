package dev.arcadia.benchrl4j;

import dev.arcadia.agents.Transition;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Real MinAtar transitions from uniformly random play, the data both DQN updates train on: each frame is kept once
 * in MinAtar's HWC layout (what Arcadia's minatar-cnn takes) and once transposed to CHW (DL4J's NCHW), and each
 * transition points at its two frames. Arcadia gets them as ready-made {@link Transition} objects, so feeding one to
 * {@code Dqn.observe} allocates nothing in the benchmark itself.
 */
final class MinAtarPool {

    final String envId;
    final int height;
    final int width;
    final int channels;
    final int actionCount;
    final float[][] hwc;
    final float[][] chw;
    final int[] obsFrame;
    final int[] nextFrame;
    final int[] actions;
    final float[] rewards;
    final boolean[] terminated;
    final List<Transition<Object, Integer>> transitions;
    final int episodes;
    final Space<?> observationSpace;
    final Space<?> actionSpace;

    MinAtarPool(String envId, int size, long seed) {
        this.envId = envId;
        Env<Object, Object> env = Envs.make(envId);
        int[] shape = env.observationSpace().shape();
        Space<?> actionSpace = env.actionSpace();
        if (shape.length != 3 || !(actionSpace instanceof Discrete d)) {
            throw new IllegalArgumentException(envId + ": expected a 10x10xC image and Discrete actions, got "
                    + env.observationSpace() + " and " + env.actionSpace());
        }
        this.height = shape[0];
        this.width = shape[1];
        this.channels = shape[2];
        this.actionCount = d.n();
        this.observationSpace = env.observationSpace();
        this.actionSpace = actionSpace;
        List<float[]> frames = new ArrayList<>();
        obsFrame = new int[size];
        nextFrame = new int[size];
        actions = new int[size];
        rewards = new float[size];
        terminated = new boolean[size];
        transitions = new ArrayList<>(size);
        SplittableRandom rng = new SplittableRandom(seed);
        Step<Object> s = env.reset(seed);
        frames.add(((float[]) s.observation()).clone());
        int ends = 0;
        for (int i = 0; i < size; i++) {
            int a = rng.nextInt(actionCount);
            Step<Object> n = env.step(a);
            obsFrame[i] = frames.size() - 1;
            frames.add(((float[]) n.observation()).clone());
            nextFrame[i] = frames.size() - 1;
            actions[i] = a;
            rewards[i] = (float) n.reward();
            terminated[i] = n.terminated();
            transitions.add(new Transition<>(frames.get(obsFrame[i]), a, n.reward(), frames.get(nextFrame[i]),
                    n.terminated(), n.truncated()));
            if (n.done()) {
                ends++;
                frames.add(((float[]) env.reset().observation()).clone());
            }
        }
        env.close();
        episodes = ends;
        hwc = frames.toArray(new float[0][]);
        chw = new float[hwc.length][];
        for (int f = 0; f < hwc.length; f++) {
            chw[f] = toChw(hwc[f]);
        }
    }

    /** MinAtar's [H, W, C] frame as [C, H, W]. */
    float[] toChw(float[] frame) {
        float[] out = new float[frame.length];
        for (int h = 0; h < height; h++) {
            for (int w = 0; w < width; w++) {
                for (int c = 0; c < channels; c++) {
                    out[(c * height + h) * width + w] = frame[(h * width + w) * channels + c];
                }
            }
        }
        return out;
    }

    int size() {
        return obsFrame.length;
    }

    int rowSize() {
        return height * width * channels;
    }
}
