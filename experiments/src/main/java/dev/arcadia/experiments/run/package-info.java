/**
 * Running experiments: the training loop ({@link dev.arcadia.experiments.run.Runner}), named child seeds
 * ({@link dev.arcadia.experiments.run.Seeds}), run directories with metrics and provenance, progress display and
 * result tables.
 */
package dev.arcadia.experiments.run;
