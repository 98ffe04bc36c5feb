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
 * When the caller cannot afford the full search now (other families wait for their first laws), a quick search
 * from a few starts stands in for it, and the full search stays owed until a refit can afford it.
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
     * @param owed why a full search is due that a quick search stood in for, or null when none is owed
     */
    public record Previous<L>(L law, double meanObjective, List<String> runs, long configVersion,
                              Instant fullSearchAt, String owed) {

        /**
         * The previous fit a refit that searched as {@code searched} leaves: the time of its full search, else the
         * earlier one (or {@code now} for a family's first, quick fit), and the full search it still owes.
         */
        public static <L> Previous<L> after(Searched<?> searched, Previous<?> before, L law, double meanObjective,
                                            List<String> runs, long configVersion, Instant now) {
            Instant fullSearchAt = searched.full() || before == null ? now : before.fullSearchAt();
            return new Previous<>(law, meanObjective, runs, configVersion, fullSearchAt, searched.owed());
        }
    }

    /**
     * The searches a refit may run, cheapest first.
     *
     * @param <F> the fit's type
     * @param warm fits from the previous law; an {@link IllegalStateException} means it reached no usable law
     * @param quick a cheaper multi-start that stands in for the full search while it cannot be afforded, or null
     *     when the law has none (its full search always runs when due)
     * @param full the full multi-start search
     * @param converged whether a fit converged
     * @param meanObjective a fit's objective per unit weight
     */
    public record Searches<F>(Supplier<F> warm, Supplier<F> quick, Supplier<F> full, Predicate<F> converged,
                              ToDoubleFunction<F> meanObjective) {
    }

    /**
     * A refit's fit by this policy: the warm fit when {@link #before} allows one and {@link #after} trusts its
     * result, else the full search with the reason. When {@code fullAffordable} is false and the law has a quick
     * search, the quick search stands in for the full one and the full search is owed; a later refit that still
     * cannot afford it starts warm from the quick law (if that result is trusted) and keeps owing it. The result
     * says whether the fit may have moved away from the previous law's optimum (see {@link Searched#moved}).
     */
    public <F> Searched<F> search(Previous<?> previous, List<String> runs, long configVersion, Instant now,
                                  boolean fullAffordable, Searches<F> searches) {
        Optional<String> why = before(previous, runs, configVersion, now);
        boolean deferring = !fullAffordable && searches.quick() != null;
        boolean onlyOwed = why.isPresent() && previous != null && why.get().equals(previous.owed());
        if (why.isEmpty() || (deferring && onlyOwed)) {
            try {
                F fit = searches.warm().get();
                Optional<String> distrust = after(previous, searches.converged().test(fit),
                        searches.meanObjective().applyAsDouble(fit));
                if (distrust.isEmpty()) {
                    return new Searched<>(fit, FittedLaw.Diagnostics.WARM, null, why.orElse(null), false);
                }
                why = why.or(() -> distrust);
            } catch (IllegalStateException e) {
                why = why.or(() -> Optional.of("the warm start reached no usable law"));
            }
        }
        String reason = why.orElseThrow();
        if (deferring) {
            return new Searched<>(searches.quick().get(), FittedLaw.Diagnostics.QUICK, reason, reason, true);
        }
        F full = searches.full().get();
        boolean confirmed = confirms(full, previous, runs, configVersion, searches);
        return new Searched<>(full, FittedLaw.Diagnostics.FULL, reason, null, !confirmed);
    }

    /**
     * Whether the full search's fit only confirms the previous law's optimum: on the same runs and configuration, a
     * warm start from the previous law reaches the same objective (as {@link MultiStart} counts its hits). Then what
     * was built around the previous law, its bootstrap, still describes the fit.
     */
    private static <F> boolean confirms(F full, Previous<?> previous, List<String> runs, long configVersion,
                                        Searches<F> searches) {
        if (previous == null || previous.configVersion() != configVersion || !previous.runs().equals(runs)) {
            return false;
        }
        try {
            double warm = searches.meanObjective().applyAsDouble(searches.warm().get());
            double found = searches.meanObjective().applyAsDouble(full);
            return MultiStart.sameOptimum(warm, found);
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * How a refit searched.
     *
     * @param <F> the fit's type
     * @param fit the fit
     * @param search {@code warm}, {@code full} or {@code quick} (see {@link FittedLaw.Diagnostics})
     * @param reason why the full search was due (it ran, or the quick search stood in for it), or null for a warm
     *     start
     * @param owed why a full search is due that this fit did not run, or null when none is owed
     * @param moved whether the fit may lie at another optimum than the previous law's, so that what was built
     *     around that law (its bootstrap) no longer describes it: a first fit, a quick search, or a full search that
     *     a warm start from the previous law does not confirm
     */
    public record Searched<F>(F fit, String search, String reason, String owed, boolean moved) {

        /** Whether the full search ran. */
        public boolean full() {
            return FittedLaw.Diagnostics.FULL.equals(search);
        }

        /** Whether the fit searched anew (full or quick) rather than following the previous law. */
        public boolean fresh() {
            return !FittedLaw.Diagnostics.WARM.equals(search);
        }

        /** Why the search was not plainly warm, as published: the full search's reason, and whether it is owed. */
        public String searchReason() {
            if (owed == null) {
                return reason;
            }
            return (reason == null ? "a full search is owed: " + owed : reason)
                    + "; the full search is deferred while other families wait";
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
        return Optional.ofNullable(previous.owed());
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
