/**
 * Tabular agents on discrete states and actions, as the seed notes develop them: Q-learning (from the "dummy"
 * {@code Q(s,a) = r + max Q(s',a')} through exploration and discounting to the learning-rate update for slippery
 * lakes), SARSA and expected SARSA. They share the Q-table, exploration and file format in
 * {@link dev.arcadia.agents.tabular.TabularAgent}; each algorithm file holds only its target.
 */
package dev.arcadia.agents.tabular;
