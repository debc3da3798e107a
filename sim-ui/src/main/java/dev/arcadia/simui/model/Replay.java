package dev.arcadia.simui.model;

import dev.arcadia.experiments.episodes.EpisodeFileException;
import dev.arcadia.experiments.episodes.EpisodeRecord;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Renderable;
import dev.arcadia.env.Snapshotable;
import dev.arcadia.env.Step;
import dev.arcadia.env.render.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded episode that can be scrubbed forward and back: the environment is rebuilt from the record, reset with
 * its seed and re-stepped with its actions. Snapshots every {@value #SNAPSHOT_EVERY} steps make a seek cost at most
 * that many steps (environments without snapshots are re-simulated from the start). Building a replay re-simulates
 * the whole episode once and checks every reward and end flag against the file.
 */
public final class Replay {

    /** Steps between kept snapshots. */
    public static final int SNAPSHOT_EVERY = 8;

    private final EpisodeRecord record;
    private final Env<Object, Object> env;
    private final int[] actions;
    private final double[] returns;
    private final List<byte[]> snapshots = new ArrayList<>();
    private final boolean snapshotting;
    private int position;

    private Replay(EpisodeRecord record, Env<Object, Object> env, boolean snapshotting) {
        this.record = record;
        this.env = env;
        this.actions = record.actions();
        this.returns = new double[actions.length + 1];
        this.snapshotting = snapshotting;
    }

    /**
     * Rebuilds and verifies a recorded episode; afterwards the replay stands at step 0 (just after reset).
     *
     * @throws EpisodeFileException if the environment is unknown here, an action is invalid, or re-simulating
     *                              gives other rewards or end flags than the file (another version or options)
     */
    @SuppressWarnings("unchecked")
    public static Replay of(EpisodeRecord record, String name) throws EpisodeFileException {
        Env<Object, Object> env;
        try {
            env = Envs.make(record.envId(), record.options());
        } catch (IllegalArgumentException e) {
            throw new EpisodeFileException(name + ": cannot rebuild its environment: " + e.getMessage());
        }
        if (!(env instanceof Renderable)) {
            throw new EpisodeFileException(name + ": " + record.envId() + " cannot be drawn (it does not render frames)");
        }
        boolean snapshotting = env instanceof Snapshotable;
        env.reset(record.seed());
        if (snapshotting) {
            try {
                ((Snapshotable) env).snapshot();
            } catch (UnsupportedOperationException e) {
                snapshotting = false;
            }
        }
        Replay replay = new Replay(record, env, snapshotting);
        replay.verify(name);
        replay.position = replay.length();
        replay.seek(0);
        return replay;
    }

    private void verify(String name) throws EpisodeFileException {
        env.reset(record.seed());
        List<EpisodeRecord.StepRecord> steps = record.steps();
        for (int t = 0; t < steps.size(); t++) {
            if (snapshotting && t % SNAPSHOT_EVERY == 0) {
                snapshots.add(((Snapshotable) env).snapshot());
            }
            EpisodeRecord.StepRecord s = steps.get(t);
            Step<Object> got;
            try {
                got = env.step(s.action());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new EpisodeFileException(name + " step " + (t + 1) + ": the environment refuses the action: "
                        + e.getMessage());
            }
            if (Math.abs(got.reward() - s.reward()) > 1e-9 * Math.max(1, Math.abs(s.reward()))
                    || got.terminated() != s.terminated() || got.truncated() != s.truncated()) {
                throw new EpisodeFileException(name + " step " + (t + 1) + ": the file says reward " + s.reward()
                        + ", terminated " + s.terminated() + ", truncated " + s.truncated() + ", but re-simulating "
                        + record.envId() + " with seed " + record.seed() + " gives reward " + got.reward()
                        + ", terminated " + got.terminated() + ", truncated " + got.truncated()
                        + " (recorded with other options or another version of the environment?)");
            }
            returns[t + 1] = returns[t] + got.reward();
        }
    }

    /** Moves to step {@code t} (clamped to 0..length): the state after the first {@code t} actions. */
    public void seek(int t) {
        int target = Math.max(0, Math.min(length(), t));
        int from;
        if (snapshotting && !snapshots.isEmpty()) {
            int k = Math.min(target / SNAPSHOT_EVERY, snapshots.size() - 1);
            from = k * SNAPSHOT_EVERY;
            if (position <= target && position >= from) {
                from = position; // the environment already stands between the snapshot and the target
            } else {
                ((Snapshotable) env).restore(snapshots.get(k));
            }
        } else if (position <= target) {
            from = position;
        } else {
            env.reset(record.seed());
            from = 0;
        }
        for (int i = from; i < target; i++) {
            env.step(actions[i]);
        }
        position = target;
    }

    public void forward() {
        seek(position + 1);
    }

    public void back() {
        seek(position - 1);
    }

    /** The current step: 0 after reset, {@link #length()} at the end. */
    public int position() {
        return position;
    }

    /** Number of steps in the episode. */
    public int length() {
        return actions.length;
    }

    /** Sum of the rewards of the first {@link #position()} steps. */
    public double returnSoFar() {
        return returns[position];
    }

    /** The step that led to the current state, or null at step 0. */
    public EpisodeRecord.StepRecord lastStep() {
        return position == 0 ? null : record.steps().get(position - 1);
    }

    public EpisodeRecord record() {
        return record;
    }

    /** The current state as a frame. */
    public Frame frame() {
        return ((Renderable) env).render();
    }

    /** Whether seeks use snapshots (false: re-simulated from the start). */
    public boolean snapshotting() {
        return snapshotting;
    }
}
