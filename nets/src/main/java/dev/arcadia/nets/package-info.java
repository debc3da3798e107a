/**
 * The neural core shared by the learning agents and the plugin networks (tensors, layers, losses, optimizers on
 * ND4J with a plain-Java path for small networks). The module exists so that the build and the one-way module
 * dependencies are in place; its contents arrive with the neural-core issue.
 */
package dev.arcadia.nets;
