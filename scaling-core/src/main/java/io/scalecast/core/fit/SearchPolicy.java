package io.scalecast.core.fit;

import io.scalecast.contracts.event.FittedLaw;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * When a refit of a growing family may start from its previous fit and when it needs the full multi-start search.
 * A warm start is cheap but can only follow the optimum it starts in, so the full search runs when there is no
 * previous fit, when the problem changed shape (other runs, another configuration), on a schedule, and whenever
 * the warm result looks wrong (it did not converge, or it fits the data clearly worse than the previous fit did).
 *
 * @param fullSearchEvery the longest a family goes without a full search
 * @param objectiveGrowth how much the objective per unit weight may grow over the previous fit's before a warm
 *     result is distrusted
 */
public record SearchPolicy(Duration fullSearchEvery, double objectiveGrowth) {

    /** Below this objective per unit weight the fit is exact to rounding, and growth ratios mean nothing. */
    private static final double NEGLIGIBLE = 1e-12;

    public SearchPolicy {
        if (fullSearchEvery.isNegative() || objectiveGrowth < 1) {
            throw new IllegalArgumentException("need fullSearchEvery >= 0 and objectiveGrowth >= 1");
        }
    }

    /**
     * The fit a refit may start from.
     *
     * @param <L> the law's type (Chinchilla, power law, ...)
     * @param law the previous law
     * @param meanObjective its objective per unit weight
     * @param runs the runs it was fitted on
     * @param configVersion the configuration it was fitted under
     * @param fullSearchAt when the last full search of the family ran
     */
    public record Previous<L>(L law, double meanObjective, List<String> runs, long configVersion,
                              Instant fullSearchAt) {
    }

    /**
     * A refit's fit by this policy: the warm fit when {@link #before} allows one and {@link #after} trusts its
     * result, else the full search with the reason.
     *
     * @param <F> the fit's type
     * @param warm fits from the previous law; an {@link IllegalStateException} means it reached no usable law
     * @param converged whether a fit converged
     * @param meanObjective a fit's objective per unit weight
     * @param full the full multi-start search
     */
    public <F> Searched<F> search(Previous<?> previous, List<String> runs, long configVersion, Instant now,
                                  Supplier<F> warm, Predicate<F> converged, ToDoubleFunction<F> meanObjective,
                                  Supplier<F> full) {
        Optional<String> why = before(previous, runs, configVersion, now);
        if (why.isEmpty()) {
            try {
                F fit = warm.get();
                why = after(previous, converged.test(fit), meanObjective.applyAsDouble(fit));
                if (why.isEmpty()) {
                    return new Searched<>(fit, null);
                }
            } catch (IllegalStateException e) {
                why = Optional.of("the warm start reached no usable law");
            }
        }
        return new Searched<>(full.get(), why.orElseThrow());
    }

    /**
     * How a refit searched.
     *
     * @param <F> the fit's type
     * @param fit the fit
     * @param fullSearchReason why the full search ran, or null for a warm start
     */
    public record Searched<F>(F fit, String fullSearchReason) {

        /** Whether the full search ran. */
        public boolean full() {
            return fullSearchReason != null;
        }

        /** The published name of the search: {@code full} or {@code warm}. */
        public String search() {
            return full() ? FittedLaw.Diagnostics.FULL : FittedLaw.Diagnostics.WARM;
        }
    }

    /** Why the refit needs the full search without trying a warm start, or empty when a warm start may do. */
    public Optional<String> before(Previous<?> previous, List<String> runs, long configVersion, Instant now) {
        if (previous == null) {
            return Optional.of("no earlier fit of the family on this instance");
        }
        if (previous.configVersion() != configVersion) {
            return Optional.of("the family's configuration changed");
        }
        if (!previous.runs().equals(runs)) {
            return Optional.of("the runs changed from " + previous.runs().size() + " to " + runs.size());
        }
        Duration since = Duration.between(previous.fullSearchAt(), now);
        if (since.compareTo(fullSearchEvery) >= 0) {
            return Optional.of("scheduled: the last full search ran " + since.toSeconds() + " s ago");
        }
        return Optional.empty();
    }

    /**
     * Why a warm-started fit is not trusted, or empty when it is.
     *
     * @param converged whether the warm start converged
     * @param meanObjective its objective per unit weight
     */
    public Optional<String> after(Previous<?> previous, boolean converged, double meanObjective) {
        if (!converged) {
            return Optional.of("the warm start did not converge");
        }
        double before = Math.max(previous.meanObjective(), NEGLIGIBLE);
        if (meanObjective > before * objectiveGrowth) {
            return Optional.of(String.format(Locale.ROOT,
                    "the warm start fits worse: objective per point %.3gx the previous fit's", meanObjective / before));
        }
        return Optional.empty();
    }
}
