/**
 * Policy-gradient agents trained on vectorized environments: {@link dev.arcadia.agents.pg.Reinforce} (Monte-Carlo
 * returns, optional learned baseline), {@link dev.arcadia.agents.pg.A2c} (n-step, GAE, one synchronous update per
 * rollout) and {@link dev.arcadia.agents.pg.Ppo} (clipped surrogate, minibatch epochs). They share the actor and
 * critic networks with their categorical or diagonal-Gaussian action distribution
 * ({@link dev.arcadia.agents.pg.ActorCritic}), the preallocated rollout and the advantage estimators
 * ({@link dev.arcadia.agents.pg.Gae}); each algorithm's own file holds its config and its update.
 */
package dev.arcadia.agents.pg;
