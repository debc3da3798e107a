/** The {@code arcadia} command line (picocli): run, reproduce, bench, envs, configs, check. */
package dev.arcadia.experiments.cli;
