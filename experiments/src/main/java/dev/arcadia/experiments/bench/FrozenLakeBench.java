package dev.arcadia.experiments.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.env.util.Rng;
import dev.arcadia.experiments.run.Stats;
import dev.arcadia.experiments.run.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * FrozenLake-v1 step throughput, single thread, raw and with the standard wrapper stack, beside Gymnasium's measured
 * in the same run by {@code bench/frozenlake_gym.py} (same protocol: a fixed pre-drawn action sequence, reset when
 * an episode ends, reset counted in the time, median of repeats).
 */
public final class FrozenLakeBench {

    /** Medians in steps per second; peer values are NaN when the peer could not run. */
    public record Result(double wrapped, double raw, double peerWrapped, double peerRaw, String peer, int repeats,
                         double seconds) {
    }

    private final double seconds;
    private final int repeats;

    public FrozenLakeBench(double seconds, int repeats) {
        this.seconds = seconds;
        this.repeats = repeats;
    }

    public Result run(Path projectRoot, String python, boolean withPeer) {
        Integer[] actions = new Integer[1 << 16];
        Rng rng = new Rng(0);
        for (int i = 0; i < actions.length; i++) {
            actions[i] = rng.nextInt(4);
        }
        double[] wrapped = new double[repeats];
        double[] raw = new double[repeats];
        measure(Envs.make("FrozenLake-v1"), actions, 1.0); // warm-up of both paths
        measure(Envs.<Integer, Integer>make("FrozenLake-v1").unwrapped(), actions, 1.0);
        for (int r = 0; r < repeats; r++) {
            wrapped[r] = measure(Envs.make("FrozenLake-v1"), actions, seconds);
            raw[r] = measure(Envs.<Integer, Integer>make("FrozenLake-v1").unwrapped(), actions, seconds);
        }
        double peerWrapped = Double.NaN;
        double peerRaw = Double.NaN;
        String peer = "not run";
        if (withPeer) {
            JsonObject p = runPeer(projectRoot, python);
            if (p.has("error")) {
                peer = "not available: " + p.get("error").getAsString();
            } else {
                peerWrapped = p.get("wrappedStepsPerSec").getAsDouble();
                peerRaw = p.get("rawStepsPerSec").getAsDouble();
                peer = "gymnasium " + p.get("version").getAsString() + " (Python " + p.get("python").getAsString() + ")";
            }
        }
        return new Result(Stats.median(wrapped), Stats.median(raw), peerWrapped, peerRaw, peer, repeats, seconds);
    }

    @SuppressWarnings("unchecked")
    private static double measure(Env<?, ?> env, Integer[] actions, double seconds) {
        Env<Integer, Integer> e = (Env<Integer, Integer>) env;
        e.reset(0);
        long steps = 0;
        int mask = actions.length - 1;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long now;
        do {
            for (int i = 0; i < 10_000; i++) {
                Step<Integer> s = e.step(actions[(int) (steps++ & mask)]);
                if (s.terminated() || s.truncated()) {
                    e.reset();
                }
            }
            now = System.nanoTime();
        } while (now < deadline);
        return steps / ((now - start) / 1e9);
    }

    private JsonObject runPeer(Path root, String python) {
        Path script = root.resolve("bench/frozenlake_gym.py");
        JsonObject error = new JsonObject();
        if (!Files.isRegularFile(script)) {
            error.addProperty("error", "script " + script + " not found");
            return error;
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--seconds", String.valueOf(seconds),
                "--repeats", String.valueOf(repeats)));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                String last = err.isEmpty() ? out : err.substring(err.lastIndexOf('\n') + 1);
                error.addProperty("error", python + " exited with " + p.exitValue() + ": " + last
                        + " (install the peer with: python3 -m pip install gymnasium)");
                return error;
            }
            String line = out.substring(out.lastIndexOf('\n') + 1);
            return JsonParser.parseString(line).getAsJsonObject();
        } catch (IOException e) {
            error.addProperty("error", "cannot start " + python + ": " + e.getMessage());
            return error;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error.addProperty("error", "interrupted");
            return error;
        }
    }

    /** The result as a table of steps per second and ratios. */
    public static String format(Result r) {
        Table t = new Table("FrozenLake-v1 step", "Arcadia steps/s", "peer steps/s", "ratio");
        t.row("standard wrappers", String.format("%,.0f", r.wrapped()), fmt(r.peerWrapped()), ratio(r.wrapped(), r.peerWrapped()));
        t.row("raw env", String.format("%,.0f", r.raw()), fmt(r.peerRaw()), ratio(r.raw(), r.peerRaw()));
        return t + String.format("medians of %d repeats of %.1f s, single thread; peer: %s%n", r.repeats(), r.seconds(), r.peer());
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%,.0f", v);
    }

    private static String ratio(double ours, double peer) {
        return Double.isNaN(peer) ? "n/a" : String.format("%.0fx", ours / peer);
    }
}
