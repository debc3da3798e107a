package dev.arcadia.env.vector;

/**
 * A copy of a {@link VectorEnv} failed during a call; the message names the copy, the call and the thread it ran on,
 * the cause is what the copy threw, and failures of further copies in the same call are suppressed exceptions.
 */
public final class VectorEnvException extends RuntimeException {

    private final int copy;

    VectorEnvException(int copy, String message, Throwable cause) {
        super(message, cause);
        this.copy = copy;
    }

    /** The index of the copy that failed. */
    public int copy() {
        return copy;
    }
}
