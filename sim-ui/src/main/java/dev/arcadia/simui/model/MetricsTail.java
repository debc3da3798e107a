package dev.arcadia.simui.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Follows a run directory's {@code metrics.jsonl} while the experiment writes it, without touching the experiment:
 * each {@link #poll()} opens the file read-only, reads only the bytes added since the last poll, and parses the
 * complete lines (a line still being written waits for its newline). A file that shrank (a resumed run truncates its
 * metrics to the checkpoint) is read again from the start. Lines that are not JSON objects are counted and skipped.
 *
 * <p>The runner's records become series per seed: training windows ({@code episode}, {@code steps},
 * {@code meanReturn}), periodic evaluations ({@code "event": "eval"}, {@code greedyReturn}) and the final line
 * ({@code "event": "final"}).
 */
public final class MetricsTail {

    /** One seed's curves: points {x = steps, y = return}. */
    public static final class Series {
        public final List<double[]> training = new ArrayList<>();
        public final List<double[]> evaluations = new ArrayList<>();
        public JsonObject last;
        public JsonObject fin;
    }

    private final Path file;
    private long offset;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final Map<Integer, Series> seeds = new TreeMap<>();
    private int records;
    private int skipped;
    private String lastProblem;
    private JsonObject latest;
    private boolean exists;

    public MetricsTail(Path file) {
        this.file = file;
    }

    /** Reads what was appended since the last poll; returns the number of new records. */
    public int poll() throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            exists = false;
            return 0;
        }
        exists = true;
        if (size < offset) {
            clear();
        }
        if (size == offset) {
            return 0;
        }
        int before = records;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(offset);
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 16, Math.max(1, size - offset)));
            int n;
            while ((n = ch.read(buf)) > 0) {
                offset += n;
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b == '\n') {
                        line(new String(partial.toByteArray(), StandardCharsets.UTF_8));
                        partial.reset();
                    } else {
                        partial.write(b);
                    }
                }
                buf.clear();
            }
        } catch (NoSuchFileException e) {
            exists = false;
        }
        return records - before;
    }

    /** Forgets everything read; the next poll reads the file from the start. */
    public void restart() {
        clear();
    }

    private void clear() {
        offset = 0;
        partial.reset();
        seeds.clear();
        records = 0;
        skipped = 0;
        latest = null;
        lastProblem = null;
    }

    private void line(String text) {
        if (text.isBlank()) {
            return;
        }
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new JsonParseException("not a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            skipped++;
            lastProblem = "skipped a line that is not a JSON object: " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
            return;
        }
        records++;
        latest = o;
        int seed = intOr(o, "seed", 0);
        Series s = seeds.computeIfAbsent(seed, k -> new Series());
        s.last = o;
        String event = o.has("event") && o.get("event").isJsonPrimitive() ? o.get("event").getAsString() : "";
        double steps = numberOr(o, "steps", Double.NaN);
        switch (event) {
            case "eval" -> {
                double y = numberOr(o, "greedyReturn", Double.NaN);
                if (Double.isFinite(steps) && Double.isFinite(y)) {
                    s.evaluations.add(new double[] {steps, y});
                }
            }
            case "final" -> s.fin = o;
            default -> {
                double y = numberOr(o, "meanReturn", Double.NaN);
                if (Double.isFinite(steps) && Double.isFinite(y)) {
                    s.training.add(new double[] {steps, y});
                }
            }
        }
    }

    private static int intOr(JsonObject o, String key, int fallback) {
        double v = numberOr(o, key, Double.NaN);
        return Double.isFinite(v) ? (int) v : fallback;
    }

    private static double numberOr(JsonObject o, String key, double fallback) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return fallback;
        }
        return e.getAsDouble();
    }

    /** The series by seed index. */
    public Map<Integer, Series> seeds() {
        return seeds;
    }

    /** Records parsed so far. */
    public int records() {
        return records;
    }

    /** Lines skipped as not JSON objects. */
    public int skipped() {
        return skipped;
    }

    /** The last skipped line's description, or null. */
    public String lastProblem() {
        return lastProblem;
    }

    /** The most recent record, or null. */
    public JsonObject latest() {
        return latest;
    }

    /** Bytes consumed (complete lines and the pending partial line). */
    public long offset() {
        return offset;
    }

    /** Whether the file existed at the last poll. */
    public boolean exists() {
        return exists;
    }

    /** Whether every seed has its final line. */
    public boolean finished(int expectedSeeds) {
        if (seeds.size() < expectedSeeds || seeds.isEmpty()) {
            return false;
        }
        return seeds.values().stream().allMatch(s -> s.fin != null);
    }

    public Path file() {
        return file;
    }
}
