/**
 * Experiment configs as data: {@link dev.arcadia.experiments.config.ExperimentConfig} and the strict
 * {@link dev.arcadia.experiments.config.ConfigBinder}, which rejects unknown keys with the JSON path and the closest
 * valid key and wrong values with the actual and the expected value.
 */
package dev.arcadia.experiments.config;
