/**
 * Reproductions of published tables: each prints ours beside the reported figure and writes the shared
 * machine-readable form {@code {"name", "rows": [{"row", "reference", "measured", "spread", "target", "unit",
 * "pass", ...}]}}.
 */
package dev.arcadia.experiments.reproduce;
