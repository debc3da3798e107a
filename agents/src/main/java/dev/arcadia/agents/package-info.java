/**
 * The agent API: a {@link dev.arcadia.agents.Policy} maps observations to actions (the one inference call used by
 * evaluation, the viewer and human-vs-agent play); an {@link dev.arcadia.agents.Agent} also learns from
 * {@link dev.arcadia.agents.Transition}s and saves and loads its state.
 */
package dev.arcadia.agents;
