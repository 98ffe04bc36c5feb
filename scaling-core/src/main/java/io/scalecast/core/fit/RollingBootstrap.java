package io.scalecast.core.fit;

import io.scalecast.core.data.FamilyData;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A run bootstrap of any law kept across the refits of a growing family. Each resample keeps its draw as an offset
 * from the point estimate it was fitted with, in the law's search space; a refit refits the oldest draws it has time
 * for, each warm-started from where it was, and moves the others along with the new point estimate. Refitting every
 * draw on every refit would cost a thousand fits per refit; this spends a budget per refit and still refreshes
 * every draw in turn.
 *
 * @param <L> the law
 */
public final class RollingBootstrap<L> {

    private final int resamples;
    private final long seed;
    private final List<String> runs;
    private final LogForm<L> form;
    /** The points of each run when the bootstrap began; null when not known. */
    private final RunGrowth growth;
    /** Per resample, its law's search vector minus the point estimate's; null before its first fit or after a failure. */
    private final double[][] offsets;
    private final boolean[] tried;
    private int cursor;

    /**
     * A bootstrap of {@code data}'s runs that also remembers how many points each run had, so that it stops serving
     * once a run has outgrown them ({@link #serves}).
     *
     * @param resamples how many resamples
     * @param seed the seed; resample i uses seed + i, as in {@link RunBootstrap}
     */
    public RollingBootstrap(int resamples, long seed, FamilyData data, LogForm<L> form) {
        this(resamples, seed, data.runNames(), RunGrowth.of(data), form);
    }

    /** A bootstrap of {@code runs} that serves them however much they grow. */
    RollingBootstrap(int resamples, long seed, List<String> runs, LogForm<L> form) {
        this(resamples, seed, runs, null, form);
    }

    private RollingBootstrap(int resamples, long seed, List<String> runs, RunGrowth growth, LogForm<L> form) {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 1, was " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
        this.runs = List.copyOf(runs);
        this.growth = growth;
        this.form = form;
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
     * @param resample fits one resample of {@code data} (see {@link RunBootstrap}'s factories)
     */
    public Refresh<L> refresh(RunBootstrap.Resample<L> resample, FamilyData data, L point, int atLeast,
                              long deadlineNanos) {
        Objects.requireNonNull(point);
        if (!runs.equals(data.runNames())) {
            throw new IllegalArgumentException("the bootstrap draws from runs " + runs + ", the data has "
                    + data.runNames());
        }
        long t0 = System.nanoTime();
        int batch = Math.max(1, Runtime.getRuntime().availableProcessors() * 2);
        int refreshed = 0;
        while (refreshed < resamples && (refreshed < atLeast || System.nanoTime() < deadlineNanos)) {
            // Without time to spare, exactly the minimum: a refit asked for one draw must not take every core.
            int wanted = System.nanoTime() < deadlineNanos ? Math.max(batch, atLeast - refreshed) : atLeast - refreshed;
            int size = Math.min(resamples - refreshed, wanted);
            int first = cursor;
            IntStream draws = IntStream.range(0, size);
            (size > 1 ? draws.parallel() : draws).forEach(k -> refit(resample, point, (first + k) % resamples));
            cursor = (first + size) % resamples;
            refreshed += size;
        }
        return new Refresh<>(draws(point, data.runs(), (System.nanoTime() - t0) / 1_000_000), refreshed);
    }

    private void refit(RunBootstrap.Resample<L> resample, L point, int i) {
        tried[i] = true;
        L start = offsets[i] == null ? point : form.shifted(point, offsets[i]);
        offsets[i] = resample.fit(new SplittableRandom(seed + i), start)
                .map(law -> form.offset(law, point)).orElse(null);
    }

    private RunBootstrap.Draws<L> draws(L point, int runCount, long millis) {
        List<L> laws = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < resamples; i++) {
            if (offsets[i] != null) {
                laws.add(form.shifted(point, offsets[i]));
            } else if (tried[i]) {
                failed++;
            }
        }
        return new RunBootstrap.Draws<>(laws, laws.size() + failed, failed, runCount, millis);
    }

    /**
     * One refresh.
     *
     * @param <L> the law
     * @param draws every usable draw, moved to the current point estimate
     * @param refreshed draws refitted on the current data; the others were fitted on earlier data
     */
    public record Refresh<L>(RunBootstrap.Draws<L> draws, int refreshed) {
    }
}
