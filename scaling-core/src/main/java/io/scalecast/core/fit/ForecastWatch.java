package io.scalecast.core.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares a run's new checkpoints with the forecast made before they arrived and says when the run has left it for
 * the worse: a {@link Kind#SPIKE}, one checkpoint more than three band half-widths above the forecast, or
 * {@link Kind#OFF_FORECAST}, {@value #CONSECUTIVE} checkpoints in a row above the band widened twofold. A run that
 * beats its forecast raises nothing: that is the law's miss, not the run's trouble (on the public 100M curves the
 * annealing law under-forecasts what a decay gains), and the widening keeps the law's lag in a fast decay from raising
 * alerts on healthy runs; the public curves raise none.
 */
public final class ForecastWatch {

    /** Checkpoints in a row outside the widened band that make an off-forecast alert. */
    public static final int CONSECUTIVE = 3;
    /** Band half-widths above the forecast that make one checkpoint a spike. */
    static final double SPIKE = 3;
    /** How much the band is widened before checkpoints count as off the forecast. */
    static final double WIDENED = 2;

    /** What an alert says. */
    public enum Kind {
        /** One checkpoint far above the forecast: a loss spike. */
        SPIKE("spike"),
        /** Several checkpoints in a row well above the forecast: the run has left its forecast for the worse. */
        OFF_FORECAST("off-forecast");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The name on the wire. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * One alert.
     *
     * @param kind what happened
     * @param step the checkpoint that raised it
     * @param observed its loss
     * @param expected the forecast there, with its band
     * @param message a sentence for people
     */
    public record Alert(Kind kind, int step, double observed, CurveForecast.Point expected, String message) {
    }

    private ForecastWatch() {
    }

    /**
     * The alerts the new checkpoints raise against {@code forecast}, at most one of each kind (the first): checkpoints
     * after the forecast's last step are not judged.
     *
     * @param forecast the forecast made before they arrived, by increasing step
     * @param steps the new checkpoints' steps, increasing
     * @param loss their losses
     */
    public static List<Alert> check(List<CurveForecast.Point> forecast, int[] steps, double[] loss) {
        List<Alert> out = new ArrayList<>();
        if (forecast.isEmpty()) {
            return out;
        }
        int run = 0;
        boolean spiked = false;
        boolean off = false;
        for (int i = 0; i < steps.length && steps[i] <= forecast.get(forecast.size() - 1).step(); i++) {
            CurveForecast.Point e = at(forecast, steps[i]);
            double above = e.upper() - e.loss();
            if (!spiked && loss[i] - e.loss() > SPIKE * above) {
                spiked = true;
                out.add(new Alert(Kind.SPIKE, steps[i], loss[i], e, String.format(Locale.ROOT, "loss %.4f at step %d"
                        + " is %.1f band half-widths above the forecast %.4f [%.4f, %.4f]", loss[i], steps[i],
                        (loss[i] - e.loss()) / above, e.loss(), e.lower(), e.upper())));
            }
            run = loss[i] > e.loss() + WIDENED * above ? run + 1 : 0;
            if (!off && run == CONSECUTIVE) {
                off = true;
                out.add(new Alert(Kind.OFF_FORECAST, steps[i], loss[i], e, String.format(Locale.ROOT,
                        "%d checkpoints in a row above twice the forecast's band, the last %.4f at step %d against"
                                + " %.4f [%.4f, %.4f]", CONSECUTIVE, loss[i], steps[i], e.loss(), e.lower(),
                        e.upper())));
            }
        }
        return out;
    }

    /** The forecast at {@code step}, interpolated linearly between its checkpoints, flat before the first. */
    static CurveForecast.Point at(List<CurveForecast.Point> forecast, int step) {
        CurveForecast.Point first = forecast.get(0);
        if (step <= first.step()) {
            return new CurveForecast.Point(step, first.loss(), first.lower(), first.upper());
        }
        for (int k = 1; k < forecast.size(); k++) {
            CurveForecast.Point b = forecast.get(k);
            if (step <= b.step()) {
                CurveForecast.Point a = forecast.get(k - 1);
                double f = (double) (step - a.step()) / (b.step() - a.step());
                return new CurveForecast.Point(step, a.loss() + f * (b.loss() - a.loss()),
                        a.lower() + f * (b.lower() - a.lower()), a.upper() + f * (b.upper() - a.upper()));
            }
        }
        throw new IllegalArgumentException("step " + step + " is after the forecast's last step");
    }
}
