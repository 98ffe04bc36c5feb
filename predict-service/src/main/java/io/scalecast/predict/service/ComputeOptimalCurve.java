package io.scalecast.predict.service;

import io.scalecast.contracts.event.FittedLaw;
import java.util.List;

/**
 * The compute-optimal split across a log-spaced range of FLOP budgets, ready to plot: N* and D* against C with their
 * 95% bands, the loss there beside the frontier power law's, and the family's checkpoints at the compute they spent.
 *
 * @param family the family
 * @param law the law used
 * @param version the law's version
 * @param watermark the data the law was fitted on
 * @param frontierVersion the version of the family's power law on its compute frontier, or null without one
 * @param points one per budget, ascending in C
 * @param observed the family's points at C = 6ND (thinned for long families as the curve's are)
 */
public record ComputeOptimalCurve(String family, String law, long version, FittedLaw.Watermark watermark,
                                  Long frontierVersion, List<Budget> points, List<Spent> observed) {

    /**
     * The split of one budget; a bound is null when its law has no bootstrap draws, and the frontier's three are
     * null without a frontier law.
     *
     * @param flops C
     * @param params N*
     * @param paramsLower N*'s 95% lower end
     * @param paramsUpper N*'s 95% upper end
     * @param tokens D*
     * @param tokensLower D*'s 95% lower end
     * @param tokensUpper D*'s 95% upper end
     * @param loss the loss at (N*, D*)
     * @param lossLower its 95% lower end
     * @param lossUpper its 95% upper end
     * @param frontierLoss the loss at C by the power law on the family's compute frontier
     * @param frontierLower its 95% lower end
     * @param frontierUpper its 95% upper end
     */
    public record Budget(double flops, double params, Double paramsLower, Double paramsUpper, double tokens,
                         Double tokensLower, Double tokensUpper, double loss, Double lossLower, Double lossUpper,
                         Double frontierLoss, Double frontierLower, Double frontierUpper) {
    }

    /**
     * A checkpoint at the compute it spent.
     *
     * @param run the run
     * @param flops 6·N·D
     * @param params N
     * @param tokens D
     * @param loss the observed loss
     * @param fitted whether the fit used it
     */
    public record Spent(String run, double flops, double params, double tokens, double loss, boolean fitted) {
    }
}
