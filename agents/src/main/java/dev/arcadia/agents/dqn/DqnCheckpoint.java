package dev.arcadia.agents.dqn;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.arcadia.agents.replay.ReplayBuffer;
import dev.arcadia.env.util.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * A DQN checkpoint directory: {@code online.params}, {@code target.params}, {@code optimizer.params} (parameter
 * files), {@code replay.bin} (the replay buffer, with a CRC-32) and {@code state.json} (counters and the random
 * state), written last so that a directory without it is recognisably incomplete. Everything needed to continue
 * bit-identically from an episode boundary.
 */
final class DqnCheckpoint {

    private static final int REPLAY_MAGIC = 0x41524550; // "AREP"

    private DqnCheckpoint() {
    }

    static void save(Path dir, Dqn dqn) throws IOException {
        Files.createDirectories(dir);
        dqn.parameters().save(dir.resolve("online.params"));
        dqn.targetParams().save(dir.resolve("target.params"));
        dqn.optimizer().state().save(dir.resolve("optimizer.params"));
        writeReplay(dir.resolve("replay.bin"), dqn.buffer().state());
        JsonObject s = new JsonObject();
        s.addProperty("format", "arcadia-dqn-checkpoint");
        s.addProperty("version", 1);
        s.addProperty("steps", dqn.steps());
        s.addProperty("updates", dqn.updates());
        s.addProperty("episodes", dqn.episodes());
        s.addProperty("optimizerSteps", dqn.optimizer().steps());
        JsonArray rng = new JsonArray();
        for (long w : dqn.rng().state()) {
            rng.add(w);
        }
        s.add("rng", rng);
        AtomicFiles.writeString(dir.resolve("state.json"), s + "\n");
    }

    static void load(Path dir, Dqn dqn) throws IOException {
        JsonObject s = readState(dir);
        ReplayBuffer.State replay = readReplay(dir.resolve("replay.bin"));
        // parameter files check their own shapes and checksums before changing anything
        dqn.parameters().load(dir.resolve("online.params"));
        dqn.targetParams().load(dir.resolve("target.params"));
        dqn.optimizer().state().load(dir.resolve("optimizer.params"));
        dqn.buffer().restore(replay);
        dqn.optimizer().setSteps(s.get("optimizerSteps").getAsLong());
        JsonArray r = s.getAsJsonArray("rng");
        dqn.rng().setState(new long[] {r.get(0).getAsLong(), r.get(1).getAsLong(), r.get(2).getAsLong(), r.get(3).getAsLong()});
        dqn.restoreCounters(s.get("steps").getAsLong(), s.get("updates").getAsLong(), s.get("episodes").getAsLong());
    }

    /** Only the online network (what acting and Q-values need), leaving the replay buffer and the rest unread. */
    static void loadPolicy(Path dir, Dqn dqn) throws IOException {
        readState(dir);
        dqn.parameters().load(dir.resolve("online.params"));
    }

    private static JsonObject readState(Path dir) throws IOException {
        Path stateFile = dir.resolve("state.json");
        if (!Files.isRegularFile(stateFile)) {
            throw new IOException("DQN checkpoint " + dir + " is incomplete or missing: no state.json");
        }
        JsonObject s;
        try {
            s = JsonParser.parseString(Files.readString(stateFile, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!"arcadia-dqn-checkpoint".equals(s.get("format").getAsString())) {
                throw new IOException("DQN checkpoint " + dir + ": state.json has format " + s.get("format")
                        + ", expected arcadia-dqn-checkpoint");
            }
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new IOException("DQN checkpoint " + dir + ": state.json is corrupt: " + e.getMessage(), e);
        }
        return s;
    }

    private static void writeReplay(Path file, ReplayBuffer.State st) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(st.size());
        out.writeInt(st.next());
        out.writeLong(st.added());
        out.writeDouble(st.maxPriority());
        out.writeInt(st.observations().length);
        for (float v : st.observations()) {
            out.writeFloat(v);
        }
        for (float v : st.nextObservations()) {
            out.writeFloat(v);
        }
        for (int i = 0; i < st.size(); i++) {
            out.writeInt(st.actions()[i]);
            out.writeFloat(st.rewards()[i]);
            out.writeFloat(st.discounts()[i]);
        }
        out.writeInt(st.priorities().length);
        for (double p : st.priorities()) {
            out.writeDouble(p);
        }
        out.flush();
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        AtomicFiles.write(file, o -> {
            DataOutputStream d = new DataOutputStream(o);
            d.writeInt(REPLAY_MAGIC);
            d.writeLong(crc.getValue());
            d.write(body);
            d.flush();
        });
    }

    private static ReplayBuffer.State readReplay(Path file) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("DQN checkpoint is incomplete: " + file + " does not exist", e);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            if (all.length < 12 || in.readInt() != REPLAY_MAGIC) {
                throw new IOException(file + " is not an Arcadia replay file");
            }
            long stored = in.readLong();
            CRC32 crc = new CRC32();
            crc.update(all, 12, all.length - 12);
            if (crc.getValue() != stored) {
                throw new IOException(file + " fails its checksum: it is truncated, corrupt or was modified");
            }
            int size = in.readInt();
            int next = in.readInt();
            long added = in.readLong();
            double maxPriority = in.readDouble();
            int floats = in.readInt();
            float[] obs = new float[floats];
            float[] nextObs = new float[floats];
            for (int i = 0; i < floats; i++) {
                obs[i] = in.readFloat();
            }
            for (int i = 0; i < floats; i++) {
                nextObs[i] = in.readFloat();
            }
            int[] actions = new int[size];
            float[] rewards = new float[size];
            float[] discounts = new float[size];
            for (int i = 0; i < size; i++) {
                actions[i] = in.readInt();
                rewards[i] = in.readFloat();
                discounts[i] = in.readFloat();
            }
            double[] priorities = new double[in.readInt()];
            for (int i = 0; i < priorities.length; i++) {
                priorities[i] = in.readDouble();
            }
            return new ReplayBuffer.State(obs, nextObs, actions, rewards, discounts, priorities, maxPriority, next, size, added);
        } catch (java.io.EOFException | NegativeArraySizeException | OutOfMemoryError e) {
            throw new IOException(file + " is truncated or corrupt", e);
        }
    }
}
