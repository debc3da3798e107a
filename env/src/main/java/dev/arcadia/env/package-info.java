/**
 * The environment API: {@link dev.arcadia.env.Env}, {@link dev.arcadia.env.Step}, the registry
 * ({@link dev.arcadia.env.Envs}, {@link dev.arcadia.env.EnvRegistry}) and the public
 * {@link dev.arcadia.env.EnvChecker}. It follows Gymnasium's contract: {@code reset(seed)} seeds the
 * environment's own random stream once, {@code step} returns observation, reward, terminated, truncated and info.
 * This module has no heavy dependency: an environment author needs nothing but the JDK.
 */
package dev.arcadia.env;
