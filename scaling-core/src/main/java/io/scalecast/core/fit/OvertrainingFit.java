package io.scalecast.core.fit;

import io.scalecast.core.law.OvertrainingLaw;

/**
 * The result of an over-training fit.
 *
 * @param law the fitted law
 * @param rmse the root mean square residual with n − 2 degrees of freedom, the recipe's selection criterion
 * @param starts starts tried
 * @param converged starts that converged within the evaluation budget
 */
public record OvertrainingFit(OvertrainingLaw law, double rmse, int starts, int converged) {
}
