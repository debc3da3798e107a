/** DQN throughput against RL4J and a CleanRL-style PyTorch DQN. */
package dev.arcadia.benchrl4j;
