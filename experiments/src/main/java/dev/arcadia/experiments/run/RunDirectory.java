package dev.arcadia.experiments.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.arcadia.env.util.AtomicFiles;
import dev.arcadia.experiments.config.ExperimentConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The directory of one run: {@code config.json} (resolved, with every default), {@code provenance.json} (version,
 * commit, Java, OS, seeds), {@code metrics.jsonl} (one JSON object per line, reproducible byte for byte) and
 * {@code summary.json} (results and timings). Whole files are written atomically; metrics are appended and flushed
 * line by line so that a live viewer can follow them.
 */
public final class RunDirectory implements MetricsSink, AutoCloseable {

    static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

    private final Path dir;
    private final BufferedWriter metrics;
    private long metricsBytes;

    private RunDirectory(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.metrics = Files.newBufferedWriter(dir.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
    }

    private RunDirectory(Path dir, long keepBytes) throws IOException {
        this.dir = dir;
        Path file = dir.resolve("metrics.jsonl");
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(keepBytes);
        }
        this.metricsBytes = keepBytes;
        this.metrics = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * Reopens an existing run directory to continue it: metrics after byte {@code keepBytes} (written after the
     * checkpoint being resumed) are dropped, so the finished file equals that of an uninterrupted run.
     */
    public static RunDirectory reopen(Path dir, long keepBytes) throws IOException {
        if (!Files.isRegularFile(dir.resolve("config.json")) || !Files.isRegularFile(dir.resolve("metrics.jsonl"))) {
            throw new IllegalArgumentException(dir + " is not an Arcadia run directory (no config.json and metrics.jsonl)");
        }
        return new RunDirectory(dir, keepBytes);
    }

    /** Bytes of metrics written so far. */
    public long metricsBytes() {
        return metricsBytes;
    }

    /** Creates {@code base/NAME-yyyyMMdd-HHmmss} (with a numeric suffix if that exists). */
    public static RunDirectory create(Path base, String name) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = base.resolve(name + "-" + stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = base.resolve(name + "-" + stamp + "-" + i);
        }
        return new RunDirectory(dir);
    }

    /**
     * Uses exactly {@code dir}, which must not exist yet or be empty (an earlier run is never overwritten).
     *
     * @throws IllegalArgumentException if {@code dir} already holds files
     */
    public static RunDirectory at(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var list = Files.list(dir)) {
                if (list.findAny().isPresent()) {
                    throw new IllegalArgumentException("run directory " + dir + " already holds files; choose a new directory "
                            + "(earlier runs are never overwritten)");
                }
            }
        }
        return new RunDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    /** Writes the resolved config and the provenance record. */
    public void writeStart(ExperimentConfig config, JsonObject provenance) throws IOException {
        writeJson("config.json", config.toJson());
        writeJson("provenance.json", provenance);
    }

    /** Writes a JSON file into the run directory atomically. */
    public void writeJson(String name, JsonElement json) throws IOException {
        AtomicFiles.writeString(dir.resolve(name), PRETTY.toJson(json) + "\n");
    }

    @Override
    public void accept(JsonObject record) {
        try {
            String line = record.toString();
            metrics.write(line);
            metrics.write('\n');
            metrics.flush();
            metricsBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics to " + dir, e);
        }
    }

    @Override
    public void close() throws IOException {
        metrics.close();
    }

    /** The seeds of a run, for provenance. */
    static JsonArray seedTable(long master, int count) {
        JsonArray seeds = new JsonArray();
        for (int i = 0; i < count; i++) {
            long run = Seeds.run(master, i);
            JsonObject s = new JsonObject();
            s.addProperty("index", i);
            s.addProperty("run", run);
            s.addProperty(Seeds.ENV, Seeds.child(run, Seeds.ENV));
            s.addProperty(Seeds.AGENT, Seeds.child(run, Seeds.AGENT));
            s.addProperty(Seeds.EVAL, Seeds.child(run, Seeds.EVAL));
            seeds.add(s);
        }
        return seeds;
    }
}
