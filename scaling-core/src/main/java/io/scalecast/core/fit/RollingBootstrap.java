package io.scalecast.core.fit;

import io.scalecast.core.data.FamilyData;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A run bootstrap kept across the refits of a growing family. Each resample keeps its draw as an offset from the
 * point estimate it was fitted with; a refit refits the oldest draws it has time for, each warm-started from where
 * it was, and moves the others along with the new point estimate. Refitting every draw on every refit would cost a
 * thousand fits per refit; this spends a budget per refit and still refreshes every draw in turn.
 */
public final class RollingBootstrap {

    private final int resamples;
    private final long seed;
    private final List<String> runs;
    /** The points of each run when the bootstrap began; null when not known. */
    private final RunGrowth growth;
    /** Per resample, its law's log vector minus the point estimate's; null before its first fit or after a failure. */
    private final double[][] offsets;
    private final boolean[] tried;
    private int cursor;

    /**
     * @param resamples how many resamples
     * @param seed the seed; resample i uses seed + i, as in {@link RunBootstrap}
     * @param runs the runs the resamples draw from; other runs need a new bootstrap
     */
    public RollingBootstrap(int resamples, long seed, List<String> runs) {
        this(resamples, seed, runs, null);
    }

    /**
     * A bootstrap of {@code data}'s runs that also remembers how many points each run had, so that it stops serving
     * once a run has outgrown them ({@link #serves}).
     */
    public RollingBootstrap(int resamples, long seed, FamilyData data) {
        this(resamples, seed, data.runNames(), RunGrowth.of(data));
    }

    private RollingBootstrap(int resamples, long seed, List<String> runs, RunGrowth growth) {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 1, was " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
        this.runs = List.copyOf(runs);
        this.growth = growth;
        this.offsets = new double[resamples][];
        this.tried = new boolean[resamples];
    }

    /**
     * Whether this bootstrap can serve {@code data} with {@code resamples}: the same runs, the same count, and no run
     * that has outgrown the points it had when the bootstrap began ({@link RunGrowth}).
     */
    public boolean serves(FamilyData data, int resamples) {
        return this.resamples == resamples && runs.equals(data.runNames())
                && (growth == null || !growth.outgrownBy(data));
    }

    /**
     * Refits draws, oldest first, until every draw is fresh or at least {@code atLeast} were refitted and
     * {@code deadlineNanos} (a {@link System#nanoTime()} value) has passed, and returns the draws around
     * {@code point}.
     *
     * @param baseWeight the fit's per-point weights, or null for 1
     */
    public Refresh refresh(ChinchillaFitter fitter, FamilyData data, double[] baseWeight, ChinchillaPins pins,
                           ChinchillaLaw point, int atLeast, long deadlineNanos) {
        Objects.requireNonNull(point);
        if (!runs.equals(data.runNames())) {
            throw new IllegalArgumentException("the bootstrap draws from runs " + runs + ", the data has "
                    + data.runNames());
        }
        long t0 = System.nanoTime();
        double[] centre = point.toLogVector();
        int batch = Math.max(1, Runtime.getRuntime().availableProcessors() * 2);
        int refreshed = 0;
        while (refreshed < resamples && (refreshed < atLeast || System.nanoTime() < deadlineNanos)) {
            // Without time to spare, exactly the minimum: a refit asked for one draw must not take every core.
            int wanted = System.nanoTime() < deadlineNanos ? Math.max(batch, atLeast - refreshed) : atLeast - refreshed;
            int size = Math.min(resamples - refreshed, wanted);
            int first = cursor;
            IntStream draws = IntStream.range(0, size);
            (size > 1 ? draws.parallel() : draws).forEach(k -> refit(fitter, data, baseWeight, pins, centre,
                    (first + k) % resamples));
            cursor = (first + size) % resamples;
            refreshed += size;
        }
        return new Refresh(draws(centre, data.runs(), (System.nanoTime() - t0) / 1_000_000), refreshed);
    }

    private void refit(ChinchillaFitter fitter, FamilyData data, double[] baseWeight, ChinchillaPins pins,
                       double[] centre, int i) {
        tried[i] = true;
        double[] weight = RunBootstrap.resampleWeights(data, baseWeight, pins, new SplittableRandom(seed + i));
        ChinchillaLaw start = ChinchillaLaw.fromLogVector(offsets[i] == null ? centre : plus(centre, offsets[i]));
        offsets[i] = weight == null ? null
                : fitter.refine(data.params(), data.tokens(), data.loss(), weight, pins, start)
                        .map(law -> minus(law.toLogVector(), centre)).orElse(null);
    }

    private RunBootstrap.Draws draws(double[] centre, int runCount, long millis) {
        List<ChinchillaLaw> laws = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < resamples; i++) {
            if (offsets[i] != null) {
                laws.add(ChinchillaLaw.fromLogVector(plus(centre, offsets[i])));
            } else if (tried[i]) {
                failed++;
            }
        }
        return new RunBootstrap.Draws(laws, laws.size() + failed, failed, runCount, millis);
    }

    private static double[] plus(double[] a, double[] b) {
        double[] out = a.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] += b[k];
        }
        return out;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = a.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] -= b[k];
        }
        return out;
    }

    /**
     * One refresh.
     *
     * @param draws every usable draw, moved to the current point estimate
     * @param refreshed draws refitted on the current data; the others were fitted on earlier data
     */
    public record Refresh(RunBootstrap.Draws draws, int refreshed) {
    }
}
