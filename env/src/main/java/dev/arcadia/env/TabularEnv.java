package dev.arcadia.env;

/** An environment with finitely many states and actions whose full model is known, for planning and exact evaluation. */
public interface TabularEnv {

    /** The environment's exact transition model. */
    TransitionTable transitionTable();
}
