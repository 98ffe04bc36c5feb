package io.scalecast.core.fit;

import io.scalecast.core.law.OvertrainingLaw;
import java.util.Optional;

/**
 * The result of an over-training fit.
 *
 * @param law the fitted law
 * @param rmse the root mean square residual with n − 2 degrees of freedom, the recipe's selection criterion
 * @param ssr the sum of squared residuals, the objective minimised
 * @param covariance the parameters' linearised covariance; empty with as many models as parameters
 * @param diagnostics how the search went (starts count every start tried; unusable ones reached p >= 0)
 */
public record OvertrainingFit(OvertrainingLaw law, double rmse, double ssr, Optional<Covariance> covariance,
                              FitDiagnostics diagnostics) {

    /** Starts tried. */
    public int starts() {
        return diagnostics.starts();
    }
}
