/**
 * The neural core shared by the learning agents and the plugin networks: a compact row-major
 * {@link dev.arcadia.nets.Tensor}, layers with explicit forward and backward passes
 * ({@link dev.arcadia.nets.Layer}), their parameters ({@link dev.arcadia.nets.Params}), losses, optimizers,
 * initializers, parameter files and a public finite-difference {@link dev.arcadia.nets.GradientCheck}. Matrix
 * products go to a plain-Java kernel or to ND4J (OpenBLAS) by size ({@link dev.arcadia.nets.kernels}).
 */
package dev.arcadia.nets;
