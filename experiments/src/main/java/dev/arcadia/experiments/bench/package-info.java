/**
 * End-to-end benchmarks that measure Arcadia beside a peer in the same run (Gymnasium through a Python script where
 * it is installed) and report ratios of medians, never an absolute time alone.
 */
package dev.arcadia.experiments.bench;
