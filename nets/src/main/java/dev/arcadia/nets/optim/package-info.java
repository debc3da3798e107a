/**
 * Optimizers bound to a network's {@link dev.arcadia.nets.Params}: SGD with momentum or Nesterov momentum, Adam,
 * RMSProp and centred RMSProp. Their state is preallocated and exposed as named tensors so checkpoints can save it.
 */
package dev.arcadia.nets.optim;
