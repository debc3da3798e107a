package dev.arcadia.experiments.episodes;

/** An episode file that cannot be replayed; the message names the file, the line and the problem. */
public final class EpisodeFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public EpisodeFileException(String message) {
        super(message);
    }
}
