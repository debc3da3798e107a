/**
 * Toy-text environments with Gymnasium's exact semantics: {@link dev.arcadia.env.toytext.FrozenLake} and its maps.
 * They are small finite MDPs that expose their transition table for planning and exact evaluation.
 */
package dev.arcadia.env.toytext;
