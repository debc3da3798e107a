/**
 * The MinAtar games (Young and Tian, "MinAtar: An Atari-Inspired Testbed for Thorough and Reproducible Reinforcement
 * Learning Experiments", 2019) natively in Java, following MinAtar 1.0.15's source rule for rule:
 * {@link dev.arcadia.env.minatar.Asterix}, {@link dev.arcadia.env.minatar.Breakout},
 * {@link dev.arcadia.env.minatar.Freeway}, {@link dev.arcadia.env.minatar.Seaquest} and
 * {@link dev.arcadia.env.minatar.SpaceInvaders}, on the common base {@link dev.arcadia.env.minatar.MinAtarGame}
 * (sticky actions, action sets, the 10x10xC channel grid in MinAtar's HWC layout, snapshots, grid frames).
 * {@link dev.arcadia.env.minatar.MinAtarEnvs} registers them as {@code MinAtar/<Game>-v0} (six actions) and
 * {@code -v1} (minimal action set). Conformance tests replay trajectories recorded from MinAtar, random draws
 * included, and compare every frame.
 */
package dev.arcadia.env.minatar;
