/**
 * Value-based deep agents: the seed notes' online Q-network ({@link dev.arcadia.agents.dqn.QNetworkAgent}) and DQN
 * ({@link dev.arcadia.agents.dqn.Dqn}) with its switches: experience replay, target networks (hard or Polyak),
 * Double DQN, dueling heads, n-step returns, prioritized replay, Huber or MSE loss and gradient clipping.
 */
package dev.arcadia.agents.dqn;
