package io.scalecast.core.fit;

import io.scalecast.core.data.FamilyData;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.PowerLaw;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Whether the data can identify a fitted law, in words a user can act on: too few model sizes for the N term, a
 * parameter pushed to its bound, an irreducible loss that collapsed to zero, a bootstrap whose draws collapsed or
 * whose intervals are one-sided, a back-test that loses to doing nothing. Each warning carries the advice of the
 * Hitchhiker's guide (pin or borrow the exponents) where it applies. A fit with warnings still answers: the warnings
 * say how far to trust it.
 */
public final class Identifiability {

    /** Fewest model sizes that identify the N term of a law (the Hitchhiker's guide: at least 3 models). */
    public static final int MIN_SIZES = 3;
    /** Below this fraction of the lowest loss, E is indistinguishable from zero. */
    static final double E_COLLAPSED = 1e-6;
    /** Draws that differ in fewer than this fraction of the resamples have collapsed. */
    static final double DISTINCT_DRAWS = 0.1;
    /**
     * Equally good optima whose predictions at the target differ by more than this fraction mark a flat valley: on
     * the Datablations families with two sizes they differ by 7 to 13% ten times beyond the data, with three sizes
     * every start lands on one optimum.
     */
    public static final double VALLEY_SPREAD = 0.01;
    /** How far beyond the data a fit's flat valley is judged: this many times the largest N and the most tokens. */
    public static final double VALLEY_TARGET = 10;

    private Identifiability() {
    }

    /**
     * The warnings of a Chinchilla fit.
     *
     * @param draws the bootstrap's laws, or none
     * @param intervals the parameters' intervals by name (empty without a bootstrap)
     */
    public static List<String> chinchilla(FamilyData data, ChinchillaLaw law, FitDiagnostics diagnostics,
                                          ChinchillaPins pins, List<ChinchillaLaw> draws,
                                          Map<String, Interval> intervals) {
        boolean alphaGiven = pins.values().containsKey("alpha")
                || pins.priors().stream().anyMatch(p -> p.name().equals("alpha"));
        return of(data, !alphaGiven, diagnostics, Map.of("E", law.e(), "A", law.a(), "B", law.b(), "alpha",
                law.alpha(), "beta", law.beta()), draws.stream().map(ChinchillaLaw::toVector).toList(), intervals);
    }

    /** The warnings of a power-law fit L(x) = E + A·x^−α (one axis: no N term to identify apart). */
    public static List<String> power(FamilyData data, PowerLaw law, FitDiagnostics diagnostics, List<PowerLaw> draws,
                                     Map<String, Interval> intervals) {
        return of(data, false, diagnostics, Map.of("E", law.e(), "A", law.a(), "alpha", law.alpha()),
                draws.stream().map(l -> new double[] {l.e(), l.a(), l.alpha()}).toList(), intervals);
    }

    /**
     * The warnings of any law fitted to {@code data}.
     *
     * @param nTerm whether the law has an N term the data must identify (not pinned or borrowed)
     * @param estimate the parameters by name, with the irreducible loss as {@code E}
     * @param draws the bootstrap's draws, each a vector of the parameters, or none
     * @param intervals the parameters' 95% intervals by name, or none
     */
    public static List<String> of(FamilyData data, boolean nTerm, FitDiagnostics diagnostics,
                                  Map<String, Double> estimate, List<double[]> draws,
                                  Map<String, Interval> intervals) {
        List<String> out = new ArrayList<>();
        int sizes = data.sizes();
        if (nTerm && sizes < MIN_SIZES) {
            out.add(sizes + " model size" + (sizes == 1 ? "" : "s") + ": the N term is not identified by fewer than "
                    + MIN_SIZES + "; pin alpha or borrow A and alpha from another family, as the Hitchhiker's guide"
                    + " advises");
        }
        for (String name : diagnostics.atBound()) {
            out.add(name + " sits at a bound of its range: the data pushed it to the edge, so its value is the"
                    + " range's answer, not the data's; pin it or borrow it");
        }
        Double e = estimate.get("E");
        if (e != null && e < E_COLLAPSED * Arrays.stream(data.loss()).min().orElse(1)) {
            out.add(String.format(Locale.ROOT, "E = %.3g collapsed to zero: the data cannot tell the irreducible loss"
                    + " from the power terms (add larger or longer-trained models, or pin E)", e));
        }
        collapsed(draws).ifPresent(out::add);
        intervals.forEach((name, i) -> {
            Double value = estimate.get(name);
            if (value != null && i.upper() > i.lower() && (value <= i.lower() || value >= i.upper())) {
                out.add(String.format(Locale.ROOT, "the 95%% interval of %s, [%.4g, %.4g], is one-sided: the estimate"
                        + " %.4g is at its end (few distinct resamples)", name, i.lower(), i.upper(), value));
            }
        });
        return out;
    }

    /**
     * Whether a fit sits on a flat valley of its objective, judged at a model {@link #VALLEY_TARGET} times the
     * largest fitted, trained on that many times the most tokens: the question a fit is asked.
     */
    public static Optional<String> flatValley(FamilyData data, ChinchillaFit fit) {
        double n = VALLEY_TARGET * data.maxParams();
        double d = VALLEY_TARGET * data.maxTokens();
        return flatValley(fit.nearBest(), law -> law.loss(n, d),
                String.format(Locale.ROOT, "N = %.3g, D = %.3g (%.0f times the data)", n, d, VALLEY_TARGET));
    }

    /**
     * Why equally good optima of one fit cannot be told apart where it is asked, or empty when they agree.
     *
     * @param nearBest the laws of the starts at the best objective ({@link ChinchillaFit#nearBest()})
     * @param prediction what each law answers at the target
     * @param target the target, in words
     */
    public static Optional<String> flatValley(List<ChinchillaLaw> nearBest, ToDoubleFunction<ChinchillaLaw> prediction,
                                              String target) {
        if (nearBest.size() < 2) {
            return Optional.empty();
        }
        DoubleSummaryStatistics s = nearBest.stream().mapToDouble(prediction).summaryStatistics();
        if (s.getMax() <= (1 + VALLEY_SPREAD) * s.getMin()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "a flat valley: %d starts reach the best objective (within"
                + " %.0e) but predict %.4g to %.4g at %s, %.1f%% apart, so the data cannot choose among these laws;"
                + " pin alpha or borrow A and alpha from another family, as the Hitchhiker's guide advises",
                nearBest.size(), ChinchillaFitter.VALLEY, s.getMin(), s.getMax(), target,
                100 * (s.getMax() / s.getMin() - 1)));
    }

    /** Why the bootstrap's draws collapsed (too few of them differ), or empty. */
    static Optional<String> collapsed(List<double[]> draws) {
        if (draws.size() < 2) {
            return Optional.empty();
        }
        Set<List<Double>> distinct = new HashSet<>();
        for (double[] d : draws) {
            distinct.add(Arrays.stream(d).map(v -> (double) Float.valueOf((float) v)).boxed().toList());
        }
        if (distinct.size() >= Math.max(2, DISTINCT_DRAWS * draws.size())) {
            return Optional.empty();
        }
        return Optional.of("the bootstrap collapsed: " + distinct.size() + " distinct laws among "
                + draws.size() + " draws (few runs, or a parameter on a bound), so its intervals understate the"
                + " uncertainty");
    }

    /** Why a back-test's law is not worth trusting for extrapolation, or empty when it beats the best baseline. */
    public static Optional<String> backtest(double are, double bestLossBaseline) {
        if (are <= bestLossBaseline) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the law extrapolates worse than not fitting at all:"
                + " ARE %.2f%% against %.2f%% for the best loss seen so far; the data do not identify it well enough"
                + " to trust its extrapolation", 100 * are, 100 * bestLossBaseline));
    }
}
