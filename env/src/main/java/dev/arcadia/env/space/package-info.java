/**
 * Observation and action spaces: {@link dev.arcadia.env.space.Discrete} and {@link dev.arcadia.env.space.Box}.
 * A space checks membership and samples with a random generator passed as an argument, so there is no hidden
 * second seed anywhere.
 */
package dev.arcadia.env.space;
