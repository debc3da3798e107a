/**
 * Matrix-multiply kernels: {@link dev.arcadia.nets.kernels.Gemm} sends each product to a blocked plain-Java kernel
 * or to OpenBLAS through ND4J by its shape (crossover measured and documented there), and
 * {@link dev.arcadia.nets.kernels.Nd4jSetup} loads ND4J, applies the thread count ({@code -Darcadia.threads},
 * default 1) and warns when OpenBLAS picked a slow kernel for this CPU.
 */
package dev.arcadia.nets.kernels;
