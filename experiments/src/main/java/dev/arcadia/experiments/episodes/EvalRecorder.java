package dev.arcadia.experiments.episodes;

import dev.arcadia.agents.Evaluation;
import dev.arcadia.agents.Policy;
import dev.arcadia.env.Env;
import dev.arcadia.env.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Records the first episode of each of a run's evaluations into {@code RUN_DIR/episodes/seed-I/NAME.jsonl}
 * ({@code eval-STEPS} for a periodic evaluation, {@code final} for the last one), so that the viewer can replay
 * what the agent did (the evaluation resets its environment with a seed, which the file keeps). Only environments
 * with discrete actions are recorded (the episode format stores integer actions). Recording adds nothing to the
 * metrics, so a run's {@code metrics.jsonl} is the same with or without it.
 */
public final class EvalRecorder {

    private final Path dir;
    private final String envId;
    private final Map<String, ?> options;

    /** Records into {@code runDir/episodes} the episodes of environment {@code envId} made with {@code options}. */
    public EvalRecorder(Path runDir, String envId, Map<String, ?> options) {
        this.dir = runDir.resolve("episodes");
        this.envId = envId;
        this.options = options;
    }

    /** An observer for one evaluation whose first episode starts with {@code reset(seed)}. */
    public Capture capture(long seed) {
        return new Capture(seed);
    }

    /** The steps of an evaluation's first episode, written by {@link #write}. */
    public final class Capture implements Evaluation.Observer<Object, Object> {
        private final EpisodeRecord.Builder builder;
        private boolean discrete = true;

        private Capture(long seed) {
            this.builder = new EpisodeRecord.Builder(envId, options, seed, "agent");
        }

        @Override
        public void step(int episode, Object action, Step<Object> result) {
            if (episode != 0 || !discrete) {
                return;
            }
            if (action instanceof Integer a) {
                builder.add(a, result.reward(), result.terminated(), result.truncated());
            } else {
                discrete = false;
            }
        }

        /** Writes the episode (atomically) as {@code episodes/seed-SEED/NAME.jsonl}, unless its actions were not discrete. */
        public void write(int seedIndex, String name) {
            if (!discrete || builder.size() == 0) {
                return;
            }
            try {
                EpisodeFile.write(dir.resolve("seed-" + seedIndex).resolve(name + ".jsonl"), builder.build());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record an evaluation episode: " + e.getMessage(), e);
            }
        }
    }

    /**
     * {@link Evaluation#run} of {@code policy}, recording its first episode as {@code NAME} of seed {@code seedIndex}
     * when {@code recorder} is not null.
     */
    public static Evaluation.Result evaluate(EvalRecorder recorder, Env<Object, Object> env, Policy<Object, Object> policy,
                                             int episodes, long seed, int seedIndex, String name) {
        if (recorder == null) {
            return Evaluation.run(env, policy, episodes, seed);
        }
        Capture capture = recorder.capture(seed);
        Evaluation.Result result = Evaluation.run(env, policy, episodes, seed, capture);
        capture.write(seedIndex, name);
        return result;
    }

    /** The file name of the periodic evaluation at {@code steps} (zero-padded, so names sort by step). */
    public static String periodic(long steps) {
        return String.format("eval-%012d", steps);
    }
}
