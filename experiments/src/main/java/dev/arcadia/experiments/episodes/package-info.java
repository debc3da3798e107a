/**
 * Recorded episodes: the {@code arcadia-episode} JSON-lines format (environment id, options, reset seed, actions,
 * and the rewards and end flags seen), written by the viewer's play screen and by runs (their evaluation episodes,
 * under {@code RUN_DIR/episodes/}), and replayed by the viewer.
 */
package dev.arcadia.experiments.episodes;
