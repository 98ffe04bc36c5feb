package io.scalecast.core.fit;

import io.scalecast.core.law.ErrorLaw;
import io.scalecast.core.law.SigmoidAccuracyLaw;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Maps a benchmark's error to the models' loss (science.md sections 4.2 and 4.3): fits Gadre et al.'s exponential
 * Err(L) = ε − k·exp(−γ·L) and, when the benchmark's chance level is known, the sigmoid with chance as its floor;
 * picks the form that better predicts the held-out model of lowest loss (the direction a map extrapolates in); and
 * says whether the map can be trusted, with every reason it cannot.
 */
public final class DownstreamFitter {

    /** The form Err(L) = ε − k·exp(−γ·L). */
    public static final String EXPONENTIAL = "exponential";

    /** The form acc(L) = c + (u − c)·σ(−k·(L − L_mid)), error = 1 − acc. */
    public static final String SIGMOID = "sigmoid";

    private final Thresholds thresholds;

    public DownstreamFitter(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * When a map is called unreliable.
     *
     * @param minModels fewest models a trustworthy map is fitted on
     * @param nearChance the best model's accuracy must exceed chance by more than this
     * @param minMonotonicity the least Spearman correlation of error with loss
     * @param maxHeldOutError the largest relative error on the held-out model
     */
    public record Thresholds(int minModels, double nearChance, double minMonotonicity, double maxHeldOutError) {

        /** Five models, 5 points above chance, ρ ≥ 0.7, 10% held-out error. */
        public static final Thresholds DEFAULT = new Thresholds(5, 0.05, 0.7, 0.10);
    }

    /**
     * One model's point on the map.
     *
     * @param run the model's run
     * @param loss its loss
     * @param error its error on the benchmark, in [0, 1]
     */
    public record Point(String run, double loss, double error) {
    }

    /**
     * A fitted map.
     *
     * @param form {@link #EXPONENTIAL} or {@link #SIGMOID}
     * @param exponential the exponential fit on every model (law and covariance), or null when it did not fit
     * @param sigmoid the sigmoid fitted on every model, or null (no chance level, or it did not fit)
     * @param heldOutRun the held-out model (lowest loss)
     * @param heldOutError relative error of each form on the held-out model: [exponential, sigmoid], NaN where a form
     *     was not fitted
     * @param monotonicity Spearman correlation of error with loss
     * @param reasons why the map is unreliable; empty when it is reliable
     */
    public record Map(String form, ErrorFit exponential, SigmoidAccuracyLaw sigmoid, String heldOutRun,
                      double[] heldOutError, double monotonicity, List<String> reasons) {

        /** Whether nothing argues against the map. */
        public boolean reliable() {
            return reasons.isEmpty();
        }

        /** The chosen form's error at loss L. */
        public double error(double loss) {
            return EXPONENTIAL.equals(form) ? exponential.law().error(loss) : 1 - sigmoid.accuracy(loss);
        }
    }

    /**
     * Fits a benchmark's points.
     *
     * @param chance the accuracy of random guessing, or null when unknown (then only the exponential is fitted)
     * @throws IllegalArgumentException with fewer than 4 models (3 to fit and one to hold out)
     * @throws IllegalStateException when neither form fits
     */
    public Map fit(List<Point> points, Double chance) {
        if (points.size() < 4) {
            throw new IllegalArgumentException("a loss-to-error map needs at least 4 models, has " + points.size());
        }
        List<Point> byLoss = points.stream().sorted(Comparator.comparingDouble(Point::loss)).toList();
        Point heldOut = byLoss.get(0);
        List<Point> train = byLoss.subList(1, byLoss.size());
        double[] heldOutError = {relative(exponential(train), heldOut), chance == null ? Double.NaN
                : relative(sigmoid(train, chance), heldOut)};
        ErrorFit exponential = exponential(byLoss);
        SigmoidAccuracyLaw sigmoid = chance == null ? null : sigmoid(byLoss, chance);
        String form = choose(heldOutError, exponential, sigmoid);
        double monotonicity = spearman(byLoss);
        double chosenError = EXPONENTIAL.equals(form) ? heldOutError[0] : heldOutError[1];
        return new Map(form, exponential, sigmoid, heldOut.run(), heldOutError, monotonicity,
                reasons(byLoss, chance, monotonicity, chosenError));
    }

    private static String choose(double[] heldOutError, ErrorFit exponential, SigmoidAccuracyLaw sigmoid) {
        boolean exp = exponential != null && !Double.isNaN(heldOutError[0]);
        boolean sig = sigmoid != null && !Double.isNaN(heldOutError[1]);
        if (!exp && !sig) {
            throw new IllegalStateException("neither the exponential nor the sigmoid form fits the benchmark's"
                    + " models");
        }
        return sig && (!exp || heldOutError[1] < heldOutError[0]) ? SIGMOID : EXPONENTIAL;
    }

    private List<String> reasons(List<Point> points, Double chance, double monotonicity, double heldOutError) {
        List<String> out = new ArrayList<>();
        if (points.size() < thresholds.minModels()) {
            out.add("fitted on " + points.size() + " models; a trustworthy map needs at least "
                    + thresholds.minModels());
        }
        OptionalDouble best = points.stream().mapToDouble(p -> 1 - p.error()).max();
        if (chance != null && best.orElseThrow() - chance <= thresholds.nearChance()) {
            out.add(String.format(Locale.ROOT, "near chance: the best model's accuracy %.3f is within %.3g of"
                    + " chance %.3f", best.orElseThrow(), thresholds.nearChance(), chance));
        }
        if (!(monotonicity >= thresholds.minMonotonicity())) {
            out.add(String.format(Locale.ROOT, "non-monotone: error does not rise with loss (Spearman %.2f, needs"
                    + " %.2f)", monotonicity, thresholds.minMonotonicity()));
        }
        if (!(heldOutError <= thresholds.maxHeldOutError())) {
            out.add(String.format(Locale.ROOT, "back-test: the held-out model of lowest loss is predicted with a"
                    + " relative error of %.1f%% (threshold %.1f%%)", 100 * heldOutError,
                    100 * thresholds.maxHeldOutError()));
        }
        return out;
    }

    /**
     * The exponential fit of {@code points}: from the recipe's start (1, 1, 1), and when that reaches no usable law
     * (error rising with loss: k, γ > 0) from starts through the data's mean (ε just above the worst error or at 1,
     * γ of 0.3, 1 or 3), keeping the lowest residual; null when none is usable.
     */
    static ErrorFit exponential(List<Point> points) {
        double[] loss = column(points, Point::loss);
        double[] error = column(points, Point::error);
        ErrorFit recipe = exponential(loss, error, new double[] {1, 1, 1});
        if (recipe != null) {
            return recipe;
        }
        double meanLoss = mean(loss);
        double meanError = mean(error);
        double worst = Arrays.stream(error).max().orElseThrow();
        ErrorFit best = null;
        for (double epsilon : new double[] {Math.min(1, worst + 0.05), 1}) {
            for (double gamma : new double[] {0.3, 1, 3}) {
                double k = Math.max(epsilon - meanError, 1e-3) * Math.exp(gamma * meanLoss);
                ErrorFit f = exponential(loss, error, new double[] {epsilon, k, gamma});
                if (f != null && (best == null || f.rmse() < best.rmse())) {
                    best = f;
                }
            }
        }
        return best;
    }

    /**
     * The exponential fit of {@code points} from {@code start} alone (a fit of similar data, as a bootstrap
     * resample's from the map's law), or null when that start reaches no usable law.
     */
    static ErrorFit exponentialFrom(List<Point> points, ErrorLaw start) {
        return exponential(column(points, Point::loss), column(points, Point::error), start.toVector());
    }

    private static ErrorFit exponential(double[] loss, double[] error, double[] start) {
        try {
            ErrorFit f = new ErrorLawFitter().fit(loss, error, start);
            ErrorLaw l = f.law();
            boolean usable = l.k() > 0 && l.gamma() > 0 && Double.isFinite(l.epsilon()) && Double.isFinite(l.k())
                    && Double.isFinite(l.gamma()) && Double.isFinite(f.rmse());
            return usable ? f : null;
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** The sigmoid fit of {@code points} from {@code start} alone, or null when it reaches no valid law. */
    static SigmoidAccuracyLaw sigmoidFrom(List<Point> points, SigmoidAccuracyLaw start) {
        try {
            return new SigmoidAccuracyFitter().fitFrom(column(points, Point::loss),
                    column(points, p -> 1 - p.error()), start);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** The sigmoid fit of {@code points}, or null when no start reaches a valid law. */
    static SigmoidAccuracyLaw sigmoid(List<Point> points, double chance) {
        try {
            return new SigmoidAccuracyFitter().fit(column(points, Point::loss),
                    column(points, p -> 1 - p.error()), chance);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static double relative(ErrorFit fit, Point p) {
        return fit == null ? Double.NaN : relative(fit.law()::error, p);
    }

    private static double relative(SigmoidAccuracyLaw law, Point p) {
        return law == null ? Double.NaN : relative(l -> 1 - law.accuracy(l), p);
    }

    private static double relative(DoubleUnaryOperator error, Point p) {
        double e = Math.abs(error.applyAsDouble(p.loss()) - p.error()) / p.error();
        return Double.isFinite(e) ? e : Double.NaN;
    }

    /** Spearman's rank correlation of error with loss (ties get their mean rank). */
    static double spearman(List<Point> points) {
        double[] a = ranks(column(points, Point::loss));
        double[] b = ranks(column(points, Point::error));
        double ma = mean(a);
        double mb = mean(b);
        double num = 0;
        double da = 0;
        double db = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - ma) * (b[i] - mb);
            da += (a[i] - ma) * (a[i] - ma);
            db += (b[i] - mb) * (b[i] - mb);
        }
        return da == 0 || db == 0 ? 0 : num / Math.sqrt(da * db);
    }

    private static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] rank = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                rank[order[k]] = (i + j) / 2.0;
            }
            i = j + 1;
        }
        return rank;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double[] column(List<Point> points, ToDoubleFunction<Point> get) {
        return points.stream().mapToDouble(get).toArray();
    }
}
