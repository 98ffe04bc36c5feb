package io.scalecast.core.fit;

import io.scalecast.core.law.ErrorLaw;
import java.util.Optional;

/**
 * The result of a loss-to-error fit.
 *
 * @param law the fitted law
 * @param rmse the root mean square residual in error units
 * @param covariance the parameters' linearised covariance; empty with as many models as parameters
 */
public record ErrorFit(ErrorLaw law, double rmse, Optional<Covariance> covariance) {
}
