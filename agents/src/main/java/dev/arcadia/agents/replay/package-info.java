/**
 * Experience replay (Lin 1992; Mnih et al. 2013): a preallocated ring buffer over primitive arrays with uniform or
 * prioritized (Schaul et al. 2016, proportional, sum-tree) sampling into reusable batch arrays, so sampling
 * allocates nothing.
 */
package dev.arcadia.agents.replay;
