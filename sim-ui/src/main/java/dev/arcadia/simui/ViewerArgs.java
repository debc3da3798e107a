package dev.arcadia.simui;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The viewer's command line, parsed into a {@link Launch}. */
public final class ViewerArgs {

    public static final String USAGE = String.join("\n",
            "usage: view [home] [--runs DIR] [--recordings DIR]",
            "       view play ENV_ID [--seed N] [--option NAME=VALUE]... [--record-dir DIR | --no-record]",
            "       view replay FILE|DIR",
            "       view watch RUN_DIR [--seed I] [--episode N | --step N]",
            "       view live RUN_DIR",
            "",
            "  home    a menu of environments, runs (runs/) and recordings (recordings/)",
            "  play    play an environment with the keyboard; each episode is recorded to recordings/ (JSON lines)",
            "  replay  replay a recorded episode, scrubbing forward and back; [ and ] browse the others next to it",
            "          (DIR: a run directory's evaluation episodes, or any folder of recordings)",
            "  watch   watch the agent of a run's latest checkpoint (seed I, default 0) with its Q-values or",
            "          action probabilities (--step N picks a policy-gradient run's checkpoint step-N)",
            "  live    follow a running experiment: learning curves from metrics.jsonl, and episodes played by",
            "          its newest checkpoint",
            "",
            "Option values are JSON where they parse (true, 0.5, [1, 0, 0]) and strings otherwise (--option map_name=8x8).");

    /** A usage error; the message says what is wrong. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /** Whether the arguments ask for help. */
    public static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("help")) {
                return true;
            }
        }
        return false;
    }

    private ViewerArgs() {
    }

    public static Launch parse(String... argv) throws UsageException {
        List<String> args = new ArrayList<>(List.of(argv));
        if (!args.isEmpty() && args.get(0).equals("view")) {
            args.remove(0);
        }
        String command = args.isEmpty() || args.get(0).startsWith("--") ? "home" : args.remove(0);
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, Object> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--no-record")) {
                flags.put(a, "true");
            } else if (a.startsWith("--")) {
                String name = a;
                String value;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                } else {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(a + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (name.equals("--option")) {
                    int e = value.indexOf('=');
                    if (e <= 0) {
                        throw new UsageException("--option expects NAME=VALUE, got '" + value + "'");
                    }
                    options.put(value.substring(0, e), optionValue(value.substring(e + 1)));
                } else {
                    flags.put(name, value);
                }
            } else {
                positional.add(a);
            }
        }
        Launch launch = switch (command) {
            case "home" -> {
                allow(command, flags, "--runs", "--recordings");
                expect(command, positional, 0, "");
                yield new Launch.Home(Path.of(flags.getOrDefault("--runs", "runs")),
                        Path.of(flags.getOrDefault("--recordings", "recordings")));
            }
            case "play" -> {
                allow(command, flags, "--seed", "--record-dir", "--no-record");
                expect(command, positional, 1, "ENV_ID");
                long seed = flags.containsKey("--seed") ? longFlag(flags, "--seed")
                        : System.currentTimeMillis() % 1_000_000;
                Path record = flags.containsKey("--no-record") ? null
                        : Path.of(flags.getOrDefault("--record-dir", "recordings"));
                yield new Launch.Play(positional.get(0), options, seed, record);
            }
            case "replay" -> {
                allow(command, flags);
                expect(command, positional, 1, "FILE|DIR");
                yield new Launch.Replay(Path.of(positional.get(0)));
            }
            case "watch" -> {
                allow(command, flags, "--seed", "--episode", "--step");
                expect(command, positional, 1, "RUN_DIR");
                if (flags.containsKey("--episode") && flags.containsKey("--step")) {
                    throw new UsageException("watch takes --episode N (checkpoints episode-N) or --step N (checkpoints "
                            + "step-N of policy-gradient runs), not both");
                }
                int seed = flags.containsKey("--seed") ? (int) longFlag(flags, "--seed") : 0;
                String at = flags.containsKey("--step") ? "--step" : "--episode";
                OptionalLong checkpoint = flags.containsKey(at) ? OptionalLong.of(longFlag(flags, at)) : OptionalLong.empty();
                yield new Launch.Watch(Path.of(positional.get(0)), seed, checkpoint);
            }
            case "live" -> {
                allow(command, flags);
                expect(command, positional, 1, "RUN_DIR");
                yield new Launch.Live(Path.of(positional.get(0)));
            }
            default -> throw new UsageException("unknown command '" + command
                    + "'; expected home, play, replay, watch or live");
        };
        if (!options.isEmpty() && !command.equals("play")) {
            throw new UsageException("--option applies to play only");
        }
        return launch;
    }

    private static void allow(String command, Map<String, String> flags, String... allowed) throws UsageException {
        for (String f : flags.keySet()) {
            if (!List.of(allowed).contains(f)) {
                throw new UsageException("unknown option " + f + " for " + command
                        + (allowed.length == 0 ? " (it takes none)" : "; expected " + String.join(", ", allowed)));
            }
        }
    }

    private static void expect(String command, List<String> positional, int n, String what) throws UsageException {
        if (positional.size() != n) {
            throw new UsageException(command + " expects " + (n == 0 ? "no arguments" : what) + ", got "
                    + (positional.isEmpty() ? "none" : String.join(" ", positional)));
        }
    }

    private static long longFlag(Map<String, String> flags, String name) throws UsageException {
        try {
            return Long.parseLong(flags.get(name));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " expects an integer, got '" + flags.get(name) + "'");
        }
    }

    /** JSON where it parses (numbers as Double, arrays as List), the raw string otherwise. */
    static Object optionValue(String text) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (e.isJsonPrimitive() || e.isJsonArray()) {
                Object v = new Gson().fromJson(e, Object.class);
                if (v instanceof String && !text.trim().startsWith("\"")) {
                    return text; // Gson's lenient parsing turns bare words into strings: keep the text as typed
                }
                return v;
            }
        } catch (JsonParseException e) {
            // not JSON: a plain string
        }
        return text;
    }
}
