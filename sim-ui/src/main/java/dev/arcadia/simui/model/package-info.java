/**
 * The viewer's logic, free of drawing: key maps, play sessions and their recordings (JSON lines), replays with
 * scrubbing, watching a checkpointed agent, and following a run's metrics. Tested without GL.
 */
package dev.arcadia.simui.model;
