package dev.arcadia.experiments.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The training loop's counters for one seed: what a checkpoint must hold besides the agent and the environment. */
final class SeedState {

    long episode;
    long steps;
    double totalReturn;
    double windowReturn;
    int windowEpisodes;
    double lastWindow;
    long solvedAt = -1;
    final List<double[]> curve = new ArrayList<>();
    final List<double[]> trainingCurve = new ArrayList<>();
    /** Vector runs: the return so far of each copy's episode in progress (null for single-environment runs). */
    double[] running;
    /** Bytes of metrics.jsonl written when this state was taken (resume truncates the file there). */
    long metricsBytes;
    /** Wall-clock seconds spent training this seed up to this state, over all sessions (NaN: not recorded). */
    double seconds;
    /** How many times this seed was resumed from a checkpoint. */
    int resumes;

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("episode", episode);
        o.addProperty("steps", steps);
        o.addProperty("totalReturn", totalReturn);
        o.addProperty("windowReturn", windowReturn);
        o.addProperty("windowEpisodes", windowEpisodes);
        o.addProperty("lastWindow", lastWindow);
        o.addProperty("solvedAt", solvedAt);
        o.addProperty("metricsBytes", metricsBytes);
        o.addProperty("seconds", seconds);
        o.addProperty("resumes", resumes);
        o.add("curve", points(curve));
        o.add("trainingCurve", points(trainingCurve));
        if (running != null) {
            JsonArray r = new JsonArray();
            for (double v : running) {
                r.add(v);
            }
            o.add("running", r);
        }
        return o;
    }

    static SeedState fromJson(JsonObject o) {
        SeedState s = new SeedState();
        s.episode = o.get("episode").getAsLong();
        s.steps = o.get("steps").getAsLong();
        s.totalReturn = o.get("totalReturn").getAsDouble();
        s.windowReturn = o.get("windowReturn").getAsDouble();
        s.windowEpisodes = o.get("windowEpisodes").getAsInt();
        s.lastWindow = o.get("lastWindow").getAsDouble();
        s.solvedAt = o.get("solvedAt").getAsLong();
        s.metricsBytes = o.get("metricsBytes").getAsLong();
        // checkpoints written before these two fields existed: time unknown, never resumed
        s.seconds = o.has("seconds") ? o.get("seconds").getAsDouble() : Double.NaN;
        s.resumes = o.has("resumes") ? o.get("resumes").getAsInt() : 0;
        read(o.getAsJsonArray("curve"), s.curve);
        read(o.getAsJsonArray("trainingCurve"), s.trainingCurve);
        if (o.has("running")) {
            JsonArray r = o.getAsJsonArray("running");
            s.running = new double[r.size()];
            for (int i = 0; i < r.size(); i++) {
                s.running[i] = r.get(i).getAsDouble();
            }
        }
        return s;
    }

    private static JsonArray points(List<double[]> list) {
        JsonArray a = new JsonArray();
        for (double[] p : list) {
            JsonArray pair = new JsonArray();
            pair.add(p[0]);
            pair.add(p[1]);
            a.add(pair);
        }
        return a;
    }

    private static void read(JsonArray a, List<double[]> into) {
        for (int i = 0; i < a.size(); i++) {
            into.add(new double[] {a.get(i).getAsJsonArray().get(0).getAsDouble(), a.get(i).getAsJsonArray().get(1).getAsDouble()});
        }
    }
}
