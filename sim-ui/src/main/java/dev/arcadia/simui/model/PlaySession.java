package dev.arcadia.simui.model;

import dev.arcadia.experiments.episodes.EpisodeFile;
import dev.arcadia.experiments.episodes.EpisodeRecord;
import com.badlogic.gdx.Input.Keys;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Renderable;
import dev.arcadia.env.Step;
import dev.arcadia.env.render.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A human playing an environment with the keyboard: key events in, environment steps out, with the score, step count
 * and episode end, and each episode recorded to an {@link EpisodeFile} when it ends (or is left mid-way). Episode
 * {@code k} is started with {@code reset(firstSeed + k)}, so every recording replays on its own.
 *
 * <p>Turn-based key maps step once per key press; real-time ones step on a clock ({@link #update}) with the keys held.
 * After an episode ends, Enter, space or R starts the next one.
 */
public final class PlaySession {

    private final String envId;
    private final Map<String, Object> options;
    private final Env<Object, Object> env;
    private final KeyMap keys;
    private final Path recordDir;
    private final long firstSeed;
    private final List<Integer> held = new ArrayList<>();
    private int pressedSinceTick = -1;
    private double clock;
    private int episode = -1;
    private long seed;
    private int steps;
    private double score;
    private double lastReward;
    private boolean terminated;
    private boolean truncated;
    private EpisodeRecord.Builder recording;
    private Path lastSaved;
    private String lastSaveError;
    private final List<Double> finishedReturns = new ArrayList<>();

    /**
     * @param recordDir where episodes are written, or null to record nothing
     * @throws IllegalArgumentException for an unknown environment or options, or one that cannot be played (not
     *                                  rendered, or an action space without a key map)
     */
    @SuppressWarnings("unchecked")
    public PlaySession(String envId, Map<String, ?> options, long firstSeed, Path recordDir) {
        this.envId = envId;
        this.options = new LinkedHashMap<>(options);
        this.env = Envs.make(envId, options);
        if (!(env instanceof Renderable)) {
            throw new IllegalArgumentException(envId + " cannot be played: it does not render frames");
        }
        this.keys = KeyMap.forEnv(env);
        this.firstSeed = firstSeed;
        this.recordDir = recordDir;
        newEpisode();
    }

    /** Starts the next episode (saving the current one if it has steps and was not saved yet). */
    public void newEpisode() {
        saveIfNeeded();
        episode++;
        seed = firstSeed + episode;
        env.reset(seed);
        steps = 0;
        score = 0;
        lastReward = 0;
        terminated = false;
        truncated = false;
        clock = 0;
        pressedSinceTick = -1;
        recording = new EpisodeRecord.Builder(envId, options, seed, "human");
    }

    /** A key went down; returns whether the session used it. */
    public boolean keyDown(int keycode) {
        if (done()) {
            if (keycode == Keys.ENTER || keycode == Keys.SPACE || keycode == Keys.R) {
                newEpisode();
                return true;
            }
            return false;
        }
        if (keycode == Keys.R && keys.action(keycode).isEmpty()) {
            newEpisode();
            return true;
        }
        OptionalInt a = keys.action(keycode);
        if (a.isEmpty()) {
            return false;
        }
        if (keys.timing() == KeyMap.Timing.TURN) {
            step(a.getAsInt());
        } else {
            held.remove((Integer) keycode);
            held.add(keycode);
            pressedSinceTick = keycode;
        }
        return true;
    }

    /** A key went up. */
    public boolean keyUp(int keycode) {
        return held.remove((Integer) keycode);
    }

    /** Advances the real-time clock by {@code seconds}; returns the number of steps taken. */
    public int update(double seconds) {
        if (keys.timing() != KeyMap.Timing.REALTIME || done()) {
            return 0;
        }
        clock += seconds;
        double period = 1.0 / keys.stepsPerSecond();
        int taken = 0;
        while (clock >= period && !done()) {
            clock -= period;
            List<Integer> pressed = new ArrayList<>(held);
            if (pressedSinceTick >= 0 && !pressed.contains(pressedSinceTick)) {
                pressed.add(pressedSinceTick); // pressed and released between two ticks: it still counts once
            }
            pressedSinceTick = -1;
            int action = keys.tickAction(pressed);
            if (action == KeyMap.WAIT) {
                clock = 0;
                break;
            }
            step(action);
            taken++;
        }
        return taken;
    }

    /** Takes one action directly (as a key of its action would). */
    public Step<Object> step(int action) {
        if (done()) {
            throw new IllegalStateException("the episode has ended; start a new one");
        }
        Step<Object> s = env.step(action);
        steps++;
        score += s.reward();
        lastReward = s.reward();
        terminated = s.terminated();
        truncated = s.truncated();
        recording.add(action, s.reward(), s.terminated(), s.truncated());
        if (done()) {
            finishedReturns.add(score);
            saveIfNeeded();
        }
        return s;
    }

    /** Writes the current episode if it has steps and has not been written; called on episode end and on leaving. */
    public void saveIfNeeded() {
        if (recordDir == null || recording == null || recording.size() == 0) {
            return;
        }
        EpisodeRecord r = recording.build();
        recording = new EpisodeRecord.Builder(envId, options, seed, "human");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path file = recordDir.resolve(envId.replace('/', '_') + "-seed" + seed + "-" + stamp + ".jsonl");
        try {
            EpisodeFile.write(file, r);
            lastSaved = file;
            lastSaveError = null;
        } catch (IOException e) {
            lastSaveError = "cannot record the episode to " + file + ": " + e.getMessage();
        }
    }

    public boolean done() {
        return terminated || truncated;
    }

    public boolean terminated() {
        return terminated;
    }

    public boolean truncated() {
        return truncated;
    }

    public int steps() {
        return steps;
    }

    public double score() {
        return score;
    }

    public double lastReward() {
        return lastReward;
    }

    /** Episode number, from 1. */
    public int episode() {
        return episode + 1;
    }

    public long seed() {
        return seed;
    }

    public KeyMap keyMap() {
        return keys;
    }

    public String envId() {
        return envId;
    }

    /** The file of the last recorded episode, or null. */
    public Path lastSaved() {
        return lastSaved;
    }

    /** Why the last recording failed, or null. */
    public String lastSaveError() {
        return lastSaveError;
    }

    /** Returns of the finished episodes, in order. */
    public List<Double> finishedReturns() {
        return List.copyOf(finishedReturns);
    }

    public Frame frame() {
        return ((Renderable) env).render();
    }

    public Env<Object, Object> env() {
        return env;
    }
}
