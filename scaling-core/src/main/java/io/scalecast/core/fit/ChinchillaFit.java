package io.scalecast.core.fit;

import io.scalecast.core.law.ChinchillaLaw;
import java.util.List;
import java.util.Map;

/**
 * The result of a Chinchilla fit.
 *
 * @param law the fitted law
 * @param objective the summed Huber objective at the optimum
 * @param delta the Huber threshold used
 * @param pinned parameters held fixed, by name; empty when all five were fitted
 * @param form the constraint: {@code full}, {@code pinned}, or the reduced form {@code tied-exponents}
 * @param freeParameters number of parameters the fit estimated
 * @param priors Gaussian priors on parameters (soft borrowing); the objective includes their penalty
 * @param diagnostics how the search went
 * @param nearBest the laws of the converged starts whose objective is within {@link ChinchillaFitter#VALLEY} of the
 *     best, best first: when they disagree away from the data, the objective has a flat valley there
 */
public record ChinchillaFit(ChinchillaLaw law, double objective, double delta, Map<String, Double> pinned,
                            String form, int freeParameters, List<ChinchillaPins.Prior> priors,
                            FitDiagnostics diagnostics, List<ChinchillaLaw> nearBest) {

    public ChinchillaFit {
        nearBest = List.copyOf(nearBest);
    }
}
