package dev.arcadia.benchrl4j;

import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.deeplearning4j.gym.StepReply;
import org.deeplearning4j.rl4j.mdp.MDP;
import org.deeplearning4j.rl4j.space.ArrayObservationSpace;
import org.deeplearning4j.rl4j.space.DiscreteSpace;
import org.deeplearning4j.rl4j.space.Encodable;
import org.deeplearning4j.rl4j.space.ObservationSpace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An RL4J {@link MDP} over Arcadia's {@code CartPole-v1} (Gymnasium's dynamics, 500-step limit), so RL4J learns on
 * exactly the environment Arcadia does (RL4J's own gym bridge needs a gym HTTP server). Observations go to RL4J as
 * float vectors (the network's data type, so ND4J converts nothing). The MDP counts environment steps and stamps
 * the time (wall clock and the stepping thread's CPU time) when the count reaches the end of warm-up and the end of the measured window, which is how the benchmark
 * times RL4J's own training loop from outside.
 */
final class CartPoleMdp implements MDP<CartPoleMdp.Obs, Integer, DiscreteSpace> {

    /** A CartPole observation for RL4J: a float vector of 4. */
    static final class Obs implements Encodable {
        private final INDArray data;

        Obs(float[] observation) {
            this.data = Nd4j.create(observation.clone());
        }

        private Obs(INDArray data) {
            this.data = data;
        }

        @Override
        @SuppressWarnings("deprecation") // required by RL4J's Encodable
        public double[] toArray() {
            return data.toDoubleVector();
        }

        @Override
        public boolean isSkipped() {
            return false;
        }

        @Override
        public INDArray getData() {
            return data;
        }

        @Override
        public Encodable dup() {
            return new Obs(data.dup());
        }
    }

    private final Env<Object, Object> env;
    private final long seed;
    private final DiscreteSpace actionSpace;
    private final ObservationSpace<Obs> observationSpace = new ArrayObservationSpace<>(new int[] {4});
    private final long warmup;
    private final long end;
    private boolean seeded;
    private boolean done = true;
    private long steps;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long startNanos;
    private long endNanos;
    private long startCpu;
    private long endCpu;
    private double episodeReturn;
    private double returns;
    private int episodes;

    CartPoleMdp(long seed, long warmup, long measure) {
        this.env = Envs.make("CartPole-v1");
        this.seed = seed;
        this.actionSpace = new DiscreteSpace(2, Nd4j.getRandomFactory().getNewRandomInstance(seed ^ 0x61637473L));
        this.warmup = warmup;
        this.end = warmup + measure;
    }

    @Override
    public ObservationSpace<Obs> getObservationSpace() {
        return observationSpace;
    }

    @Override
    public DiscreteSpace getActionSpace() {
        return actionSpace;
    }

    @Override
    public Obs reset() {
        Step<Object> s = seeded ? env.reset() : env.reset(seed);
        seeded = true;
        done = false;
        episodeReturn = 0;
        return new Obs((float[]) s.observation());
    }

    @Override
    public StepReply<Obs> step(Integer action) {
        Step<Object> s = env.step(action);
        steps++;
        done = s.done();
        episodeReturn += s.reward();
        if (done && steps > warmup && steps <= end) {
            returns += episodeReturn;
            episodes++;
        }
        if (steps == warmup) {
            startNanos = System.nanoTime();
            startCpu = threads.getCurrentThreadCpuTime();
        } else if (steps == end) {
            endNanos = System.nanoTime();
            endCpu = threads.getCurrentThreadCpuTime();
        }
        return new StepReply<>(new Obs((float[]) s.observation()), s.reward(), done, null);
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public void close() {
        env.close();
    }

    @Override
    public MDP<Obs, Integer, DiscreteSpace> newInstance() {
        return new CartPoleMdp(seed, warmup, end - warmup);
    }

    long steps() {
        return steps;
    }

    /** Seconds of the measured window, or NaN before it ended. */
    double measuredSeconds() {
        return endNanos == 0 ? Double.NaN : (endNanos - startNanos) / 1e9;
    }

    /** CPU seconds of the stepping thread over the measured window, or NaN before it ended. */
    double measuredCpuSeconds() {
        return endNanos == 0 ? Double.NaN : (endCpu - startCpu) / 1e9;
    }

    double meanReturn() {
        return episodes == 0 ? Double.NaN : returns / episodes;
    }

    int episodes() {
        return episodes;
    }
}
