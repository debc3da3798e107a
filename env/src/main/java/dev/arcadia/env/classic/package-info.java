/**
 * Classic-control environments with Gymnasium's exact dynamics: {@link dev.arcadia.env.classic.CartPole},
 * {@link dev.arcadia.env.classic.MountainCar}, {@link dev.arcadia.env.classic.Acrobot} and the continuous-action
 * {@link dev.arcadia.env.classic.Pendulum}. Their physics runs in
 * double precision in Gymnasium's order of operations and is checked against trajectories recorded from Gymnasium;
 * observations are float32 boxes and each environment renders to a vector {@link dev.arcadia.env.render.ShapesFrame}.
 */
package dev.arcadia.env.classic;
