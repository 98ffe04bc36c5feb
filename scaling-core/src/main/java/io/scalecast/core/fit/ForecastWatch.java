package io.scalecast.core.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a run's new checkpoints with the forecast made before they arrived and says when the run has left it for
 * the worse, and when it is back: a {@link Kind#SPIKE}, one checkpoint more than three band half-widths above the
 * forecast; {@link Kind#OFF_FORECAST}, {@value #CONSECUTIVE} checkpoints in a row above the band widened twofold;
 * {@link Kind#DIVERGING}, loss rising at {@value #RISES} checkpoints in a row by more than the band's width, ending
 * above it. Each is one incident until the run recovers (a checkpoint back inside the band, the widened band for
 * off-forecast). Besides, a run's forecast end can be worse than its family's target ({@link #target}), and a run can
 * fall silent past its cadence ({@link #silent}).
 *
 * <p>A run that beats its forecast raises nothing: that is the law's miss, not the run's trouble (on the public 100M
 * curves the annealing law under-forecasts what a decay gains), and the widening keeps the law's lag in a fast decay
 * from raising alerts on healthy runs; the public curves raise none.
 */
public final class ForecastWatch {

    /** Checkpoints in a row outside the widened band that make an off-forecast alert. */
    public static final int CONSECUTIVE = 3;
    /** Rises in a row that make a run diverging. */
    public static final int RISES = 3;
    /** Band half-widths above the forecast that make one checkpoint a spike. */
    static final double SPIKE = 3;
    /** How much the band is widened before checkpoints count as off the forecast. */
    static final double WIDENED = 2;
    /** A run is silent after this many of its usual gaps between checkpoints without one. */
    public static final double SILENT_GAPS = 5;
    /** The gaps between a run's last checkpoints its cadence is the median of. */
    static final int CADENCE_GAPS = 20;

    /** What an alert says. */
    public enum Kind {
        /** One checkpoint far above the forecast: a loss spike. */
        SPIKE("spike"),
        /** Several checkpoints in a row well above the forecast: the run has left its forecast for the worse. */
        OFF_FORECAST("off-forecast"),
        /** Loss rising checkpoint after checkpoint, above the forecast's band. */
        DIVERGING("diverging"),
        /** The run's forecast end is worse than its family's target loss. */
        TARGET("target"),
        /** No checkpoint for several of the run's usual gaps before its planned end. */
        SILENT("silent");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The name on the wire. */
        public String wireName() {
            return wireName;
        }

        /** The kind of a wire name. */
        public static Optional<Kind> of(String wireName) {
            return Arrays.stream(values()).filter(k -> k.wireName.equals(wireName)).findFirst();
        }

        /**
         * Whether the kind judges checkpoints, so that judging the same checkpoints again (a replay) must not raise
         * it twice; a target incident judges the forecast against a setting, and a changed setting is a new judgement
         * even with no new checkpoint.
         */
        public boolean judgesCheckpoints() {
            return this != TARGET;
        }
    }

    /** How urgent an alert is. */
    public enum Severity {
        /** Worth a look: the run may be fine. */
        WARNING,
        /** Act now: the run is losing compute. */
        CRITICAL;

        /** The name on the wire. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One alert.
     *
     * @param kind what happened
     * @param severity how urgent
     * @param step the checkpoint that raised it
     * @param observed its loss
     * @param expected the forecast there, with its band
     * @param message a sentence for people
     */
    public record Alert(Kind kind, Severity severity, int step, double observed, CurveForecast.Point expected,
                        String message) {
    }

    /**
     * A run back from an incident.
     *
     * @param kind the incident's kind
     * @param step the checkpoint at which it recovered
     */
    public record Recovery(Kind kind, int step) {
    }

    /**
     * What a run's checkpoints say, in the order they happened.
     *
     * @param raised the incidents opened
     * @param recovered the incidents closed
     */
    public record Verdict(List<Alert> raised, List<Recovery> recovered) {
    }

    private ForecastWatch() {
    }

    /** The alerts the checkpoints raise against {@code forecast} with no incident open: {@link #judge} from 0. */
    public static List<Alert> check(List<CurveForecast.Point> forecast, int[] steps, double[] loss) {
        return judge(forecast, steps, loss, 0, Set.of()).raised();
    }

    /**
     * Judges a run's checkpoints from index {@code from} on against the forecast made before they arrived: an
     * incident of a kind already open is not raised again, and closes at the first checkpoint back inside the band.
     * Checkpoints after the forecast's last step are not judged.
     *
     * @param forecast the forecast, by increasing step
     * @param steps all the run's checkpoints' steps, increasing (those before {@code from} show a rise's start)
     * @param loss their losses
     * @param from the first checkpoint that arrived after the forecast
     * @param open the run's incidents open before these checkpoints
     */
    public static Verdict judge(List<CurveForecast.Point> forecast, int[] steps, double[] loss, int from,
                                Set<Kind> open) {
        Verdict out = new Verdict(new ArrayList<>(), new ArrayList<>());
        if (forecast.isEmpty()) {
            return out;
        }
        Set<Kind> now = open.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(open);
        int last = forecast.get(forecast.size() - 1).step();
        int run = 0;
        for (int i = from; i < steps.length && steps[i] <= last; i++) {
            CurveForecast.Point e = at(forecast, steps[i]);
            double above = e.upper() - e.loss();
            run = loss[i] > e.loss() + WIDENED * above ? run + 1 : 0;
            boolean inBand = loss[i] <= e.upper();
            update(out, now, Kind.SPIKE, spike(steps[i], loss[i], e), inBand, steps[i]);
            update(out, now, Kind.OFF_FORECAST, run >= CONSECUTIVE ? Optional.of(off(steps[i], loss[i], e))
                    : Optional.empty(), loss[i] <= e.loss() + WIDENED * above, steps[i]);
            update(out, now, Kind.DIVERGING, diverging(steps, loss, i, e), inBand, steps[i]);
        }
        return out;
    }

    private static void update(Verdict out, Set<Kind> open, Kind kind, Optional<Alert> alert, boolean recovered,
                               int step) {
        if (open.contains(kind)) {
            if (recovered) {
                open.remove(kind);
                out.recovered().add(new Recovery(kind, step));
            }
        } else if (alert.isPresent()) {
            open.add(kind);
            out.raised().add(alert.get());
        }
    }

    private static Optional<Alert> spike(int step, double loss, CurveForecast.Point e) {
        double above = e.upper() - e.loss();
        double widths = (loss - e.loss()) / above;
        if (!(widths > SPIKE)) {
            return Optional.empty();
        }
        return Optional.of(new Alert(Kind.SPIKE, widths > 2 * SPIKE ? Severity.CRITICAL : Severity.WARNING, step,
                loss, e, String.format(Locale.ROOT, "loss %.4f at step %d is %.1f band half-widths above the forecast"
                        + " %.4f [%.4f, %.4f]", loss, step, widths, e.loss(), e.lower(), e.upper())));
    }

    private static Alert off(int step, double loss, CurveForecast.Point e) {
        return new Alert(Kind.OFF_FORECAST, Severity.WARNING, step, loss, e, String.format(Locale.ROOT,
                "%d checkpoints in a row above twice the forecast's band, the last %.4f at step %d against"
                        + " %.4f [%.4f, %.4f]", CONSECUTIVE, loss, step, e.loss(), e.lower(), e.upper()));
    }

    /** Loss rose at the last {@value #RISES} checkpoints up to {@code i}, by more than the band's width, above it. */
    private static Optional<Alert> diverging(int[] steps, double[] loss, int i, CurveForecast.Point e) {
        if (i < RISES || !(loss[i] > e.upper())) {
            return Optional.empty();
        }
        for (int k = i - RISES + 1; k <= i; k++) {
            if (!(loss[k] > loss[k - 1])) {
                return Optional.empty();
            }
        }
        double rise = loss[i] - loss[i - RISES];
        if (!(rise > e.upper() - e.lower())) {
            return Optional.empty();
        }
        return Optional.of(new Alert(Kind.DIVERGING, Severity.CRITICAL, steps[i], loss[i], e, String.format(
                Locale.ROOT, "loss rose at %d checkpoints in a row, by %.4f from step %d to %.4f at step %d, above the"
                        + " forecast %.4f [%.4f, %.4f]", RISES, rise, steps[i - RISES], loss[i], steps[i], e.loss(),
                e.lower(), e.upper())));
    }

    /**
     * A target incident when the forecast end is worse than {@code target}: critical when its whole band is; the run
     * recovers when a later forecast ends at or below the target.
     *
     * @param end the forecast at the planned end
     * @param step the run's last checkpoint
     * @param observed its loss
     * @param target the family's target loss
     * @param open whether the run has a target incident open
     */
    public static Verdict target(CurveForecast.Point end, int step, double observed, double target, boolean open) {
        Verdict out = new Verdict(new ArrayList<>(), new ArrayList<>());
        boolean worse = end.loss() > target;
        if (open && !worse) {
            out.recovered().add(new Recovery(Kind.TARGET, step));
        } else if (!open && worse) {
            out.raised().add(new Alert(Kind.TARGET, end.lower() > target ? Severity.CRITICAL : Severity.WARNING,
                    step, observed, end, String.format(Locale.ROOT, "forecast to end at %.4f [%.4f, %.4f] at step %d,"
                            + " worse than the family's target %.4f", end.loss(), end.lower(), end.upper(),
                            end.step(), target)));
        }
        return out;
    }

    /**
     * Whether a run whose checkpoints arrived at {@code arrivals} (epoch milliseconds, increasing) is silent at
     * {@code now}: more than {@value #SILENT_GAPS} times its cadence (the median of its last {@value #CADENCE_GAPS}
     * gaps, at least {@code floorMillis}, so that a bulk import's instant gaps do not count) since its last one. A run
     * with fewer than three checkpoints has no cadence yet.
     */
    public static boolean silent(long[] arrivals, long now, long floorMillis) {
        if (arrivals.length < 3) {
            return false;
        }
        int gaps = Math.min(CADENCE_GAPS, arrivals.length - 1);
        long[] g = new long[gaps];
        for (int k = 0; k < gaps; k++) {
            int j = arrivals.length - 1 - k;
            g[k] = arrivals[j] - arrivals[j - 1];
        }
        Arrays.sort(g);
        double median = gaps % 2 == 1 ? g[gaps / 2] : (g[gaps / 2 - 1] + g[gaps / 2]) / 2.0;
        return now - arrivals[arrivals.length - 1] > SILENT_GAPS * Math.max(median, floorMillis);
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
