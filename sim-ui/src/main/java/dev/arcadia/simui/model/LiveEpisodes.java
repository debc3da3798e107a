package dev.arcadia.simui.model;

import dev.arcadia.experiments.config.ExperimentConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The latest episodes of a running experiment, for the live screen: on each {@link #poll()} it looks for the newest
 * checkpoint in the run directory (the highest seed that has checkpoints, since seeds train one after the other, and
 * its latest {@code episode-N} or {@code step-N}); when one newer than the one playing appears, it restores that agent
 * into its own environment (a {@link RunCheckpoint}) and plays it greedily in a {@link WatchSession}.
 *
 * <p>The experiment is never slowed or touched: the viewer only lists and reads directories the runner has renamed
 * into place (complete by construction), in its own process and environment. Loading is limited to once every
 * {@code minReloadSeconds} of viewer time, however often checkpoints appear. A checkpoint that cannot be loaded (a
 * damaged file, or one deleted while it was read) is reported by {@link #problem()} and not tried again; the session
 * playing goes on.
 */
public final class LiveEpisodes implements AutoCloseable {

    /** Default least time between two checkpoint loads, in seconds. */
    public static final double DEFAULT_MIN_RELOAD_SECONDS = 3;
    /** Default speed, as an index into {@link WatchSession#SPEEDS} (5x: 25 steps per second). */
    public static final int DEFAULT_SPEED_INDEX = 2;

    private final Path runDir;
    private final double minReloadSeconds;
    private ExperimentConfig config;
    private RunCheckpoint current;
    private WatchSession session;
    private Path rejected;
    private String problem;
    private double sinceLoad = Double.POSITIVE_INFINITY;
    private int speedIndex = DEFAULT_SPEED_INDEX;

    public LiveEpisodes(Path runDir, double minReloadSeconds) {
        this.runDir = runDir;
        this.minReloadSeconds = minReloadSeconds;
    }

    public LiveEpisodes(Path runDir) {
        this(runDir, DEFAULT_MIN_RELOAD_SECONDS);
    }

    /**
     * The newest checkpoint of a run: the latest checkpoint of the highest seed that has any, or empty when there is
     * none yet.
     */
    public static Optional<Path> newest(Path runDir, int seeds) {
        for (int seed = seeds - 1; seed >= 0; seed--) {
            List<Path> list = RunCheckpoint.list(runDir, seed);
            if (!list.isEmpty()) {
                return Optional.of(list.get(list.size() - 1));
            }
        }
        return Optional.empty();
    }

    /**
     * Looks for a newer checkpoint and, if there is one and the last load is at least {@code minReloadSeconds} old,
     * switches to it. Returns whether it switched.
     */
    public boolean poll() {
        if (sinceLoad < minReloadSeconds) {
            return false;
        }
        if (config == null) {
            try {
                config = RunCheckpoint.readConfig(runDir);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
                return false;
            }
        }
        Optional<Path> newest;
        try {
            newest = newest(runDir, config.seeds);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            return false;
        }
        if (newest.isEmpty() || (current != null && newest.get().equals(current.checkpoint()))
                || newest.get().equals(rejected)) {
            return false;
        }
        Path checkpoint = newest.get();
        int seed = Integer.parseInt(checkpoint.getParent().getFileName().toString().substring("seed-".length()));
        sinceLoad = 0;
        RunCheckpoint loaded;
        WatchSession next;
        try {
            loaded = RunCheckpoint.load(runDir, config, seed, checkpoint);
        } catch (IllegalArgumentException e) {
            rejected = checkpoint;
            problem = e.getMessage();
            return false;
        }
        try {
            next = new WatchSession(loaded.env(), loaded.agent(), loaded.envSeed());
        } catch (RuntimeException e) {
            loaded.env().close();
            rejected = checkpoint;
            problem = "cannot play " + checkpoint + ": " + e.getMessage();
            return false;
        }
        close();
        current = loaded;
        session = next;
        while (session.speed() < WatchSession.SPEEDS[speedIndex]) {
            session.faster();
        }
        problem = null;
        return true;
    }

    /** Advances the clock of the episode playing (and of the reload limit). */
    public void update(double seconds) {
        sinceLoad += seconds;
        if (session != null) {
            session.update(seconds);
        }
    }

    public void faster() {
        speedIndex = Math.min(WatchSession.SPEEDS.length - 1, speedIndex + 1);
        if (session != null) {
            session.faster();
        }
    }

    public void slower() {
        speedIndex = Math.max(0, speedIndex - 1);
        if (session != null) {
            session.slower();
        }
    }

    /** The episodes playing, or null before the first checkpoint. */
    public WatchSession session() {
        return session;
    }

    /** The checkpoint playing, or null. */
    public RunCheckpoint checkpoint() {
        return current;
    }

    /** Why the newest checkpoint is not playing (no config yet, a damaged checkpoint), or null. */
    public String problem() {
        return problem;
    }

    /** Closes the environment of the episodes playing. */
    @Override
    public void close() {
        if (session != null) {
            session.env().close();
        }
    }
}
