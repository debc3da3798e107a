/**
 * DQN throughput against RL4J and a CleanRL-style PyTorch DQN ({@link dev.arcadia.benchrl4j.DqnThroughput}), and the
 * time of one DQN update on MinAtar's network against the same network in DL4J
 * ({@link dev.arcadia.benchrl4j.MinAtarUpdateBench}).
 */
package dev.arcadia.benchrl4j;
