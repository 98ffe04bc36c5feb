package io.scalecast.core.fit;

import io.scalecast.core.data.FamilyData;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.PowerLaw;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * The run-level (cluster) bootstrap of science.md section 6: resample whole runs with replacement, because the
 * points of one run are strongly correlated, and refit each resample warm-started from the point estimate.
 * A resample is expressed as weights (how often each run was drawn), so no data is copied.
 */
public final class RunBootstrap {

    /** Resamples by default. */
    public static final int DEFAULT_RESAMPLES = 1000;

    private final int resamples;
    private final long seed;

    /**
     * @param resamples how many resamples
     * @param seed the seed; resample i uses seed + i, so results do not depend on thread scheduling
     */
    public RunBootstrap(int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 1, was " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    /** Draws refitted laws around {@code point}, every point weighing 1. */
    public Draws run(ChinchillaFitter fitter, FamilyData data, ChinchillaPins pins, ChinchillaLaw point) {
        return run(fitter, data, null, pins, point);
    }

    /**
     * Draws refitted laws around {@code point}.
     *
     * @param baseWeight the fit's per-point weights (see RunWeighting), or null for 1; a resample multiplies them by
     *     how often each run was drawn
     */
    public Draws run(ChinchillaFitter fitter, FamilyData data, double[] baseWeight, ChinchillaPins pins,
                     ChinchillaLaw point) {
        Objects.requireNonNull(point);
        long t0 = System.nanoTime();
        List<ChinchillaLaw> draws = IntStream.range(0, resamples).parallel()
                .mapToObj(i -> resample(fitter, data, baseWeight, pins, point, new SplittableRandom(seed + i)))
                .flatMap(Optional::stream).toList();
        return new Draws(draws, resamples, resamples - draws.size(), data.runs(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Draws power laws L(x) refitted on resampled runs, warm-started from {@code point}: a run drawn k times
     * contributes its points k times.
     *
     * @param x each point's axis value (C, N or D), in the order of {@code data}
     */
    public List<PowerLaw> run(PowerFitter fitter, FamilyData data, double[] x, PowerLaw point) {
        Objects.requireNonNull(point);
        return IntStream.range(0, resamples).parallel().mapToObj(i -> draw(fitter, data, x, point, i))
                .flatMap(Optional::stream).toList();
    }

    /**
     * Resample {@code i} of a power-law bootstrap refitted from {@code start}; empty when the resample has fewer
     * than 3 distinct x or reaches no usable law. The same i always draws the same runs.
     */
    public Optional<PowerLaw> draw(PowerFitter fitter, FamilyData data, double[] x, PowerLaw start, int i) {
        double[] count = counts(data.runs(), new SplittableRandom(seed + i));
        DoubleStream.Builder xs = DoubleStream.builder();
        DoubleStream.Builder ls = DoubleStream.builder();
        for (int p = 0; p < data.size(); p++) {
            for (int k = 0; k < count[data.runIndex()[p]]; k++) {
                xs.add(x[p]);
                ls.add(data.loss()[p]);
            }
        }
        double[] xr = xs.build().toArray();
        return DoubleStream.of(xr).distinct().count() < 3 ? Optional.empty()
                : fitter.refine(xr, ls.build().toArray(), start);
    }

    /** How often each of {@code runs} runs is drawn in one resample. */
    private static double[] counts(int runs, SplittableRandom random) {
        double[] count = new double[runs];
        for (int k = 0; k < runs; k++) {
            count[random.nextInt(runs)]++;
        }
        return count;
    }

    private static Optional<ChinchillaLaw> resample(ChinchillaFitter fitter, FamilyData data, double[] baseWeight,
                                                    ChinchillaPins pins, ChinchillaLaw point,
                                                    SplittableRandom random) {
        double[] weight = resampleWeights(data, baseWeight, pins, random);
        return weight == null ? Optional.empty()
                : fitter.refine(data.params(), data.tokens(), data.loss(), weight, pins, point);
    }

    /**
     * The point weights of one resample: each run's points weigh how often the run was drawn, times their base
     * weight; null when fewer points than free parameters carry weight.
     */
    static double[] resampleWeights(FamilyData data, double[] baseWeight, ChinchillaPins pins,
                                    SplittableRandom random) {
        double[] count = counts(data.runs(), random);
        double[] weight = new double[data.size()];
        int nonZero = 0;
        for (int i = 0; i < weight.length; i++) {
            weight[i] = count[data.runIndex()[i]] * (baseWeight == null ? 1 : baseWeight[i]);
            nonZero += weight[i] > 0 ? 1 : 0;
        }
        return nonZero < pins.free() ? null : weight;
    }

    /**
     * The laws the resamples reached.
     *
     * @param laws one law per usable resample
     * @param requested resamples drawn
     * @param failed resamples that gave no usable law
     * @param runs distinct runs in the data: with fewer than about 5, few distinct resamples exist
     * @param millis wall time
     */
    public record Draws(List<ChinchillaLaw> laws, int requested, int failed, int runs, long millis) {

        /** The 95% percentile interval of any quantity of the law. */
        public Interval interval(java.util.function.ToDoubleFunction<ChinchillaLaw> quantity) {
            return interval(quantity, 0.95);
        }

        /** The percentile interval of any quantity of the law at {@code level}. */
        public Interval interval(java.util.function.ToDoubleFunction<ChinchillaLaw> quantity, double level) {
            return Interval.percentile(laws.stream().mapToDouble(quantity).toArray(), level);
        }
    }
}
