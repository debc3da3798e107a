package dev.arcadia.env.vector;

import dev.arcadia.env.Env;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Space;
import java.util.Map;
import java.util.Optional;

/**
 * N copies of one environment stepped together, with every result in preallocated batch buffers: the vectorized
 * environment that policy-gradient agents collect their rollouts from.
 *
 * <h2>Observations are float vectors</h2>
 * The copies must have {@code float[]} observations (a {@link Box} observation space): that is the common case
 * (classic control, pixels flattened by a wrapper, one-hot encodings through {@code OneHotObservation}) and it lets
 * all observations live in one flat buffer. Actions are {@code Integer}s of a {@code Discrete} space, passed as one
 * {@code int[N]} to {@link #step(int[])}, or {@code float[]}s of a {@code Box} space, passed flat as one
 * {@code float[N * actionSize]} to {@link #step(float[])}.
 *
 * <h2>Buffers</h2>
 * {@link #observations()} is one {@code float[N * observationSize]} in copy-major order (copy i's observation at
 * {@code [i * observationSize, (i + 1) * observationSize)}); {@link #rewards()}, {@link #terminated()} and
 * {@link #truncated()} hold one entry per copy. The same array instances are returned for the whole life of the
 * vector environment and are overwritten in place by every {@code reset} and {@code step}: read or copy what you
 * need before the next call. Apart from what the environments themselves allocate (each copy's {@code Step} and
 * observation, which are copied into the buffers), a step allocates nothing for discrete actions; for box actions
 * each copy gets a fresh {@code float[actionSize]}, because an environment may keep the action it is given.
 *
 * <h2>Autoreset: same-step (Stable-Baselines3), not Gymnasium 1.x's next-step</h2>
 * Gymnasium 1.x's vector environments by default reset an ended copy on the <em>next</em> call to {@code step}
 * (whose action that copy ignores, returning the reset observation with reward 0). Arcadia follows
 * Stable-Baselines3's {@code VecEnv} instead (Gymnasium's {@code AutoresetMode.SAME_STEP}): when copy i's episode
 * ends (terminated or truncated) in a {@code step}, that copy is reset within the same {@code step}, so after it
 * <ul>
 *   <li>{@code rewards()[i]}, {@code terminated()[i]}, {@code truncated()[i]} and {@link #info(int)} are those of
 *       the step that ended the episode (the info carries {@code "episode"} from {@code EpisodeStatistics});</li>
 *   <li>{@code observations()} row i is the first observation of the new episode (what the next action is for);</li>
 *   <li>{@link #finalObservations()} row i is the last observation of the ended episode, and
 *       {@link #resetInfo(int)} is the new episode's reset info.</li>
 * </ul>
 * Every action is therefore a real transition and a rollout needs no masking; to bootstrap a value on truncation
 * use {@code V(finalObservations row i)}, never {@code V(observations row i)}, which belongs to the next episode.
 * For copies whose episode did not end, the {@code finalObservations()} row equals the {@code observations()} row,
 * so {@code finalObservations()} is always "the observation this transition reached". Resets within a step
 * continue each copy's random stream ({@code reset()} without a seed), as Gymnasium does.
 *
 * <h2>Seeding</h2>
 * {@link #reset(long) reset(seed)} resets copy i with {@code seed + i}, as Gymnasium's vector environments do
 * ({@code seeds = [seed + i for i in range(num_envs)]}); {@link #reset()} continues every copy's stream. A vector
 * environment made from N fresh copies and reset with a seed is therefore fully reproducible, and its copy i runs
 * exactly as a single environment reset with {@code seed + i} and then reset without a seed after each episode.
 *
 * <h2>Snapshots</h2>
 * {@link SyncVectorEnv} and {@link ThreadedVectorEnv} are {@link dev.arcadia.env.Snapshotable}: a snapshot holds
 * every copy's snapshot and the batch buffers (not the info maps), so a training loop can be checkpointed and
 * continued exactly, in another vector environment of the same copies and any thread count.
 *
 * <h2>Errors</h2>
 * A copy that throws (an action outside its space, a bug in an environment) makes the call fail with a
 * {@link VectorEnvException} naming the copy (the lowest-numbered one if several fail) and carrying the original
 * exception as its cause. The other copies have then been stepped, so the batch is inconsistent: every later
 * {@code step} fails until the next {@code reset}.
 *
 * <p>A vector environment is driven by one thread at a time (the implementations may use more internally).
 */
public interface VectorEnv extends AutoCloseable {

    /** Number of copies, N. */
    int numEnvs();

    /** The observation space of one copy (a {@link Box}). */
    Box singleObservationSpace();

    /** The action space of one copy ({@code Discrete} or {@code Box}). */
    Space<?> singleActionSpace();

    /** Floats per copy in {@link #observations()}. */
    int observationSize();

    /** True for {@code Discrete} actions ({@link #step(int[])}), false for {@code Box} actions ({@link #step(float[])}). */
    boolean discreteActions();

    /** Floats per copy in the action array of {@link #step(float[])}; 1 for discrete actions (one int per copy). */
    int actionSize();

    /** The registry spec of the copies, if they were made from one. */
    Optional<EnvSpec> spec();

    /** Copy {@code i} itself (wrappers included), for inspection; stepping it directly breaks the batch. */
    Env<float[], ?> env(int i);

    /** Resets copy i with {@code seed + i} and fills the buffers (rewards 0, flags false). */
    void reset(long seed);

    /** Resets every copy, continuing its random stream, and fills the buffers (rewards 0, flags false). */
    void reset();

    /**
     * Steps every copy with its discrete action, autoresetting copies whose episode ends (see the class comment).
     *
     * @param actions one action per copy, {@code actions[i]} for copy i
     * @throws VectorEnvException if a copy fails
     * @throws IllegalStateException before the first reset, after a failed call, after close, or for box actions
     * @throws IllegalArgumentException if {@code actions.length != numEnvs()}
     */
    void step(int[] actions);

    /**
     * Steps every copy with its box action, autoresetting copies whose episode ends (see the class comment).
     *
     * @param actions flat, copy-major: copy i's action at {@code [i * actionSize(), (i + 1) * actionSize())}
     * @throws VectorEnvException if a copy fails
     * @throws IllegalStateException before the first reset, after a failed call, after close, or for discrete actions
     * @throws IllegalArgumentException if {@code actions.length != numEnvs() * actionSize()}
     */
    void step(float[] actions);

    /** The batch of current observations, {@code float[N * observationSize]}, overwritten in place by each call. */
    float[] observations();

    /**
     * The observation each copy's last transition reached, {@code float[N * observationSize]}: for a copy whose
     * episode ended in the last step, the ended episode's final observation (its {@code observations()} row
     * already holds the new episode's first one); for the others, the same as its {@code observations()} row.
     */
    float[] finalObservations();

    /** The rewards of the last step, one per copy (0 after a reset). */
    double[] rewards();

    /** Whether each copy's last step reached a terminal state. */
    boolean[] terminated();

    /** Whether each copy's last step was cut short (a time limit). */
    boolean[] truncated();

    /** True if copy i's episode ended in the last step (and the copy has been reset). */
    default boolean done(int i) {
        return terminated()[i] || truncated()[i];
    }

    /** The info of copy i's last step (or of its reset after {@code reset}); for an ended episode, the final step's info. */
    Map<String, Object> info(int i);

    /** The info of copy i's last reset: after a step that ended its episode, the new episode's reset info. */
    Map<String, Object> resetInfo(int i);

    /** Shuts down any threads and closes every copy; later calls fail. Closing twice is harmless. */
    @Override
    void close();
}
