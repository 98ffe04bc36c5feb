package io.scalecast.core.fit;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Runs a local minimiser from many starts in parallel and keeps the lowest objective among the converged starts
 * whose optimum is usable (the science notes' section 2.2 and 9: always multi-start, report how many starts
 * reached the best objective).
 */
final class MultiStart {

    /** Objectives this close (relative) are the same optimum. */
    private static final double SAME_OPTIMUM = 1e-8;

    private MultiStart() {
    }

    /** Whether an objective reaches the same optimum as {@code best} (within 1e-8 relative). */
    static boolean sameOptimum(double value, double best) {
        return Math.abs(value - best) <= SAME_OPTIMUM * Math.abs(best);
    }

    /**
     * The winner of a multi-start search.
     *
     * @param best the winning start's result
     * @param starts distinct starts run
     * @param converged starts that converged to a usable optimum
     * @param bestHits converged starts within 1e-8 (relative) of the best objective
     * @param evaluations objective evaluations over all starts
     * @param unusable converged starts whose optimum lay outside the usable range (e.g. an exponent beyond its
     *     bounds): many of them mean the data alone prefer a law that is not physical
     * @param ranked the usable optima, converged ones first, each group by increasing objective
     */
    record Outcome(LbfgsResult best, int starts, int converged, int bestHits, long evaluations, int unusable,
                   List<LbfgsResult> ranked) {

        /** The starting points of the {@code count} best usable optima, for refining them on other data. */
        List<double[]> leaders(int count) {
            return ranked.stream().limit(count).map(LbfgsResult::x).toList();
        }

        /** The converged optima whose objective is within {@code relative} of the best, best first. */
        List<LbfgsResult> near(double relative) {
            return ranked.stream().filter(LbfgsResult::converged)
                    .filter(r -> r.value() - best.value() <= relative * Math.abs(best.value())).toList();
        }
    }

    /**
     * @param objective the objective over the searched coordinates
     * @param starts starting points, deduplicated here
     * @param optimizer the local minimiser
     * @param usable whether an optimum is an acceptable answer
     * @param what what is fitted, for the error when no start reaches a usable optimum
     */
    static Outcome run(Objective objective, List<double[]> starts, Lbfgs optimizer, Predicate<LbfgsResult> usable,
                       String what) {
        List<double[]> distinct = StartGrid.distinct(starts);
        List<LbfgsResult> runs = distinct.parallelStream().map(s -> optimizer.minimize(objective, s)).toList();
        List<LbfgsResult> ok = runs.stream().filter(r -> finite(r) && usable.test(r)).toList();
        List<LbfgsResult> converged = ok.stream().filter(LbfgsResult::converged).toList();
        LbfgsResult best = (converged.isEmpty() ? ok : converged).stream()
                .min(Comparator.comparingDouble(LbfgsResult::value))
                .orElseThrow(() -> new IllegalStateException("no start reached " + what));
        int hits = (int) converged.stream().filter(r -> sameOptimum(r.value(), best.value())).count();
        long evaluations = runs.stream().mapToLong(LbfgsResult::evaluations).sum();
        int unusable = (int) runs.stream().filter(r -> r.converged() && !(finite(r) && usable.test(r))).count();
        List<LbfgsResult> ranked = ok.stream().sorted(Comparator.comparing((LbfgsResult r) -> !r.converged())
                .thenComparingDouble(LbfgsResult::value)).toList();
        return new Outcome(best, distinct.size(), converged.size(), hits, evaluations, unusable, ranked);
    }

    /**
     * The {@code keep} starts of {@code from} with the lowest objective, evaluated once at each, or all of them: most
     * starts of a wide grid lie far from any optimum, and each such start costs a long descent.
     */
    static List<double[]> screened(Objective objective, List<double[]> from, int keep) {
        if (from.size() <= keep) {
            return from;
        }
        double[] value = from.parallelStream().mapToDouble(x -> {
            double v = objective.valueAndGradient(x, new double[x.length]);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        }).toArray();
        return IntStream.range(0, from.size()).boxed().sorted(Comparator.comparingDouble(i -> value[i]))
                .limit(keep).map(from::get).toList();
    }

    private static boolean finite(LbfgsResult r) {
        if (!Double.isFinite(r.value())) {
            return false;
        }
        for (double v : r.x()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
