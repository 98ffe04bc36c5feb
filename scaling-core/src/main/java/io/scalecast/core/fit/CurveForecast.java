package io.scalecast.core.fit;

import io.scalecast.core.schedule.LearningRates;
import io.scalecast.core.schedule.LossCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A run's loss forecast at future steps under learning rates (its plan, or a what-if) from a whole-curve law and its
 * bootstrap draws: the law's loss with a 95% band that adds the checkpoints' own scatter (the fit's log residual
 * spread) to the law's uncertainty, since a band meant to hold the next logged loss must hold its noise too.
 */
public final class CurveForecast {

    /** z of a two-sided 95% normal interval. */
    static final double Z95 = 1.959964;

    /** A law's losses at steps under learning rates. */
    @FunctionalInterface
    public interface Losses<L> {
        double[] at(L law, LearningRates rates, int[] steps);
    }

    /**
     * One forecast checkpoint.
     *
     * @param step the step
     * @param loss the point law's loss
     * @param lower the band's lower end
     * @param upper the band's upper end
     */
    public record Point(int step, double loss, double lower, double upper) {

        /** Whether {@code observed} lies in the band. */
        public boolean holds(double observed) {
            return observed >= lower && observed <= upper;
        }
    }

    /**
     * The law's relative extrapolation error beyond a run's last observed step: {@code perEfold} per e-fold of steps
     * past {@code from}, measured by backtesting the law on the run's own checkpoints.
     *
     * @param from the last observed step
     * @param perEfold the relative error per unit of ln(step / from)
     */
    public record Extrapolation(int from, double perEfold) {

        /** No extrapolation error known. */
        public static final Extrapolation NONE = new Extrapolation(0, 0);

        /** The relative error at {@code step}. */
        public double at(int step) {
            return step <= from || perEfold == 0 ? 0 : perEfold * Math.log((double) step / from);
        }
    }

    private CurveForecast() {
    }

    /**
     * The forecast at {@code steps}.
     *
     * @param point the fitted law
     * @param draws its bootstrap refits (none: a band of the scatter alone)
     * @param losses the law's losses
     * @param rates the rates of every step to at least the last of {@code steps}
     * @param steps the steps to forecast, increasing, within the rates
     * @param scatter the standard deviation of the fit's log residuals
     */
    public static <L> List<Point> at(L point, List<L> draws, Losses<L> losses, LearningRates rates, int[] steps,
                                     double scatter) {
        return at(point, draws, losses, rates, steps, scatter, Extrapolation.NONE);
    }

    /** As {@link #at(Object, List, Losses, LearningRates, int[], double)}, the band widened by {@code drift}. */
    public static <L> List<Point> at(L point, List<L> draws, Losses<L> losses, LearningRates rates, int[] steps,
                                     double scatter, Extrapolation drift) {
        if (steps.length == 0) {
            return List.of();
        }
        if (steps[steps.length - 1] > rates.lastStep()) {
            throw new IllegalArgumentException("step " + steps[steps.length - 1] + " is past the schedule's last step "
                    + rates.lastStep());
        }
        double[] loss = losses.at(point, rates, steps);
        List<Interval> law = CurveBootstrap.intervals(draws, point, d -> losses.at(d, rates, steps));
        List<Point> out = new ArrayList<>(steps.length);
        for (int i = 0; i < steps.length; i++) {
            double noise = Z95 * Math.hypot(scatter, drift.at(steps[i])) * loss[i];
            double below = law.isEmpty() ? 0 : loss[i] - law.get(i).lower();
            double above = law.isEmpty() ? 0 : law.get(i).upper() - loss[i];
            out.add(new Point(steps[i], loss[i], loss[i] - Math.hypot(below, noise),
                    loss[i] + Math.hypot(above, noise)));
        }
        return out;
    }

    /**
     * The future checkpoints of a run: after its last observed step at its logging cadence (the median gap between
     * its observed steps) up to {@code end}, which is always included, thinned evenly to at most {@code max}.
     */
    public static int[] futureSteps(int[] observed, int end, int max) {
        int last = observed.length == 0 ? 0 : observed[observed.length - 1];
        if (end <= last) {
            return new int[0];
        }
        int cadence = Math.max(1, median(IntStream.range(1, observed.length)
                .map(i -> observed[i] - observed[i - 1]).toArray()));
        int[] all = IntStream.iterate(last + cadence, s -> s < end, s -> s + cadence).toArray();
        int[] withEnd = Arrays.copyOf(all, all.length + 1);
        withEnd[all.length] = end;
        if (withEnd.length <= max) {
            return withEnd;
        }
        return IntStream.rangeClosed(1, max)
                .map(k -> withEnd[(int) Math.round((double) k * withEnd.length / max) - 1]).distinct().toArray();
    }

    /**
     * The standard deviation of ln(observed / fitted) over every point of the fitted curves: pooled over the runs, so
     * that it also holds the law's misfit where some runs have annealed and the forecast one has not yet.
     */
    public static double scatter(List<LossCurve> curves, Function<LossCurve, double[]> fitted) {
        return scatter(ScheduleFit.losses(curves), curves.stream().flatMapToDouble(c -> Arrays.stream(fitted.apply(c)))
                .toArray());
    }

    private static double scatter(double[] observed, double[] fitted) {
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < observed.length; i++) {
            double r = Math.log(observed[i] / fitted[i]);
            sum += r;
            sumSq += r * r;
        }
        int n = observed.length;
        return n < 2 ? 0 : Math.sqrt(Math.max(0, (sumSq - sum * sum / n) / (n - 1)));
    }

    private static int median(int[] gaps) {
        if (gaps.length == 0) {
            return 1;
        }
        int[] sorted = gaps.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
