/**
 * Layers with explicit forward and backward passes: dense, activations, softmax, convolutions, pooling,
 * normalisation, dropout, embeddings, recurrent layers and attention. Each passes a finite-difference gradient check.
 */
package dev.arcadia.nets.layers;
