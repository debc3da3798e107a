package dev.arcadia.agents.pg;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.arcadia.env.util.AtomicFiles;
import dev.arcadia.nets.optim.Optimizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy-gradient checkpoint directory: {@code params.params} (actor, log standard deviation, critic),
 * {@code optimizer-K.params} (each optimizer's state; parameter files check shapes and checksums) and
 * {@code state.json} (agent type, counters, training budget, optimizer step counts, random state and the last
 * update's statistics), written last so that a directory without it is recognisably incomplete.
 */
final class PgCheckpoint {

    private static final String FORMAT = "arcadia-pg-checkpoint";

    private PgCheckpoint() {
    }

    static void save(Path dir, PolicyGradientAgent agent) throws IOException {
        Files.createDirectories(dir);
        agent.model.allParams.save(dir.resolve("params.params"));
        List<Optimizer> opts = agent.optimizers();
        JsonArray optSteps = new JsonArray();
        for (int k = 0; k < opts.size(); k++) {
            opts.get(k).state().save(dir.resolve("optimizer-" + k + ".params"));
            optSteps.add(opts.get(k).steps());
        }
        JsonObject s = new JsonObject();
        s.addProperty("format", FORMAT);
        s.addProperty("version", 1);
        s.addProperty("agent", agent.name());
        s.addProperty("steps", agent.steps());
        s.addProperty("updates", agent.updates());
        s.addProperty("budget", agent.budget());
        s.add("optimizerSteps", optSteps);
        JsonArray r = new JsonArray();
        for (long w : agent.rng.state()) {
            r.add(w);
        }
        s.add("rng", r);
        JsonObject stats = new JsonObject(); // the runner logs them until the next update: part of exact continuation
        for (Map.Entry<String, Double> e : agent.updateStats().entrySet()) {
            stats.addProperty(e.getKey(), e.getValue());
        }
        s.add("stats", stats);
        AtomicFiles.writeString(dir.resolve("state.json"), s + "\n");
    }

    static void load(Path dir, PolicyGradientAgent agent) throws IOException {
        String name = agent.name();
        Path stateFile = dir.resolve("state.json");
        if (!Files.isRegularFile(stateFile)) {
            throw new IOException(name + " checkpoint " + dir + " is incomplete or missing: no state.json");
        }
        long[] rng = new long[4];
        long[] optSteps;
        long steps;
        long updates;
        long budget;
        Map<String, Double> stats = new LinkedHashMap<>();
        try {
            String text = Files.readString(stateFile, StandardCharsets.UTF_8);
            JsonObject s = JsonParser.parseString(text).getAsJsonObject();
            if (!FORMAT.equals(s.get("format").getAsString()) || !name.equals(s.get("agent").getAsString())) {
                throw new IOException(name + " checkpoint " + dir + ": state.json is of " + s.get("format") + " / "
                        + s.get("agent") + ", expected " + FORMAT + " / " + name);
            }
            JsonArray r = s.getAsJsonArray("rng");
            for (int i = 0; i < 4; i++) {
                rng[i] = r.get(i).getAsLong();
            }
            JsonArray o = s.getAsJsonArray("optimizerSteps");
            optSteps = new long[o.size()];
            for (int i = 0; i < optSteps.length; i++) {
                optSteps[i] = o.get(i).getAsLong();
            }
            steps = s.get("steps").getAsLong();
            updates = s.get("updates").getAsLong();
            budget = s.get("budget").getAsLong();
            if (s.has("stats")) { // absent in checkpoints written before the statistics were saved
                for (Map.Entry<String, com.google.gson.JsonElement> e : s.getAsJsonObject("stats").entrySet()) {
                    stats.put(e.getKey(), e.getValue().getAsDouble());
                }
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
                 | ClassCastException
                 | IndexOutOfBoundsException | NumberFormatException e) {
            throw new IOException(name + " checkpoint " + dir + ": state.json is corrupt: " + e.getMessage(), e);
        }
        List<Optimizer> opts = agent.optimizers();
        if (optSteps.length != opts.size()) {
            throw new IOException(name + " checkpoint " + dir + " has " + optSteps.length + " optimizers, expected "
                    + opts.size());
        }
        // parameter files check their own shapes and checksums before changing anything
        agent.model.allParams.load(dir.resolve("params.params"));
        for (int k = 0; k < opts.size(); k++) {
            opts.get(k).state().load(dir.resolve("optimizer-" + k + ".params"));
            opts.get(k).setSteps(optSteps[k]);
        }
        agent.rng.setState(rng);
        agent.restore(steps, updates, budget, stats);
    }
}
