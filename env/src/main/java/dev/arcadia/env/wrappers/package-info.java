/**
 * Wrappers that change one aspect of an environment: the bases {@link dev.arcadia.env.wrappers.Wrapper},
 * {@link dev.arcadia.env.wrappers.ObservationWrapper}, {@link dev.arcadia.env.wrappers.ActionWrapper} and
 * {@link dev.arcadia.env.wrappers.RewardWrapper}, and the standard stack the registry applies (passive checker,
 * time limit, order enforcing, episode statistics). Every wrapper snapshots its own counters with the inner state.
 */
package dev.arcadia.env.wrappers;
