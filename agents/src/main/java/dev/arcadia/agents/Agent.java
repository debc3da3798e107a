package dev.arcadia.agents;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A policy that learns. The training loop calls {@link #act} with {@link Mode#TRAIN}, steps the environment, then
 * calls {@link #observe} with the transition; the agent decides when and how to update.
 */
public interface Agent<O, A> extends Policy<O, A> {

    /** Learns from one step of experience. */
    void observe(Transition<O, A> transition);

    /** Writes everything needed to continue exactly (values, counters, random state), atomically. */
    void save(Path file) throws IOException;

    /**
     * Reads a file written by {@link #save} of the same kind of agent and shape.
     *
     * @throws IOException if the file is missing, corrupt or of another agent or shape (the message says which)
     */
    void load(Path file) throws IOException;

    /**
     * Loads what acting needs (the policy or Q-function) from what {@link #save} wrote, for watching an agent rather
     * than training it on; an agent may skip the rest (a replay buffer). By default the same as {@link #load}.
     */
    default void loadPolicy(Path file) throws IOException {
        load(file);
    }
}
