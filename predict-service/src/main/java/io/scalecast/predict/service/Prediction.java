package io.scalecast.predict.service;

import io.scalecast.core.event.FittedLaw;

/**
 * A loss prediction with the 95% interval of the law's parameter uncertainty.
 *
 * @param family the family
 * @param law the law used
 * @param version the law's version
 * @param params the queried N
 * @param tokens the queried D
 * @param flops 6·N·D
 * @param loss the predicted loss
 * @param interval the loss's 95% interval over the law's bootstrap draws, or null when the law has none
 * @param extrapolation how far the query lies beyond the fitted data
 * @param watermark the data the law was fitted on
 */
public record Prediction(String family, String law, long version, double params, double tokens, double flops,
                         double loss, Band interval, Extrapolation extrapolation, FittedLaw.Watermark watermark) {

    /**
     * An interval of a predicted quantity.
     *
     * @param lower the lower end
     * @param upper the upper end
     * @param level the coverage, 0.95
     * @param kind what the interval covers
     */
    public record Band(double lower, double upper, double level, String kind) {

        /** The kind of interval the run bootstrap gives: the law's uncertainty, not the noise of one run. */
        public static final String PARAMETER_UNCERTAINTY =
                "parameter uncertainty (run-level bootstrap of the law; excludes run-to-run noise)";
    }


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
