package dev.arcadia.experiments.run;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.agents.Agent;
import dev.arcadia.env.Env;
import dev.arcadia.env.Snapshotable;
import dev.arcadia.env.util.AtomicFiles;
import dev.arcadia.env.vector.VectorEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints of a run: {@code checkpoints/seed-I/episode-N/} ({@link Runner}: N finished episodes) or
 * {@code checkpoints/seed-I/step-N/} ({@link VectorRunner}: N environment steps, all copies together), holding the
 * agent ({@code agent}, as its {@link Agent#save} writes it), the training environment's snapshot ({@code env.bin};
 * for a vector run, every copy and the batch buffers) and the loop counters ({@code runner.json}). Each is written
 * into a temporary directory and renamed into place, so an existing checkpoint is never touched and a crash leaves
 * at most an ignored temporary directory.
 */
public final class Checkpoints {

    private final Path root;
    private final int keep;

    /** Checkpoints of a run directory, all kept. */
    public Checkpoints(Path runDirectory) {
        this(runDirectory, 0);
    }

    /** Checkpoints of a run directory keeping the {@code keep} newest per seed (0 = all). */
    public Checkpoints(Path runDirectory, int keep) {
        this.root = runDirectory.resolve("checkpoints");
        this.keep = keep;
    }

    private Path seedDir(int seed) {
        return root.resolve("seed-" + seed);
    }

    /** Writes a checkpoint of {@code seed} at the state's episode. */
    void save(int seed, SeedState state, Agent<?, ?> agent, Env<?, ?> env) throws IOException {
        if (!(env instanceof Snapshotable snap)) {
            throw new IOException("cannot checkpoint: " + env + " does not support snapshots");
        }
        write(seed, "episode-" + state.episode, state, agent, snap);
    }

    /** Writes a checkpoint of a vector run's {@code seed} at the state's step. */
    void save(int seed, SeedState state, Agent<?, ?> agent, VectorEnv env) throws IOException {
        if (!(env instanceof Snapshotable snap)) {
            throw new IOException("cannot checkpoint: " + env + " does not support snapshots");
        }
        write(seed, "step-" + state.steps, state, agent, snap);
    }

    private void write(int seed, String name, SeedState state, Agent<?, ?> agent, Snapshotable snap)
            throws IOException {
        Path dir = seedDir(seed);
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        Path tmp = Files.createTempDirectory(dir, "." + name + "-");
        agent.save(tmp.resolve("agent"));
        byte[] envState = snap.snapshot();
        AtomicFiles.write(tmp.resolve("env.bin"), out -> out.write(envState));
        AtomicFiles.writeString(tmp.resolve("runner.json"), state.toJson() + "\n");
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        if (keep > 0) {
            for (Path old : complete(seed).stream().skip(keep).toList()) { // newest first; the new one is kept
                deleteTree(old);
            }
        }
    }

    /** Complete checkpoints of {@code seed}, newest first. */
    private List<Path> complete(int seed) throws IOException {
        Path dir = seedDir(seed);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().matches("(episode|step)-\\d+")) // one kind per run
                    .filter(p -> Files.isRegularFile(p.resolve("runner.json")))
                    .sorted(Comparator.comparingLong((Path p) -> number(p.getFileName().toString())).reversed())
                    .toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The latest complete checkpoint of {@code seed}, if any. */
    Optional<Path> latest(int seed) throws IOException {
        return complete(seed).stream().findFirst();
    }

    /**
     * The loop counters ({@code runner.json}) of the latest checkpoint of {@code seed}, if any: among them
     * {@code resumes} and {@code seconds} (training wall-clock over all sessions; absent in older checkpoints).
     */
    public Optional<JsonObject> latestState(int seed) throws IOException {
        Optional<Path> latest = latest(seed);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonParser.parseString(Files.readString(latest.get().resolve("runner.json"),
                    StandardCharsets.UTF_8)).getAsJsonObject());
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + latest.get() + " has a corrupt runner.json: " + e.getMessage(), e);
        }
    }

    /** N of a checkpoint directory's name {@code episode-N} or {@code step-N}. */
    private static long number(String name) {
        return Long.parseLong(name.substring(name.indexOf('-') + 1));
    }

    /** Restores the agent and the environment from {@code checkpoint} and returns the loop counters. */
    static SeedState restore(Path checkpoint, Agent<?, ?> agent, Env<?, ?> env) throws IOException {
        return restore(checkpoint, agent, (Snapshotable) env);
    }

    /**
     * Restores the agent and the vector environment from {@code checkpoint} (written by a vector run) and returns the
     * loop counters, with the returns of the episodes in progress.
     */
    static SeedState restore(Path checkpoint, Agent<?, ?> agent, VectorEnv env) throws IOException {
        if (!(env instanceof Snapshotable snap)) {
            throw new IOException("cannot restore " + checkpoint + ": " + env + " does not support snapshots");
        }
        SeedState st = restore(checkpoint, agent, snap);
        if (st.running == null || st.running.length != env.numEnvs()) {
            throw new IOException("checkpoint " + checkpoint + " has " + (st.running == null ? "no" : st.running.length)
                    + " running returns in runner.json, expected one per copy (" + env.numEnvs()
                    + "); is it a checkpoint of a policy-gradient run with this config?");
        }
        return st;
    }

    private static SeedState restore(Path checkpoint, Agent<?, ?> agent, Snapshotable env) throws IOException {
        SeedState state;
        try {
            JsonObject o = JsonParser.parseString(Files.readString(checkpoint.resolve("runner.json"),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            state = SeedState.fromJson(o);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint " + checkpoint + " has a corrupt runner.json: " + e.getMessage(), e);
        }
        agent.load(checkpoint.resolve("agent"));
        try {
            env.restore(Files.readAllBytes(checkpoint.resolve("env.bin")));
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
        return state;
    }
}
