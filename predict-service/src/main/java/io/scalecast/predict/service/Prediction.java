package io.scalecast.predict.service;

import io.scalecast.contracts.event.FittedLaw;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

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
 * @param reliability whether the data identify the law, with the warnings of its fit
 */
public record Prediction(String family, String law, long version, double params, double tokens, double flops,
                         double loss, Band interval, Extrapolation extrapolation, FittedLaw.Watermark watermark,
                         Reliability reliability) {

    /**
     * Whether an answer's law is identified by its data: the warnings fit-service published with it (too few model
     * sizes, a parameter at its bound, a collapsed bootstrap, a back-test worse than its baseline), each with its
     * advice.
     *
     * @param reliable whether the law's fit has no warning
     * @param runs the runs the law rests on
     * @param sizes the distinct model sizes among them (fewer than 3 do not identify the N term)
     * @param warnings the fit's warnings; empty when reliable
     */
    public record Reliability(boolean reliable, int runs, int sizes, List<String> warnings) {

        /** The reliability of answers from {@code law}. */
        public static Reliability of(FittedLaw law) {
            List<String> warnings = law.diagnostics() == null ? List.of() : law.diagnostics().warnings();
            return new Reliability(warnings.isEmpty(), law.watermark().runs(), law.watermark().sizes(), warnings);
        }
    }

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
     * @param backtestedParamsRatio how far in N the family's Hitchhiker back-test checked the law, or null without one
     * @param warning why the answer deserves less trust than its interval says, or null
     */
    public record Extrapolation(double paramsRatio, double tokensRatio, boolean beyondData,
                                Double backtestedParamsRatio, String warning) {

        /** A back-test error above this is flagged whatever the query. */
        public static final double HIGH_ARE = 0.10;

        /**
         * How far a query at (N, D) lies beyond the law's data, with a warning past the range its back-test covered.
         */
        public static Extrapolation of(FittedLaw law, double params, double tokens) {
            FittedLaw.Watermark w = law.watermark();
            double pr = params / w.maxParams();
            double tr = tokens / w.maxTokens();
            boolean beyond = pr > 1 || tr > 1;
            FittedLaw.Backtest b = law.backtest();
            Double checked = b == null ? null : b.paramsRatio();
            return new Extrapolation(pr, tr, beyond, checked, warning(b, pr, beyond));
        }

        private static String warning(FittedLaw.Backtest b, double paramsRatio, boolean beyond) {
            if (b != null && b.are() > HIGH_ARE) {
                return String.format(Locale.ROOT, "the law's back-test error is high (ARE %.1f%%)", 100 * b.are());
            }
            if (!beyond) {
                return null;
            }
            if (b == null) {
                return "beyond the data and not back-tested yet (the back-test needs 4 runs)";
            }
            if (paramsRatio > b.paramsRatio()) {
                return String.format(Locale.ROOT, "N is %sx the largest fitted model; the back-test checked the law"
                        + " only to %sx (ARE %.1f%%)", ratio(paramsRatio), ratio(b.paramsRatio()), 100 * b.are());
            }
            return null;
        }

        /** A ratio to 3 significant digits without trailing zeros, e.g. 5, 2.5, 1.33. */
        private static String ratio(double r) {
            return BigDecimal.valueOf(r).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
    }
}
