package dev.arcadia.env.wrappers;

import dev.arcadia.env.Env;
import dev.arcadia.env.Step;
import dev.arcadia.env.util.Infos;
import dev.arcadia.env.util.StateCodec;

/**
 * Tracks the return and length of each episode, as Gymnasium's {@code RecordEpisodeStatistics}: the final step of
 * an episode carries {@code info["episode"]} with an {@link Episode} record. (No wall-clock time is recorded, so
 * the info stays reproducible.)
 */
public final class EpisodeStatistics<O, A> extends Wrapper<O, A> {

    /** The summary of a finished episode: its undiscounted return and its length in steps. */
    public record Episode(double r, int l) {
    }

    /** The key of the episode summary in the final step's info. */
    public static final String INFO_KEY = "episode";

    private double episodeReturn;
    private int episodeLength;
    private long episodes;
    private Episode last;

    public EpisodeStatistics(Env<O, A> env) {
        super(env);
    }

    @Override
    public Step<O> reset(long seed) {
        episodeReturn = 0;
        episodeLength = 0;
        return env.reset(seed);
    }

    @Override
    public Step<O> reset() {
        episodeReturn = 0;
        episodeLength = 0;
        return env.reset();
    }

    @Override
    public Step<O> step(A action) {
        Step<O> s = env.step(action);
        episodeReturn += s.reward();
        episodeLength++;
        if (!s.terminated() && !s.truncated()) {
            return s;
        }
        last = new Episode(episodeReturn, episodeLength);
        episodes++;
        return s.withInfo(Infos.with(s.info(), INFO_KEY, last));
    }

    /** The last finished episode, or null before the first one ends. */
    public Episode lastEpisode() {
        return last;
    }

    /** Number of finished episodes. */
    public long episodeCount() {
        return episodes;
    }

    @Override
    protected void saveState(StateCodec.Writer out) {
        out.writeDouble(episodeReturn).writeInt(episodeLength).writeLong(episodes);
        out.writeBoolean(last != null);
        if (last != null) {
            out.writeDouble(last.r()).writeInt(last.l());
        }
    }

    @Override
    protected void loadState(StateCodec.Reader in) {
        episodeReturn = in.readDouble();
        episodeLength = in.readInt();
        episodes = in.readLong();
        last = in.readBoolean() ? new Episode(in.readDouble(), in.readInt()) : null;
    }
}
