/** Learning-curve plots (PNG, via XChart) with the mean and spread across seeds. */
package dev.arcadia.experiments.plot;
