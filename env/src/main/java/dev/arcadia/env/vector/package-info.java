/**
 * Vectorized environments: N copies of an environment with {@code float[]} observations stepped together, results
 * in preallocated batch buffers, Stable-Baselines3-style same-step autoreset and Gymnasium's {@code seed + i}
 * seeding. {@link dev.arcadia.env.vector.VectorEnv} is the API (its comment defines the semantics);
 * {@link dev.arcadia.env.vector.SyncVectorEnv} steps the copies on the calling thread,
 * {@link dev.arcadia.env.vector.ThreadedVectorEnv} on a fixed pool of threads with results independent of the
 * thread count.
 */
package dev.arcadia.env.vector;
