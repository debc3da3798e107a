package dev.arcadia.experiments.episodes;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import dev.arcadia.env.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recorded episodes as JSON lines, written atomically (temporary file, then rename):
 *
 * <pre>
 * {"format":"arcadia-episode","version":1,"env":"FrozenLake-v1","options":{"is_slippery":false},"seed":42,"source":"human"}
 * {"t":1,"action":2,"reward":0.0,"terminated":false,"truncated":false}
 * ...
 * {"end":true,"steps":6,"return":1.0,"done":true}
 * </pre>
 *
 * The first line says how to rebuild the environment and seed its {@code reset}; each step line holds the action and
 * what the environment answered; the closing line repeats the step count and return, so a file cut short (no closing
 * line) or edited is told apart from a good one. {@link #read} checks everything and fails with the line and what is
 * wrong.
 */
public final class EpisodeFile {

    public static final String FORMAT = "arcadia-episode";
    public static final int VERSION = 1;

    private static final Gson GSON = new Gson();

    private EpisodeFile() {
    }

    /** The file's text. */
    public static String format(EpisodeRecord r) {
        StringBuilder sb = new StringBuilder();
        JsonObject h = new JsonObject();
        h.addProperty("format", FORMAT);
        h.addProperty("version", VERSION);
        h.addProperty("env", r.envId());
        h.add("options", GSON.toJsonTree(r.options()));
        h.addProperty("seed", r.seed());
        h.addProperty("source", r.source());
        sb.append(h).append('\n');
        int t = 0;
        for (EpisodeRecord.StepRecord s : r.steps()) {
            JsonObject o = new JsonObject();
            o.addProperty("t", ++t);
            o.addProperty("action", s.action());
            o.addProperty("reward", s.reward());
            o.addProperty("terminated", s.terminated());
            o.addProperty("truncated", s.truncated());
            sb.append(o).append('\n');
        }
        JsonObject end = new JsonObject();
        end.addProperty("end", true);
        end.addProperty("steps", r.steps().size());
        end.addProperty("return", r.totalReturn());
        end.addProperty("done", r.done());
        sb.append(end).append('\n');
        return sb.toString();
    }

    /** Writes {@code r} to {@code file} atomically (parent directories are created). */
    public static void write(Path file, EpisodeRecord r) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, format(r));
    }

    /**
     * Reads and checks a file written by {@link #write}.
     *
     * @throws EpisodeFileException for a missing, empty, corrupt or partial file, naming the file, the line and the
     *                              problem
     */
    public static EpisodeRecord read(Path file) throws EpisodeFileException {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new EpisodeFileException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new EpisodeFileException(file + " is not a recorded episode: it is not UTF-8 text");
        } catch (IOException e) {
            throw new EpisodeFileException(file + ": cannot read it (" + e.getMessage() + ")");
        }
        return parse(file.toString(), text);
    }

    /** Parses the text of an episode file; {@code name} is used in messages. */
    public static EpisodeRecord parse(String name, String text) throws EpisodeFileException {
        if (text.isBlank()) {
            throw new EpisodeFileException(name + " is empty: it holds no recorded episode");
        }
        String[] lines = text.split("\n", -1);
        boolean endsWithNewline = text.endsWith("\n");
        int count = endsWithNewline ? lines.length - 1 : lines.length;
        JsonObject header = object(name, lines[0], 1, count == 1 && !endsWithNewline);
        if (!header.has("format") || !FORMAT.equals(string(header, "format"))) {
            throw new EpisodeFileException(name + " line 1: not an Arcadia episode file (expected \"format\": \""
                    + FORMAT + "\" on the first line)");
        }
        int version = (int) integer(name, header, "version", 1);
        if (version != VERSION) {
            throw new EpisodeFileException(name + " line 1: episode file version " + version
                    + " is not supported (this viewer reads version " + VERSION + ")");
        }
        String env = string(header, "env");
        if (env == null || env.isBlank()) {
            throw new EpisodeFileException(name + " line 1: missing \"env\" (the environment id)");
        }
        long seed = integer(name, header, "seed", 1);
        Map<String, Object> options = new LinkedHashMap<>();
        if (header.has("options")) {
            JsonElement o = header.get("options");
            if (!o.isJsonObject()) {
                throw new EpisodeFileException(name + " line 1: \"options\" must be an object, got " + o);
            }
            options = GSON.fromJson(o, new TypeToken<LinkedHashMap<String, Object>>() { }.getType());
        }
        String source = header.has("source") ? string(header, "source") : "unknown";
        List<EpisodeRecord.StepRecord> steps = new ArrayList<>();
        boolean ended = false;
        for (int i = 1; i < count; i++) {
            int line = i + 1;
            if (lines[i].isBlank()) {
                throw new EpisodeFileException(name + " line " + line + " is blank");
            }
            JsonObject o = object(name, lines[i], line, i == count - 1 && !endsWithNewline);
            if (ended) {
                throw new EpisodeFileException(name + " line " + line + ": more lines after the closing \"end\" line");
            }
            if (o.has("end")) {
                long n = integer(name, o, "steps", line);
                if (n != steps.size()) {
                    throw new EpisodeFileException(name + " line " + line + ": the closing line counts " + n
                            + " steps but the file holds " + steps.size());
                }
                double ret = number(name, o, "return", line);
                double sum = steps.stream().mapToDouble(EpisodeRecord.StepRecord::reward).sum();
                if (Math.abs(ret - sum) > 1e-9 * Math.max(1, Math.abs(sum))) {
                    throw new EpisodeFileException(name + " line " + line + ": the closing line's return " + ret
                            + " differs from the sum of the rewards " + sum);
                }
                ended = true;
                continue;
            }
            long t = integer(name, o, "t", line);
            if (t != steps.size() + 1) {
                throw new EpisodeFileException(name + " line " + line + ": expected step t=" + (steps.size() + 1)
                        + ", found t=" + t + " (steps must be consecutive from 1)");
            }
            if (!steps.isEmpty() && steps.get(steps.size() - 1).done()) {
                throw new EpisodeFileException(name + " line " + line + ": a step after the episode ended at step "
                        + steps.size());
            }
            long action = integer(name, o, "action", line);
            double reward = number(name, o, "reward", line);
            steps.add(new EpisodeRecord.StepRecord((int) action, reward, bool(name, o, "terminated", line),
                    bool(name, o, "truncated", line)));
        }
        if (!ended) {
            throw new EpisodeFileException(name + " is partial: it stops after " + steps.size() + " step"
                    + (steps.size() == 1 ? "" : "s") + " without its closing \"end\" line (was the recording cut short?)");
        }
        return new EpisodeRecord(env, options, seed, source, steps, true);
    }

    private static JsonObject object(String name, String line, int number, boolean lastWithoutNewline)
            throws EpisodeFileException {
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) {
                throw new EpisodeFileException(name + " line " + number + " is not a JSON object: " + abbreviate(line));
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            if (lastWithoutNewline) {
                throw new EpisodeFileException(name + " is partial: its last line (" + number + ") is cut off: "
                        + abbreviate(line));
            }
            throw new EpisodeFileException(name + " line " + number + " is not valid JSON: " + abbreviate(line));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static long integer(String name, JsonObject o, String key, int line) throws EpisodeFileException {
        number(name, o, key, line);
        try {
            return new java.math.BigDecimal(o.get(key).getAsString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new EpisodeFileException(name + " line " + line + ": \"" + key + "\" must be a 64-bit integer, got "
                    + o.get(key));
        }
    }

    private static double number(String name, JsonObject o, String key, int line) throws EpisodeFileException {
        JsonElement e = o.get(key);
        if (e == null) {
            throw new EpisodeFileException(name + " line " + line + ": missing \"" + key + "\"");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new EpisodeFileException(name + " line " + line + ": \"" + key + "\" must be a number, got " + e);
        }
        double v = e.getAsDouble();
        if (!Double.isFinite(v)) {
            throw new EpisodeFileException(name + " line " + line + ": \"" + key + "\" must be finite, got " + e);
        }
        return v;
    }

    private static boolean bool(String name, JsonObject o, String key, int line) throws EpisodeFileException {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new EpisodeFileException(name + " line " + line + ": \"" + key + "\" must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }
}
