package io.scalecast.core.fit;

import io.scalecast.core.law.ChinchillaLaw;

/**
 * The result of a Chinchilla fit.
 *
 * @param law the fitted law
 * @param objective the summed Huber objective at the optimum
 * @param delta the Huber threshold used
 * @param diagnostics how the search went
 */
public record ChinchillaFit(ChinchillaLaw law, double objective, double delta, FitDiagnostics diagnostics) {
}
