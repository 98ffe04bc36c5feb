package io.scalecast.predict.service;

import io.scalecast.contracts.event.FittedLaw;

/**
 * The loss-minimising split of a FLOP budget.
 *
 * @param family the family
 * @param law the law used
 * @param version the law's version
 * @param flops the budget C
 * @param params N*
 * @param tokens D*
 * @param tokensPerParam D* divided by N*
 * @param loss the loss at (N*, D*)
 * @param paramsExponent a_c in N* ∝ C^a_c
 * @param tokensExponent b_c in D* ∝ C^b_c
 * @param paramsInterval the 95% interval of N*, or null without bootstrap draws
 * @param tokensInterval the 95% interval of D*, or null without bootstrap draws
 * @param lossInterval the 95% interval of the loss at the optimum, or null without bootstrap draws
 * @param extrapolation how far (N*, D*) lies beyond the fitted data, with a warning past the back-tested range
 * @param watermark the data the law was fitted on
 * @param frontier the loss at C by the family's power law on its compute frontier, a second opinion with its own
 *     interval; null when the family has no such law
 * @param reliability whether the data identify the law, with the warnings of its fit
 */
public record ComputeOptimal(String family, String law, long version, double flops, double params, double tokens,
                             double tokensPerParam, double loss, double paramsExponent, double tokensExponent,
                             Prediction.Band paramsInterval, Prediction.Band tokensInterval,
                             Prediction.Band lossInterval, Prediction.Extrapolation extrapolation,
                             FittedLaw.Watermark watermark, Frontier frontier, Prediction.Reliability reliability) {

    /**
     * The loss at a FLOP budget by the power law in compute, L(C) = E + A·C^−α, fitted to the family's
     * compute-efficient frontier.
     *
     * @param law the law kind, power-compute
     * @param version its version
     * @param loss the loss at C
     * @param interval its 95% interval over the law's bootstrap draws, or null without draws
     * @param backtestAre the law's back-test error on the largest model's frontier points, or null without one
     */
    public record Frontier(String law, long version, double loss, Prediction.Band interval, Double backtestAre) {
    }
}
