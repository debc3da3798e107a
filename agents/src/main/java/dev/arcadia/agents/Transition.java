package dev.arcadia.agents;

/**
 * One step of experience. Bootstrap from {@code nextObservation} unless {@code terminated}; a {@code truncated}
 * step (time limit) still bootstraps.
 */
public record Transition<O, A>(O observation, A action, double reward, O nextObservation, boolean terminated,
                               boolean truncated) {

    /** True when the episode ended with this step, either way. */
    public boolean done() {
        return terminated || truncated;
    }
}
