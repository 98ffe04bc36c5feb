package io.scalecast.core.fit;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Expanding-window back-test by compute: order the family's points by C = 6ND, fit on every point below a cut and
 * predict the points of the next window, for cuts at growing shares of the points. Where the Hitchhiker protocol asks
 * "does the law reach the largest model", this asks "how does its error grow as it extrapolates further in compute",
 * which is how a law is used while a family trains.
 */
public final class ComputeBacktest {

    /** The share of the points, by compute, in the first training window. */
    public static final double FIRST_SHARE = 0.5;

    private ComputeBacktest() {
    }

    /**
     * Runs the back-test.
     *
     * @param fitter the fitter
     * @param points the family's loss points
     * @param cut the early-checkpoint rule, applied to the whole family before the windows are cut
     * @param pins parameters held fixed in every fit
     * @param windows number of windows: cuts at shares 0.5, 0.5 + 0.5/windows, ... of the points by compute
     */
    public static Result run(ChinchillaFitter fitter, List<CheckpointPoint> points, TokenCut cut,
                             ChinchillaPins pins, int windows) {
        if (windows < 1) {
            throw new IllegalArgumentException("windows must be at least 1, was " + windows);
        }
        List<CheckpointPoint> sorted = cut.apply(points).stream()
                .sorted(Comparator.comparingDouble(ComputeBacktest::compute)).toList();
        if (sorted.size() < 2 * (pins.free() + 1)) {
            throw new IllegalArgumentException("a compute back-test needs at least " + 2 * (pins.free() + 1)
                    + " points after the token cut, has " + sorted.size());
        }
        List<Window> out = new ArrayList<>();
        for (int k = 0; k < windows; k++) {
            int trainEnd = boundary(sorted, FIRST_SHARE + (1 - FIRST_SHARE) * k / windows);
            int testEnd = boundary(sorted, FIRST_SHARE + (1 - FIRST_SHARE) * (k + 1) / windows);
            if (testEnd > trainEnd) {
                out.add(window(fitter, sorted.subList(0, trainEnd), sorted.subList(trainEnd, testEnd), pins));
            }
        }
        return new Result(out);
    }

    private static Window window(ChinchillaFitter fitter, List<CheckpointPoint> train, List<CheckpointPoint> test,
                                 ChinchillaPins pins) {
        FamilyData data = FamilyData.of(train);
        double trainCompute = compute(train.get(train.size() - 1));
        double testCompute = compute(test.get(test.size() - 1));
        double bestLoss = train.stream().mapToDouble(CheckpointPoint::loss).min().orElseThrow();
        double baseline = HitchhikerBacktest.are(test, p -> bestLoss);
        try {
            ChinchillaLaw law = fitter.fit(data.params(), data.tokens(), data.loss(), null, pins).law();
            return new Window(trainCompute, testCompute, train.size(), data.runs(), test.size(),
                    HitchhikerBacktest.are(test, p -> law.loss(p.params(), p.tokens())), baseline, null);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new Window(trainCompute, testCompute, train.size(), data.runs(), test.size(), Double.NaN,
                    baseline, e.getMessage());
        }
    }

    /** The index after the points that make up {@code share} of the family, kept off ties in compute. */
    private static int boundary(List<CheckpointPoint> sorted, double share) {
        int i = (int) Math.round(share * sorted.size());
        while (i > 0 && i < sorted.size() && compute(sorted.get(i)) == compute(sorted.get(i - 1))) {
            i++;
        }
        return Math.min(i, sorted.size());
    }

    static double compute(CheckpointPoint p) {
        return 6 * p.params() * p.tokens();
    }

    /**
     * One window.
     *
     * @param trainCompute the largest compute fitted
     * @param testCompute the largest compute predicted
     * @param trainPoints points fitted
     * @param trainRuns runs among them
     * @param testPoints points predicted
     * @param are mean absolute relative error of the law on the window; NaN when the fit failed
     * @param bestLossBaseline ARE of predicting the best loss fitted so far
     * @param failure why the fit failed, or null
     */
    public record Window(double trainCompute, double testCompute, int trainPoints, int trainRuns, int testPoints,
                         double are, double bestLossBaseline, String failure) {

        /** How far the window extrapolates: its largest compute over the largest compute fitted. */
        public double extrapolation() {
            return testCompute / trainCompute;
        }
    }

    /**
     * The back-test's outcome.
     *
     * @param windows the windows in order of compute
     */
    public record Result(List<Window> windows) {

        /** The mean ARE over the windows whose fit succeeded; NaN when none did. */
        public double meanAre() {
            return windows.stream().filter(w -> w.failure() == null).mapToDouble(Window::are).average()
                    .orElse(Double.NaN);
        }
    }
}
