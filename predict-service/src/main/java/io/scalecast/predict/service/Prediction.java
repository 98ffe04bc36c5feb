package io.scalecast.predict.service;

import io.scalecast.core.event.FittedLaw;

/**
 * A loss prediction. Intervals come with the bootstrap fits; until then the answer is the point estimate.
 *
 * @param family the family
 * @param law the law used
 * @param version the law's version
 * @param params the queried N
 * @param tokens the queried D
 * @param flops 6·N·D
 * @param loss the predicted loss
 * @param extrapolation how far the query lies beyond the fitted data
 * @param watermark the data the law was fitted on
 */
public record Prediction(String family, String law, long version, double params, double tokens, double flops,
                         double loss, Extrapolation extrapolation, FittedLaw.Watermark watermark) {

    /**
     * How far a query extrapolates.
     *
     * @param paramsRatio queried N over the largest fitted N
     * @param tokensRatio queried D over the largest fitted D
     * @param beyondData whether either ratio exceeds 1
     */
    public record Extrapolation(double paramsRatio, double tokensRatio, boolean beyondData) {
    }
}
