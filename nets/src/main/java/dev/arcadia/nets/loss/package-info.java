/** Losses with their gradients: MSE, Huber, softmax cross-entropy and binary cross-entropy on logits. */
package dev.arcadia.nets.loss;
