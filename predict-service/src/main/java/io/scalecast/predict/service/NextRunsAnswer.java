package io.scalecast.predict.service;

import io.scalecast.core.plan.Plan;
import java.util.List;

/**
 * Which runs to train next for a target: candidate runs ranked by how much each is expected to narrow the target
 * prediction's 95% interval per FLOP.
 *
 * @param family the family
 * @param law the law planned with
 * @param version the law's version
 * @param target the prediction the runs should make surer
 * @param runShape how a candidate is assumed to be logged and fitted
 * @param considered how many candidates were ranked (after the budget)
 * @param budget the most FLOPs one candidate may cost, or null
 * @param candidates the best {@code limit} candidates, most shrink per FLOP first
 * @param checkRun the run to train before betting on a width that meets the lab's goal, with where its final loss
 *     should land
 * @param assumptions what the expected widths rest on
 */
public record NextRunsAnswer(String family, String law, long version, Target target, RunShape runShape,
                             int considered, Double budget, List<Plan.Listed> candidates, Plan.CheckRun checkRun,
                             List<String> assumptions) {

    /**
     * The target.
     *
     * @param params N
     * @param tokens D
     * @param flops 6ND
     * @param loss the law's loss there
     * @param width the 95% interval's width now by the linearised covariance; null when the data leave a parameter
     *     free (then candidates that identify every parameter rank first)
     * @param interval the published bootstrap draws' 95% interval there, for comparison; null without draws
     */
    public record Target(double params, double tokens, double flops, double loss, Double width,
                         Prediction.Band interval) {
    }

    /**
     * How a candidate run is assumed to be fitted, as the family's runs are.
     *
     * @param checkpoints fitted checkpoints per run
     * @param firstShare the first fitted checkpoint's share of the run's tokens
     */
    public record RunShape(int checkpoints, double firstShare) {
    }
}
