package dev.arcadia.experiments.config;

/** A configuration error, located by its JSON path (for example {@code $.agent.alpha}). */
public final class ConfigException extends RuntimeException {

    private final String path;

    public ConfigException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    /** Where in the JSON document the problem is. */
    public String path() {
        return path;
    }
}
