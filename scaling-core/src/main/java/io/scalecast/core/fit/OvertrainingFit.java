package io.scalecast.core.fit;

import io.scalecast.core.law.OvertrainingLaw;
import java.util.Optional;

/**
 * The result of an over-training fit.
 *
 * @param law the fitted law
 * @param rmse the root mean square residual with n − 2 degrees of freedom, the recipe's selection criterion
 * @param starts starts tried
 * @param converged starts that converged within the evaluation budget
 * @param covariance the parameters' linearised covariance; empty with as many models as parameters
 */
public record OvertrainingFit(OvertrainingLaw law, double rmse, int starts, int converged,
                              Optional<Covariance> covariance) {
}
