package dev.arcadia.env;

/**
 * An environment whose complete state (including its random stream and any wrapper counters) can be saved and
 * restored. A snapshot is an opaque byte array: it can be kept in memory for planning or written into a checkpoint.
 */
public interface Snapshotable {

    /** The whole state as bytes; restoring it makes the environment continue exactly as from this point. */
    byte[] snapshot();

    /**
     * Restores a state taken by {@link #snapshot()} on an environment of the same kind and configuration.
     *
     * @throws IllegalArgumentException if the bytes are not such a snapshot (with what was found and expected)
     */
    void restore(byte[] snapshot);
}
