/** JMH benchmarks of the neural core against ND4J INDArray ops, DL4J and PyTorch. */
package dev.arcadia.bench;
