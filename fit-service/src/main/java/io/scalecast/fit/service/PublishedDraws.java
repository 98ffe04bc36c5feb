package io.scalecast.fit.service;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.fit.Interval;
import io.scalecast.core.fit.RollingBootstrap;
import io.scalecast.core.fit.RunBootstrap;
import io.scalecast.core.law.LawCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How every law publishes its bootstrap through its codec: the parameters' 95% percentile intervals, and the
 * bootstrap with an even sample of its draws, from which readers compute the interval of any prediction.
 *
 * @param intervals each parameter's interval by name, in publication order; empty without draws
 * @param bootstrap the published bootstrap, or null without draws
 */
record PublishedDraws(Map<String, FittedLaw.Range> intervals, FittedLaw.Bootstrap bootstrap) {

    /** A law published without a bootstrap. */
    static final PublishedDraws NONE = new PublishedDraws(Map.of(), null);

    /** The published intervals as the math reads them (for {@code Identifiability}), without computing them again. */
    Map<String, Interval> parameterIntervals() {
        Map<String, Interval> out = new LinkedHashMap<>();
        intervals.forEach((name, r) -> out.put(name, new Interval(r.lower(), r.upper())));
        return out;
    }

    /**
     * A rolling run bootstrap's refresh as published, at most {@code max} of its draws.
     *
     * @param method {@link FittedLaw.Bootstrap#RUNS} or {@link FittedLaw.Bootstrap#RUNS_ONE_STEP}
     */
    static <F> PublishedDraws of(LawCodec<F, ?> codec, RollingBootstrap.Refresh<F> refresh, String method, int max) {
        RunBootstrap.Draws<F> d = refresh.draws();
        return of(codec, d.laws(), new Counts(d.requested(), d.failed(), d.runs(), refresh.refreshed()), method, max);
    }

    /**
     * Draws as published, at most {@code max} of them, evenly spaced; {@link #NONE} without draws.
     *
     * @param method how the draws were made ({@link FittedLaw.Bootstrap#RUNS} or the covariance)
     */
    static <F> PublishedDraws of(LawCodec<F, ?> codec, List<F> laws, Counts counts, String method, int max) {
        if (laws.isEmpty()) {
            return NONE;
        }
        Map<String, FittedLaw.Range> intervals = new LinkedHashMap<>();
        codec.intervals(laws, 0.95).forEach((name, i) -> intervals.put(name, new FittedLaw.Range(i.lower(),
                i.upper())));
        int n = Math.min(max, laws.size());
        double step = (double) laws.size() / n;
        List<double[]> sample = codec.draws(IntStream.range(0, n).mapToObj(i -> laws.get((int) (i * step))).toList());
        return new PublishedDraws(intervals, new FittedLaw.Bootstrap(counts.requested(), counts.failed(),
                counts.runs(), sample, counts.refreshed(), method));
    }

    /**
     * What a bootstrap drew.
     *
     * @param requested draws requested
     * @param failed draws that reached no usable law
     * @param runs runs the draws resample
     * @param refreshed draws fitted on the current data
     */
    record Counts(int requested, int failed, int runs, int refreshed) {
    }
}
