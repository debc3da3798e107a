package dev.arcadia.simui;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.experiments.run.Progress;
import dev.arcadia.experiments.run.RunDirectory;
import dev.arcadia.experiments.run.Runner;
import dev.arcadia.simui.model.MetricsTail;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures what following a run costs the run: trains the FrozenLake config (Q-learning, slippery 4x4) into a run
 * directory alone and with a follower polling its metrics.jsonl as the live screen does (by default every 50 ms,
 * ten times the screen's rate), alternating, and prints the median environment steps per second of each.
 * The time spent inside the polls is printed too: the follower's whole cost, independent of machine load.
 * {@code java -cp <test classpath> dev.arcadia.simui.LiveOverhead [repeats] [pollMillis] [episodes]}
 */
public final class LiveOverhead {

    private LiveOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        long pollMillis = args.length > 1 ? Long.parseLong(args[1]) : 50;
        int episodes = args.length > 2 ? Integer.parseInt(args[2]) : 40000;
        Path base = Files.createTempDirectory("live-overhead");
        List<Double> alone = new ArrayList<>();
        List<Double> followed = new ArrayList<>();
        for (int r = -1; r < repeats; r++) { // r = -1 warms up
            for (boolean follow : new boolean[] {false, true}) {
                double sps = once(base.resolve("run-" + r + "-" + follow), follow, pollMillis, episodes);
                if (r >= 0) {
                    (follow ? followed : alone).add(sps);
                }
            }
        }
        double a = median(alone);
        double f = median(followed);
        System.out.printf("alone:    median %.0f steps/s  %s%n", a, alone);
        System.out.printf("followed: median %.0f steps/s  %s (poll every %d ms)%n", f, followed, pollMillis);
        System.out.printf("difference: %.2f %%%n", 100 * (a - f) / a);
    }

    private static double once(Path dir, boolean follow, long pollMillis, int episodes) throws Exception {
        String json = "{\"name\": \"overhead\", \"seed\": 1, \"seeds\": 1, \"env\": {\"id\": \"FrozenLake-v1\"},"
                + "\"agent\": {\"type\": \"q-learning\", \"alpha\": 0.03, \"gamma\": 0.995, \"epsilonDecayEpisodes\": 1000},"
                + "\"train\": {\"episodes\": " + episodes + ", \"logEvery\": 100}, \"eval\": {\"episodes\": 1, \"exact\": false}}";
        ExperimentConfig config = ExperimentConfig.fromJson(JsonParser.parseString(json).getAsJsonObject());
        Thread follower = null;
        MetricsTail tail = new MetricsTail(dir.resolve("metrics.jsonl"));
        final boolean[] stop = {false};
        final long[] pollNanos = {0};
        try (RunDirectory run = RunDirectory.at(dir)) {
            run.writeStart(config, new JsonObject());
            if (follow) {
                follower = new Thread(() -> {
                    while (!stop[0]) {
                        try {
                            long p0 = System.nanoTime();
                            tail.poll();
                            pollNanos[0] += System.nanoTime() - p0;
                            Thread.sleep(pollMillis);
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                follower.start();
            }
            Progress quiet = new Progress("o", episodes, new PrintStream(OutputStream.nullOutputStream()), false, true);
            long t0 = System.nanoTime();
            List<Runner.SeedResult> results = new Runner(config, run, quiet).run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            stop[0] = true;
            if (follower != null) {
                follower.join();
            }
            if (follow) {
                System.out.printf("followed run: %.2f s of training, %.2f ms spent polling (%.3f %% of it), %d records read%n",
                        seconds, pollNanos[0] / 1e6, 100 * pollNanos[0] / 1e9 / seconds, tail.records());
            }
            return results.get(0).steps() / seconds;
        }
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
