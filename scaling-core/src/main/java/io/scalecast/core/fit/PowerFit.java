package io.scalecast.core.fit;

import io.scalecast.core.law.PowerLaw;

/**
 * The result of a one-axis power-law fit.
 *
 * @param law the fitted law
 * @param objective the summed Huber objective at the optimum
 * @param delta the Huber threshold
 * @param diagnostics how the search went
 */
public record PowerFit(PowerLaw law, double objective, double delta, FitDiagnostics diagnostics) {
}
