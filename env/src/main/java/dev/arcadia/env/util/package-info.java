/**
 * Small shared helpers of the environment module: the snapshot-friendly random generator {@link dev.arcadia.env.util.Rng},
 * byte-level state encoding for snapshots, and name suggestions for error messages.
 */
package dev.arcadia.env.util;
