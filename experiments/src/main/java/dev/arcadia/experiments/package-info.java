/**
 * The headless experiment runner: JSON configs bound strictly, master and child seeds, run directories with
 * metrics, reproductions of published tables and benchmarks against peers. The {@code arcadia} command line lives
 * in {@link dev.arcadia.experiments.cli}.
 */
package dev.arcadia.experiments;
