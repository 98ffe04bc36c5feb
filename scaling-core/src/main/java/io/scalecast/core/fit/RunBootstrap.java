package io.scalecast.core.fit;

import io.scalecast.core.data.FamilyData;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.PowerLaw;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
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

    /** Above this many points a Chinchilla resample is one Newton step instead of a refit. */
    public static final int LINEARISED_POINTS = 25_000;

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
    public Draws<ChinchillaLaw> run(ChinchillaFitter fitter, FamilyData data, ChinchillaPins pins,
                                    ChinchillaLaw point) {
        return run(fitter, data, null, pins, point);
    }

    /**
     * Draws refitted laws around {@code point}.
     *
     * @param baseWeight the fit's per-point weights (see RunWeighting), or null for 1; a resample multiplies them by
     *     how often each run was drawn
     */
    public Draws<ChinchillaLaw> run(ChinchillaFitter fitter, FamilyData data, double[] baseWeight,
                                    ChinchillaPins pins, ChinchillaLaw point) {
        // The one-step resamples' pass over the points happens before them, and belongs to their time.
        long t0 = System.nanoTime();
        return run(chinchilla(fitter, data, baseWeight, pins, point), data, point, t0);
    }

    /**
     * Draws power laws L(x) refitted on resampled runs, warm-started from {@code point}: a run drawn k times
     * contributes its points k times.
     *
     * @param x each point's axis value (C, N or D), in the order of {@code data}
     */
    public List<PowerLaw> run(PowerFitter fitter, FamilyData data, double[] x, PowerLaw point) {
        return run(power(fitter, data, x), data, point).laws();
    }

    /** Draws every resample of {@code data} with {@code resample}, each started from {@code point}. */
    public <L> Draws<L> run(Resample<L> resample, FamilyData data, L point) {
        return run(resample, data, point, System.nanoTime());
    }

    private <L> Draws<L> run(Resample<L> resample, FamilyData data, L point, long t0) {
        Objects.requireNonNull(point);
        List<L> draws = IntStream.range(0, resamples).parallel()
                .mapToObj(i -> resample.fit(new SplittableRandom(seed + i), point))
                .flatMap(Optional::stream).toList();
        return new Draws<>(draws, resamples, resamples - draws.size(), data.runs(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The fit of one resample of a law: which runs it draws comes from {@code random} alone, so the same seed always
     * draws the same runs; empty when the resample reaches no usable law.
     *
     * @param <L> the law
     */
    @FunctionalInterface
    public interface Resample<L> {

        /** The law fitted to the runs {@code random} draws, started from {@code start}. */
        Optional<L> fit(SplittableRandom random, L start);
    }

    /**
     * Resamples of the Chinchilla law: each run's points weigh how often the run was drawn, times their base weight
     * ({@code baseWeight}, or 1 when null). A family of at most {@link #LINEARISED_POINTS} points refits each
     * resample from the start it is given, and a resample is empty when fewer points than free parameters carry
     * weight; a longer family takes one Newton step from {@code point} per resample ({@link LinearisedBootstrap}).
     */
    public static Resample<ChinchillaLaw> chinchilla(ChinchillaFitter fitter, FamilyData data, double[] baseWeight,
                                                     ChinchillaPins pins, ChinchillaLaw point) {
        ChinchillaObjective base = fitter.objective(data.params(), data.tokens(), data.loss());
        if (linearised(data)) {
            return new LinearisedBootstrap(baseWeight == null ? base : base.reweighted(baseWeight), data, pins, point);
        }
        return (random, start) -> {
            double[] weight = resampleWeights(data, baseWeight, pins, random);
            return weight == null ? Optional.empty() : fitter.refine(base.owning(weight), pins, start);
        };
    }

    /**
     * Whether {@link #chinchilla} steps rather than refits: above {@link #LINEARISED_POINTS} points, where a refit
     * per resample would cost minutes and one step agrees with it.
     */
    public static boolean linearised(FamilyData data) {
        return data.size() > LINEARISED_POINTS;
    }

    /**
     * Resamples of a power law L(x): a run drawn k times contributes its points k times; empty when the resample has
     * fewer than 3 distinct x.
     *
     * @param x each point's axis value (C, N or D), in the order of {@code data}
     */
    public static Resample<PowerLaw> power(PowerFitter fitter, FamilyData data, double[] x) {
        return (random, start) -> {
            double[] count = counts(data.runs(), random);
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
        };
    }

    /** How often each of {@code runs} runs is drawn in one resample. */
    static double[] counts(int runs, SplittableRandom random) {
        double[] count = new double[runs];
        for (int k = 0; k < runs; k++) {
            count[random.nextInt(runs)]++;
        }
        return count;
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
     * @param <L> the law
     * @param laws one law per usable resample
     * @param requested resamples drawn
     * @param failed resamples that gave no usable law
     * @param runs distinct runs in the data: with fewer than about 5, few distinct resamples exist
     * @param millis wall time
     */
    public record Draws<L>(List<L> laws, int requested, int failed, int runs, long millis) {

        /** The 95% percentile interval of any quantity of the law. */
        public Interval interval(ToDoubleFunction<L> quantity) {
            return interval(quantity, 0.95);
        }

        /** The percentile interval of any quantity of the law at {@code level}. */
        public Interval interval(ToDoubleFunction<L> quantity, double level) {
            return Interval.percentile(laws.stream().mapToDouble(quantity).toArray(), level);
        }
    }
}
