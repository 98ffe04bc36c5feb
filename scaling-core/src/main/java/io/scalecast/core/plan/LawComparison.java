package io.scalecast.core.plan;

import io.scalecast.core.fit.Interval;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Whether two families' laws differ at a target, from their bootstrap draws: the loss difference with its interval
 * over paired draws, a Wald test of equal exponents (α, β) on the draws' covariance, and a verdict in words, each test
 * at half the 5% level so that two equal laws are called different at most 5% of the time.
 */
public final class LawComparison {

    /** The level of the reported interval of the difference. */
    public static final double LEVEL = 0.95;
    /** Each of the two tests' level: Bonferroni's half of 5%. */
    public static final double TEST_LEVEL = 0.025;
    /** Fewest paired draws a comparison needs. */
    public static final int MIN_DRAWS = 20;
    /** How far the crossover search looks: from this N up to this factor times the target's N. */
    static final double SMALLEST_N = 1e6;
    static final double BEYOND_TARGET = 1e4;

    /** What a comparison calls. */
    public enum Verdict {
        /** The first law has the lower loss at the target. */
        FIRST_BETTER,
        /** The second law has the lower loss at the target. */
        SECOND_BETTER,
        /** The losses at the target cannot be told apart, but the exponents differ: they will part further out. */
        EXPONENTS_DIFFER,
        /** Neither test rejects: the data cannot tell the laws apart. */
        CANNOT_TELL;

        /** The verdict as the REST answer and the CLI spell it, e.g. {@code cannot-tell}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A comparison at a target.
     *
     * @param lossFirst the first law's loss at the target
     * @param lossSecond the second law's
     * @param difference the second's loss minus the first's
     * @param interval the difference's 95% interval over paired draws
     * @param differenceP the two-sided bootstrap p-value of a zero difference
     * @param exponentsFirst the first law's (α, β)
     * @param exponentsSecond the second law's (α, β)
     * @param exponentsChiSquare the Wald statistic of equal (α, β), χ² with 2 degrees of freedom under equality
     * @param exponentsP its p-value
     * @param crossoverParams the N (at the target's tokens per parameter) past which the law better at the target
     *     stays better up to the target, or null when it is better from 1e6 on
     * @param untilParams the N beyond the target where the laws cross again, or null when they do not within 10⁴
     *     times the target's N
     * @param draws paired draws used
     * @param verdict the call
     * @param words the call in words
     */
    public record Result(double lossFirst, double lossSecond, double difference, Interval interval, double differenceP,
                         double[] exponentsFirst, double[] exponentsSecond, double exponentsChiSquare,
                         double exponentsP, Double crossoverParams, Double untilParams, int draws, Verdict verdict,
                         String words) {
    }

    /**
     * The difference of a quantity between two independent fits over paired draws (second minus first).
     *
     * @param interval its 95% interval
     * @param p the two-sided bootstrap p-value of a zero difference
     * @param draws the pairs with a finite value on both sides
     */
    public record Paired(Interval interval, double p, int draws) {

        /** Pairs the i-th draw of {@code first} with the i-th of {@code second}; null when no pair is finite. */
        public static Paired of(double[] first, double[] second) {
            double[] differences = IntStream.range(0, Math.min(first.length, second.length))
                    .mapToDouble(i -> second[i] - first[i]).filter(Double::isFinite).toArray();
            if (differences.length == 0) {
                return null;
            }
            return new Paired(Interval.percentile(differences, LEVEL), twoSidedP(differences), differences.length);
        }

        /**
         * The call in words, e.g. "b's avg17 error minus a's is 0.0120 (95% interval ...): b's is higher".
         *
         * @param what the quantity, e.g. "avg17 error"
         * @param difference the point estimates' difference, second minus first
         */
        public String words(String what, String first, String second, double difference) {
            // No draw on the far side of zero bounds p by one draw's share, not by zero.
            String pText = p == 0 ? String.format(Locale.ROOT, "p < %.2g", 1.0 / draws)
                    : String.format(Locale.ROOT, "p = %.3g", p);
            String diff = String.format(Locale.ROOT, "%s's %s minus %s's is %.4f (95%% interval %.4f to %.4f, %s)",
                    second, what, first, difference, interval.lower(), interval.upper(), pText);
            if (!rejects(p, draws)) {
                return diff + (p < TEST_LEVEL ? ": too few draws to call it at 2.5%" : ": the data cannot tell them"
                        + " apart");
            }
            return diff + ": " + second + "'s is " + (difference < 0 ? "lower" : "higher");
        }
    }

    private LawComparison() {
    }

    /**
     * Compares {@code first} and {@code second} (each a point law with its bootstrap draws, fitted on independent
     * data) at N = {@code params}, D = {@code tokens}.
     *
     * @throws IllegalArgumentException when either law has fewer than {@link #MIN_DRAWS} draws
     */
    public static Result compare(String firstName, ChinchillaLaw first, List<ChinchillaLaw> firstDraws,
                                 String secondName, ChinchillaLaw second, List<ChinchillaLaw> secondDraws,
                                 double params, double tokens) {
        int n = Math.min(firstDraws.size(), secondDraws.size());
        if (n < MIN_DRAWS) {
            throw new IllegalArgumentException("a comparison needs at least " + MIN_DRAWS + " bootstrap draws of each"
                    + " law; " + firstName + " has " + firstDraws.size() + ", " + secondName + " "
                    + secondDraws.size());
        }
        double lossFirst = first.loss(params, tokens);
        double lossSecond = second.loss(params, tokens);
        Paired paired = Paired.of(losses(firstDraws, n, params, tokens), losses(secondDraws, n, params, tokens));
        if (paired == null) {
            throw new IllegalArgumentException("no pair of draws gives a finite loss at the target");
        }
        Interval interval = paired.interval();
        double differenceP = paired.p();
        double chi2 = waldEqualExponents(first, firstDraws, second, secondDraws);
        // The χ² survival function with 2 degrees of freedom is exp(−x/2).
        double exponentsP = Math.exp(-chi2 / 2);
        String collapsed = collapsed(firstName, firstDraws, secondName, secondDraws);
        Verdict verdict = collapsed != null ? Verdict.CANNOT_TELL
                : verdict(lossSecond - lossFirst, rejects(differenceP, paired.draws()), exponentsP);
        // The crossings are part of the result whatever the call: where the point laws cross is worth a plot.
        Double crossover = crossing(first, second, params, tokens / params, true);
        Double parting = crossing(first, second, params, tokens / params, false);
        String words = (collapsed != null ? collapsed + ": " : "") + words(verdict, firstName, secondName,
                lossSecond - lossFirst, interval, exponentsP, crossover, parting, params, tokens);
        return new Result(lossFirst, lossSecond, lossSecond - lossFirst, interval, differenceP,
                new double[] {first.alpha(), first.beta()}, new double[] {second.alpha(), second.beta()}, chi2,
                exponentsP, crossover, parting, n, verdict, words);
    }

    private static double[] losses(List<ChinchillaLaw> draws, int n, double params, double tokens) {
        return draws.subList(0, n).stream().mapToDouble(d -> d.loss(params, tokens)).toArray();
    }

    /**
     * Why the draws cannot carry a test, or null: a run bootstrap of few runs repeats a handful of laws, and its
     * spread then understates the uncertainty, so neither test may reject on it.
     */
    static String collapsed(String firstName, List<ChinchillaLaw> firstDraws, String secondName,
                            List<ChinchillaLaw> secondDraws) {
        long first = firstDraws.stream().distinct().count();
        long second = secondDraws.stream().distinct().count();
        if (first >= MIN_DRAWS && second >= MIN_DRAWS) {
            return null;
        }
        return String.format(Locale.ROOT, "the bootstraps hold %d distinct laws of %s and %d of %s (at least %d"
                + " each are needed; too few runs), so their spread understates the uncertainty and no difference is"
                + " called", first, firstName, second, secondName, MIN_DRAWS);
    }

    /**
     * Whether a bootstrap p-value rejects at {@link #TEST_LEVEL}: a p of 0 only says the true p is below one draw's
     * share, so fewer than 40 draws cannot reject at 2.5%.
     */
    static boolean rejects(double p, int draws) {
        return Math.max(p, 1.0 / draws) < TEST_LEVEL;
    }

    private static Verdict verdict(double difference, boolean differenceRejects, double exponentsP) {
        if (differenceRejects) {
            return difference < 0 ? Verdict.SECOND_BETTER : Verdict.FIRST_BETTER;
        }
        return exponentsP < TEST_LEVEL ? Verdict.EXPONENTS_DIFFER : Verdict.CANNOT_TELL;
    }

    /** Twice the smaller share of draws on either side of zero: the bootstrap's two-sided p-value of no difference. */
    static double twoSidedP(double[] differences) {
        int below = 0;
        int above = 0;
        for (double d : differences) {
            if (d <= 0) {
                below++;
            }
            if (d >= 0) {
                above++;
            }
        }
        return Math.min(1, 2.0 * Math.min(below, above) / differences.length);
    }

    /**
     * The Wald statistic of (α, β) equal in both laws: the difference of the point estimates against the sum of the
     * two draws' covariances (the families' fits are independent).
     */
    static double waldEqualExponents(ChinchillaLaw first, List<ChinchillaLaw> firstDraws, ChinchillaLaw second,
                                     List<ChinchillaLaw> secondDraws) {
        double[][] a = covariance(firstDraws);
        double[][] b = covariance(secondDraws);
        double s11 = a[0][0] + b[0][0];
        double s12 = a[0][1] + b[0][1];
        double s22 = a[1][1] + b[1][1];
        double det = s11 * s22 - s12 * s12;
        double da = second.alpha() - first.alpha();
        double db = second.beta() - first.beta();
        if (!(det > 0)) {
            return da == 0 && db == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return (s22 * da * da - 2 * s12 * da * db + s11 * db * db) / det;
    }

    /** The covariance of (α, β) over draws. */
    private static double[][] covariance(List<ChinchillaLaw> draws) {
        double ma = draws.stream().mapToDouble(ChinchillaLaw::alpha).average().orElse(0);
        double mb = draws.stream().mapToDouble(ChinchillaLaw::beta).average().orElse(0);
        double saa = 0;
        double sab = 0;
        double sbb = 0;
        for (ChinchillaLaw d : draws) {
            saa += (d.alpha() - ma) * (d.alpha() - ma);
            sab += (d.alpha() - ma) * (d.beta() - mb);
            sbb += (d.beta() - mb) * (d.beta() - mb);
        }
        int k = draws.size() - 1;
        return new double[][] {{saa / k, sab / k}, {sab / k, sbb / k}};
    }

    /**
     * Where the two laws' losses cross at the target's tokens per parameter: the last crossing between
     * {@link #SMALLEST_N} and the target's N (past it the law better at the target stays better up to it) when
     * {@code below}, else the first crossing between the target's N and {@link #BEYOND_TARGET} times it. Null when
     * they do not cross there.
     */
    static Double crossing(ChinchillaLaw first, ChinchillaLaw second, double params, double multiplier,
                           boolean below) {
        int steps = 400;
        double from = Math.log(params);
        double to = below ? Math.log(SMALLEST_N) : Math.log(params * BEYOND_TARGET);
        if (below && to >= from) {
            return null;
        }
        double previous = gap(first, second, params, multiplier);
        for (int k = 1; k <= steps; k++) {
            double n = Math.exp(from + (to - from) * k / steps);
            double g = gap(first, second, n, multiplier);
            if (previous != 0 && Math.signum(g) != Math.signum(previous)) {
                return bisect(first, second, n, Math.exp(from + (to - from) * (k - 1) / steps), multiplier);
            }
            previous = g;
        }
        return null;
    }

    private static double gap(ChinchillaLaw first, ChinchillaLaw second, double n, double multiplier) {
        return second.loss(n, multiplier * n) - first.loss(n, multiplier * n);
    }

    private static double bisect(ChinchillaLaw first, ChinchillaLaw second, double low, double high, double m) {
        double a = low;
        double b = high;
        double ga = gap(first, second, a, m);
        for (int i = 0; i < 60; i++) {
            double mid = Math.sqrt(a * b);
            double g = gap(first, second, mid, m);
            if (Math.signum(g) == Math.signum(ga)) {
                a = mid;
                ga = g;
            } else {
                b = mid;
            }
        }
        return Math.sqrt(a * b);
    }

    private static String words(Verdict verdict, String first, String second, double difference, Interval interval,
                                double exponentsP, Double crossover, Double parting, double params,
                                double tokens) {
        String at = String.format(Locale.ROOT, "at N = %.3g, D = %.3g", params, tokens);
        String diff = String.format(Locale.ROOT, "%s's loss minus %s's is %.4f (95%% interval %.4f to %.4f)", second,
                first, difference, interval.lower(), interval.upper());
        String exponents = String.format(Locale.ROOT, "the test of equal exponents gives p = %.3g", exponentsP);
        return switch (verdict) {
            case FIRST_BETTER, SECOND_BETTER -> {
                String better = verdict == Verdict.SECOND_BETTER ? second : first;
                String from = crossover == null ? String.format(Locale.ROOT, "at every N from %.0e", SMALLEST_N)
                        : String.format(Locale.ROOT, "from N = %.3g", crossover);
                String until = parting == null ? String.format(Locale.ROOT, " to %.0ex the target's N",
                        BEYOND_TARGET) : String.format(Locale.ROOT, " until N = %.3g, where the laws cross again",
                        parting);
                from += until;
                yield String.format(Locale.ROOT, "%s scales better %s: %s; its loss is lower %s at the target's %.3g"
                        + " tokens per parameter; %s", better, at, diff, from, tokens / params, exponents);
            }
            case EXPONENTS_DIFFER -> String.format(Locale.ROOT, "the exponents differ (%s) but the losses %s cannot"
                    + " be told apart: %s; they part further out", exponents, at, diff);
            case CANNOT_TELL -> String.format(Locale.ROOT, "the data cannot tell these laws apart %s: %s; %s", at,
                    diff, exponents);
        };
    }
}
