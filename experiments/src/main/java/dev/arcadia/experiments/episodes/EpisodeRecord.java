package dev.arcadia.experiments.episodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recorded episode: enough to replay it exactly by re-stepping the environment (its id, options and the seed
 * passed to {@code reset(seed)}, then the actions), plus the rewards and end flags seen while recording, which a
 * replay checks against the re-simulation.
 *
 * @param envId    registered environment id
 * @param options  the options the environment was made with (JSON values: numbers as Double, arrays as List)
 * @param seed     the seed of {@code reset(seed)} that started the episode
 * @param source   who played it ("human", "agent", ...)
 * @param steps    the steps, in order
 * @param complete whether the file has its closing line (an episode left mid-way is complete but not done)
 */
public record EpisodeRecord(String envId, Map<String, Object> options, long seed, String source, List<StepRecord> steps,
                            boolean complete) {

    /** One step: the action taken and what the environment answered. */
    public record StepRecord(int action, double reward, boolean terminated, boolean truncated) {
        public boolean done() {
            return terminated || truncated;
        }
    }

    public EpisodeRecord {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        steps = List.copyOf(steps);
    }

    /** The sum of the rewards. */
    public double totalReturn() {
        double r = 0;
        for (StepRecord s : steps) {
            r += s.reward();
        }
        return r;
    }

    /** Whether the last step ended the episode. */
    public boolean done() {
        return !steps.isEmpty() && steps.get(steps.size() - 1).done();
    }

    /** The actions, in order. */
    public int[] actions() {
        return steps.stream().mapToInt(StepRecord::action).toArray();
    }

    /** Collects steps while an episode is played. */
    public static final class Builder {
        private final String envId;
        private final Map<String, Object> options;
        private final long seed;
        private final String source;
        private final List<StepRecord> steps = new ArrayList<>();

        public Builder(String envId, Map<String, ?> options, long seed, String source) {
            this.envId = envId;
            this.options = new LinkedHashMap<>(options);
            this.seed = seed;
            this.source = source;
        }

        public Builder add(int action, double reward, boolean terminated, boolean truncated) {
            steps.add(new StepRecord(action, reward, terminated, truncated));
            return this;
        }

        public int size() {
            return steps.size();
        }

        public EpisodeRecord build() {
            return new EpisodeRecord(envId, options, seed, source, steps, true);
        }
    }
}
