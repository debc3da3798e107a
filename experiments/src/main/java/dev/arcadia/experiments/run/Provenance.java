package dev.arcadia.experiments.run;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Where a run came from: Arcadia's version and commit, the JVM, the OS and the seeds. */
public final class Provenance {

    private Provenance() {
    }

    public static JsonObject of(long masterSeed, int seeds, String commandLine) {
        JsonObject p = new JsonObject();
        String version = Provenance.class.getPackage().getImplementationVersion();
        p.addProperty("arcadiaVersion", version != null ? version : "development build");
        p.addProperty("commit", gitCommit(Path.of("").toAbsolutePath()));
        p.addProperty("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        p.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        p.addProperty("cpus", Runtime.getRuntime().availableProcessors());
        p.addProperty("backend", "plain Java (tabular)");
        p.addProperty("command", commandLine);
        p.addProperty("started", Instant.now().toString());
        p.addProperty("masterSeed", masterSeed);
        p.add("seeds", RunDirectory.seedTable(masterSeed, seeds));
        return p;
    }

    /** The commit checked out in the nearest enclosing git work tree, or "unknown". */
    static String gitCommit(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.isDirectory(git)) {
                try {
                    String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).trim();
                    if (!head.startsWith("ref: ")) {
                        return head;
                    }
                    String ref = head.substring(5);
                    Path refFile = git.resolve(ref);
                    if (Files.exists(refFile)) {
                        return Files.readString(refFile, StandardCharsets.UTF_8).trim();
                    }
                    Path packed = git.resolve("packed-refs");
                    if (Files.exists(packed)) {
                        for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                            if (line.endsWith(" " + ref)) {
                                return line.substring(0, line.indexOf(' '));
                            }
                        }
                    }
                    return "unknown (" + ref + " has no commit)";
                } catch (IOException e) {
                    return "unknown (" + e.getMessage() + ")";
                }
            }
        }
        return "unknown (not in a git work tree)";
    }
}
