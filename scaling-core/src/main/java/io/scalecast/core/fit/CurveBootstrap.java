package io.scalecast.core.fit;

import io.scalecast.core.schedule.LossCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Intervals of a whole-curve law by refitting resampled data warm-started from the point estimate. With at least
 * {@link #MIN_RUNS} runs, whole runs are resampled with replacement (the run bootstrap of science.md section 6).
 * With fewer, as when one model size has two or three runs, resampling runs cannot vary what the law rests on (a
 * resample of the constant run alone has nothing to anneal), so each curve keeps its steps and schedule and gets
 * the fitted losses times its own log residuals, resampled in moving blocks (Künsch 1989) when neighbouring
 * checkpoints are correlated and smoothed with a Gaussian kernel (the smoothed bootstrap of Efron and Tibshirani 1993).
 */
public final class CurveBootstrap {

    /** Runs from which whole runs are resampled. */
    public static final int MIN_RUNS = 5;

    private final int resamples;
    private final long seed;

    /**
     * @param resamples how many resamples, ≥ 1
     * @param seed resample i uses seed + i, so results do not depend on thread scheduling
     */
    public CurveBootstrap(int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 1, was " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    /**
     * The laws refitted on every resample that reached a usable law.
     *
     * @param curves the fitted curves
     * @param point the fit of all of them
     * @param losses a law's losses at a curve's steps
     * @param refit the fit of resampled curves started from {@code point}, empty when unusable
     */
    public <L> List<L> run(List<LossCurve> curves, L point, BiFunction<L, LossCurve, double[]> losses,
                           BiFunction<List<LossCurve>, L, Optional<L>> refit) {
        return run(curves, point, losses, (i, resample, start) -> refit.apply(resample, start));
    }

    /** A resample's refit that knows the resample's index, to pair it with a donor's draw of a borrowed parameter. */
    @FunctionalInterface
    public interface IndexedRefit<L> {
        Optional<L> apply(int resample, List<LossCurve> curves, L start);
    }

    /** As {@link #run(List, Object, BiFunction, BiFunction)}, with refits told their resample's index. */
    public <L> List<L> run(List<LossCurve> curves, L point, BiFunction<L, LossCurve, double[]> losses,
                           IndexedRefit<L> refit) {
        boolean byRun = curves.size() >= MIN_RUNS;
        List<Residuals> residuals = byRun ? List.of()
                : curves.stream().map(c -> Residuals.of(c, losses.apply(point, c))).toList();
        return IntStream.range(0, resamples).parallel().mapToObj(i -> {
            SplittableRandom random = new SplittableRandom(seed + i);
            List<LossCurve> resample = byRun ? runs(curves, random)
                    : residuals.stream().map(r -> r.resample(random)).toList();
            return refit.apply(i, resample, point);
        }).flatMap(Optional::stream).toList();
    }

    /**
     * The 95% interval of each coordinate: the point estimate ± 1.96 standard deviations of the draws (Efron's
     * standard bootstrap interval). On real curves the law is not exact and its residuals have structure (the end of a
     * cosine decay), which resampling moves elsewhere; the refits then centre away from the point fit (on the MPL
     * repository's 25M curves the median C of the refits lies outside their own 95% range about the point fit), so
     * the draws measure the uncertainty's size, not where the law is. Their standard deviation measures that size
     * more steadily than their 2.5th and 97.5th percentiles from the 100 or 200 resamples a fit can afford: with the
     * Multi-Power Law's seven correlated parameters, the percentiles' spread placed about the point held β and
     * C·η^−γ in 33–34 of 40 seeded trials, the standard deviation in 37–39 (docs/methods.md).
     */
    public static <L> List<Interval> intervals(List<L> draws, L point, Function<L, double[]> vector) {
        if (draws.isEmpty()) {
            return List.of();
        }
        double[] at = vector.apply(point);
        List<Interval> out = new ArrayList<>();
        for (int j = 0; j < at.length; j++) {
            int col = j;
            double sd = standardDeviation(draws.stream().mapToDouble(d -> vector.apply(d)[col]).toArray());
            out.add(new Interval(at[j] - CurveForecast.Z95 * sd, at[j] + CurveForecast.Z95 * sd));
        }
        return out;
    }

    private static double standardDeviation(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        double squares = Arrays.stream(values).map(x -> (x - mean) * (x - mean)).sum();
        return Math.sqrt(squares / Math.max(1, values.length - 1));
    }

    private static List<LossCurve> runs(List<LossCurve> curves, SplittableRandom random) {
        List<LossCurve> out = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            out.add(curves.get(random.nextInt(curves.size())));
        }
        return out;
    }

    /**
     * A curve's fitted losses and log residuals with the block length and bandwidth they are resampled with, worked
     * out once for every resample.
     */
    private record Residuals(LossCurve curve, double[] fitted, double[] log, int block, double bandwidth) {

        static Residuals of(LossCurve curve, double[] fitted) {
            double[] r = new double[curve.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.log(curve.loss()[i] / fitted[i]);
            }
            return new Residuals(curve, fitted, r, blockLength(r), CurveBootstrap.bandwidth(r));
        }

        /** The curve's steps and schedule with the fitted losses times resampled residuals. */
        LossCurve resample(SplittableRandom random) {
            double[] resampled = CurveBootstrap.resample(log, block, bandwidth, random);
            double[] loss = new double[log.length];
            for (int i = 0; i < log.length; i++) {
                loss[i] = fitted[i] * Math.exp(resampled[i]);
            }
            return new LossCurve(curve.run(), curve.rates(), curve.steps(), loss);
        }
    }

    /** Circular moving blocks of {@code block} residuals, each plus Gaussian noise of SD {@code h}. */
    static double[] resample(double[] r, int block, double h, SplittableRandom random) {
        int n = r.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i += block) {
            int start = random.nextInt(n);
            for (int j = 0; j < block && i + j < n; j++) {
                out[i + j] = r[(start + j) % n] + h * gaussian(random);
            }
        }
        return out;
    }

    /**
     * One residual at a time when neighbours are uncorrelated; blocks of n^(1/3) when the lag-1 autocorrelation
     * exceeds its 95% noise level 2/sqrt(n), as on real curves whose checkpoints share data-order noise.
     */
    static int blockLength(double[] r) {
        int n = r.length;
        double mean = Arrays.stream(r).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            den += (r[i] - mean) * (r[i] - mean);
            if (i > 0) {
                num += (r[i] - mean) * (r[i - 1] - mean);
            }
        }
        boolean correlated = den > 0 && num / den > 2 / Math.sqrt(n);
        return correlated ? Math.max(1, (int) Math.round(Math.cbrt(n))) : 1;
    }

    /**
     * Silverman's bandwidth 0.9·min(SD, IQR/1.34)·n^(−1/5). The Huber fit pulls many residuals to near zero, so
     * resampling them as they are makes the law look about 15% more certain than it is; smoothing them with this
     * kernel restores the spread (95% intervals held the truth in 86-92% of 100 seeded trials unsmoothed, 93-95%
     * smoothed).
     */
    static double bandwidth(double[] r) {
        int n = r.length;
        double mean = Arrays.stream(r).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(r).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, n - 1));
        Interval quartiles = Interval.percentile(r, 0.5);
        double iqr = quartiles.upper() - quartiles.lower();
        double spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
        return 0.9 * spread * Math.pow(n, -0.2);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
