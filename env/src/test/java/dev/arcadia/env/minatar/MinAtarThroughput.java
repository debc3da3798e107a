package dev.arcadia.env.minatar;

import dev.arcadia.env.Step;
import dev.arcadia.env.util.Rng;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Frames per second of the native MinAtar games, single-threaded, for the side-by-side with MinAtar-Python
 * ({@code bench/minatar_python.py}, which times the same loops). Not a test: run it after {@code mvn -pl env
 * test-compile} with
 *
 * <pre>
 * java -cp env/target/classes:env/target/test-classes dev.arcadia.env.minatar.MinAtarThroughput [frames|auto] [repeats] [games]
 * </pre>
 *
 * Per game (defaults: sticky actions 0.1, ramping on; uniformly random actions drawn up front; reset on
 * termination), three loops are timed {@code repeats} times (5): {@code act} ({@link MinAtarGame#act(int)} with
 * {@link MinAtarGame#newEpisode()}: MinAtar's {@code Environment.act}), {@code act+observeInto} (plus the observation
 * into a reused float array: MinAtar's {@code act} + {@code state()}) and {@code step} (the {@code Env} API: a fresh
 * observation and {@link Step} per frame, {@code reset()} on termination). Each loop first warms up for at least a
 * second and then times repeats of about a second each ({@code frames} = "auto", the default), or of a fixed number
 * of frames. Short repeats mislead for {@code step}: it allocates 400-4,000 bytes per frame, and repeats of 2M
 * Breakout frames (0.2 s) measured 3M-12M frames/s within one JVM while G1 was still sizing its young generation,
 * where 1 s repeats after a 1 s warm-up stayed within 9M-12M. Prints the medians and each loop's range as a table,
 * and the medians as JSON. {@code games} is a comma-separated subset of MinAtar's names (asterix, breakout, freeway,
 * seaquest, space_invaders); timing one game per JVM keeps the JIT's profile of the loops to that game alone (as
 * {@code bench/minatar_python.py} has no JIT to share).
 */
public final class MinAtarThroughput {

    private MinAtarThroughput() {
    }

    public static void main(String[] args) {
        int frames = args.length > 0 && !args[0].equals("auto") ? Integer.parseInt(args[0]) : 0;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<String, Supplier<MinAtarGame>> games = new LinkedHashMap<>();
        games.put("asterix", Asterix::new);
        games.put("breakout", Breakout::new);
        games.put("freeway", Freeway::new);
        games.put("seaquest", Seaquest::new);
        games.put("space_invaders", SpaceInvaders::new);
        int[] actions = new int[1 << 16];
        Rng rng = new Rng(0);
        for (int i = 0; i < actions.length; i++) {
            actions[i] = rng.nextInt(6);
        }
        StringBuilder json = new StringBuilder("{\n  \"implementation\": \"Arcadia (Java)\",\n  \"java\": \"")
                .append(System.getProperty("java.version")).append("\",\n  \"frames_per_repeat\": ").append(frames == 0 ? "\"about 1 s\"" : String.valueOf(frames))
                .append(",\n  \"repeats\": ").append(repeats).append(",\n  \"games\": {");
        String sep = "\n";
        List<String> only = args.length > 2 ? List.of(args[2].split(",")) : List.copyOf(games.keySet());
        for (String name : only) {
            if (!games.containsKey(name)) {
                throw new IllegalArgumentException("unknown game '" + name + "'; expected one of " + games.keySet());
            }
        }
        for (Map.Entry<String, Supplier<MinAtarGame>> e : games.entrySet()) {
            if (!only.contains(e.getKey())) {
                continue;
            }
            MinAtarGame env = e.getValue().get();
            env.reset(0);

            json.append(sep).append("    \"").append(e.getKey()).append("\": {");
            sep = ",\n";
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-15s", e.getKey()));
            String inner = "";
            for (String loop : List.of("act", "act+observeInto", "step")) {
                double rate = warmUp(env, loop, actions);
                int n = frames > 0 ? frames : (int) Math.min(Integer.MAX_VALUE, Math.max(100_000, rate));
                double[] rates = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    rates[r] = time(env, loop, actions, n);
                }
                double median = median(rates);
                double[] sorted = rates.clone();
                Arrays.sort(sorted);
                line.append(String.format(Locale.ROOT, "  %s %,12.0f/s (%.1fM-%.1fM)", loop, median, sorted[0] / 1e6,
                        sorted[sorted.length - 1] / 1e6));
                json.append(inner).append('"').append(loop).append("\": ").append(Math.round(median));
                inner = ", ";
            }
            json.append('}');
            System.out.println(line);
        }
        json.append("\n  }\n}");
        System.out.println(json);
    }

    /** Runs {@code loop} for at least a second (JIT, and G1 sizing its young generation); returns the last rate. */
    private static double warmUp(MinAtarGame env, String loop, int[] actions) {
        long start = System.nanoTime();
        double rate;
        do {
            rate = time(env, loop, actions, 200_000);
        } while (System.nanoTime() - start < 1_000_000_000L);
        return rate;
    }

    private static double time(MinAtarGame env, String loop, int[] actions, int frames) {
        int mask = actions.length - 1;
        long sink = 0;
        long start = System.nanoTime();
        switch (loop) {
            case "act" -> {
                for (int i = 0; i < frames; i++) {
                    sink += env.act(actions[i & mask]);
                    if (env.isTerminal()) {
                        env.newEpisode();
                    }
                }
            }
            case "act+observeInto" -> {
                float[] obs = new float[100 * env.channelCount()];
                for (int i = 0; i < frames; i++) {
                    sink += env.act(actions[i & mask]);
                    env.observeInto(obs);
                    sink += (long) obs[i % obs.length];
                    if (env.isTerminal()) {
                        env.newEpisode();
                    }
                }
            }
            default -> {
                for (int i = 0; i < frames; i++) {
                    Step<float[]> s = env.step(actions[i & mask]);
                    sink += s.observation().length;
                    if (s.terminated()) {
                        env.reset();
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink == Long.MIN_VALUE) {
            System.out.println(sink); // keeps the loop's results alive
        }
        return frames / seconds;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
