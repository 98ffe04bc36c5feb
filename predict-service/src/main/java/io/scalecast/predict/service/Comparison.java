package io.scalecast.predict.service;

/**
 * Whether two families' laws (or two versions of one family's law) differ at a target: the loss difference over
 * paired bootstrap draws, a test of equal exponents, the call in words and, for a benchmark, the difference in
 * predicted error.
 *
 * @param law the law kind compared
 * @param params the target's N
 * @param tokens the target's D
 * @param flops 6ND
 * @param first the baseline family (the first named)
 * @param second the other family
 * @param difference the second's loss minus the first's
 * @param interval its 95% interval over paired draws
 * @param differenceP the two-sided bootstrap p-value of a zero difference
 * @param exponentsChiSquare the Wald statistic of equal (α, β), χ² with 2 degrees of freedom under equality
 * @param exponentsP its p-value
 * @param crossoverParams the N (at the target's tokens per parameter) from which the law lower at the target stays
 *     lower up to it; null when it is lower from 1e6 on
 * @param untilParams the N beyond the target where the laws cross again; null when they do not within 10⁴ times it
 * @param draws paired draws used
 * @param verdict first-better, second-better, exponents-differ or cannot-tell
 * @param answer the call in words
 * @param note what the draws' dependence means for the call; null for two families (independent fits)
 * @param downstream the benchmark's error difference; null without {@code benchmark}
 */
public record Comparison(String law, double params, double tokens, double flops, Side first, Side second,
                         double difference, Prediction.Band interval, double differenceP, double exponentsChiSquare,
                         double exponentsP, Double crossoverParams, Double untilParams, int draws, String verdict,
                         String answer, String note, Downstream downstream) {

    /** The kind of the difference's interval. */
    public static final String PAIRED = "parameter uncertainty of both laws (paired run-level bootstrap draws of two"
            + " independent fits)";

    /**
     * One family's side.
     *
     * @param family the family
     * @param version its law's version
     * @param loss the law's loss at the target
     * @param alpha its α
     * @param beta its β
     */
    public record Side(String family, long version, double loss, double alpha, double beta) {
    }

    /**
     * A benchmark's predicted error on both sides: each family's loss law chained through its own map.
     *
     * @param benchmark the benchmark
     * @param errorFirst the first family's predicted error at the target
     * @param errorSecond the second's
     * @param mapVersionFirst the first family's map version
     * @param mapVersionSecond the second's
     * @param difference errorSecond minus errorFirst
     * @param interval its 95% interval over paired draws of both laws and both maps
     * @param p the two-sided bootstrap p-value of a zero difference
     * @param draws paired draws used
     * @param answer the call in words
     */
    public record Downstream(String benchmark, double errorFirst, double errorSecond, long mapVersionFirst,
                             long mapVersionSecond, double difference, Prediction.Band interval, double p, int draws,
                             String answer) {
    }
}
