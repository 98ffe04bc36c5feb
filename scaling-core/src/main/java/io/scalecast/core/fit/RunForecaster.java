package io.scalecast.core.fit;

import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.AnnealingAreas;
import io.scalecast.core.schedule.LearningRates;
import io.scalecast.core.schedule.LossCurve;
import io.scalecast.core.schedule.Schedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Forecasts a family's runs under their learning-rate schedules: fits the annealing law to every run of each model
 * size jointly (warm from the size's previous law when its runs are unchanged), borrows C from the nearest size that
 * has annealed (of the family, else of the family it borrows from) when none of a size's runs has finished its decay
 * (S2 ≡ 0 leaves C unidentified, and part of a decay misleads: the public 100M WSD run fitted alone 2,000 steps into
 * its decay forecasts its end 1.8% low, with C borrowed 0.2% high), bootstraps the fit, and forecasts each planned
 * run to its planned end.
 */
public final class RunForecaster {

    /** Checkpoints a run needs to be fitted. */
    public static final int MIN_POINTS = 2;
    /** Checkpoints a run's backtest keeps before its cut, at least. */
    private static final int MIN_BACKTEST = 8;
    /** A curve is decaying once its annealing area S2 exceeds this at its last observed step. */
    private static final double ANNEALED = 1e-9;
    /**
     * A curve has annealed once its last observed step has this share of the annealing area S2 its rates reach (its
     * plan's end, or its last logged rate).
     */
    static final double ANNEALED_SHARE = 0.95;

    private final TissueFitter fitter;
    private final int resamples;
    private final int maxForecast;

    /**
     * @param fitter the annealing law's fitter (its warm-up convention and λ)
     * @param resamples bootstrap resamples per size
     * @param maxForecast future checkpoints per forecast, at most
     */
    public RunForecaster(TissueFitter fitter, int resamples, int maxForecast) {
        this.fitter = fitter;
        this.resamples = resamples;
        this.maxForecast = maxForecast;
    }

    /**
     * One run's data.
     *
     * @param run the run
     * @param params N
     * @param steps observed steps, increasing
     * @param loss the loss at each
     * @param lr the learning rate logged at each, NaN where none was
     * @param plan its planned schedule, or null
     */
    public record RunData(String run, double params, long[] steps, double[] loss, double[] lr, Schedule plan) {
    }

    /**
     * The annealing law of one model size.
     *
     * @param params N of the size
     * @param runs its runs that were fitted
     * @param fit the fit (the law, its objective and diagnostics)
     * @param draws bootstrap refits
     * @param intervals each parameter's 95% interval, in {@link TissueLaw#NAMES} order
     * @param scatter the standard deviation of the log residuals over the size's runs
     * @param borrowed why and whence C was borrowed, or null
     * @param search {@code full} or {@code warm}
     * @param millis time of fit and bootstrap
     */
    public record SizeLaw(double params, List<String> runs, ScheduleFit<TissueLaw> fit, List<TissueLaw> draws,
                          List<Interval> intervals, double scatter, String borrowed, String search, long millis) {

        public TissueLaw law() {
            return fit.law();
        }

        /** This size as a donor of C to sizes that have not annealed. */
        public Annealed annealed() {
            return new Annealed("the size of N = " + params + " (runs " + String.join(", ", runs) + ")", params,
                    law().c(), draws.stream().map(TissueLaw::c).toList());
        }
    }

    /**
     * A size whose runs have annealed, as a donor of C: of this family, or of the family another borrows from.
     *
     * @param source what the borrowing law says it borrowed from
     * @param params its N
     * @param c its fitted C
     * @param drawnC its bootstrap draws' C, possibly none
     */
    public record Annealed(String source, double params, double c, List<Double> drawnC) {
    }

    /**
     * A forecast run.
     *
     * @param run the run
     * @param size its size's law
     * @param source {@code plan} or {@code logged}: where its rates so far come from
     * @param rates its rates to its last observed step, or to its planned end when it has a plan
     * @param plan its plan, or null
     * @param steps observed steps
     * @param loss observed losses
     * @param fitted the law's loss at each observed step
     * @param forecast the forecast at future checkpoints to the planned end (empty without a plan)
     * @param drift the law's relative extrapolation error for this run per e-fold of steps past its last one,
     *     measured on its own checkpoints (0 when it has no plan or too few checkpoints to measure it)
     */
    public record Forecast(String run, SizeLaw size, String source, LearningRates rates, Schedule plan, int[] steps,
                           double[] loss, double[] fitted, List<CurveForecast.Point> forecast, double drift) {

        /** The run's last observed step. */
        public int lastStep() {
            return steps[steps.length - 1];
        }
    }

    /**
     * Every run's outcome: forecasts, and runs not forecast with the reason.
     *
     * @param forecasts the forecast runs
     * @param skipped runs not forecast, with why
     * @param laws each fitted size's law, by N
     */
    public record Result(List<Forecast> forecasts, Map<String, String> skipped, Map<Double, SizeLaw> laws) {
    }

    /**
     * Forecasts every run that can be.
     *
     * @param runs the family's runs
     * @param previous each size's law of the last refit, by N, for warm starts
     * @param previousRuns the runs each size was fitted to last time, by N
     * @param seed the bootstrap seed
     */
    public Result forecast(List<RunData> runs, Map<Double, TissueLaw> previous, Map<Double, List<String>> previousRuns,
                           long seed) {
        return forecast(runs, previous, previousRuns, List.of(), seed);
    }

    /**
     * Forecasts every run that can be, borrowing C from {@code elsewhere} (the annealed sizes of the family this one
     * borrows from) when no size of this family has annealed.
     */
    public Result forecast(List<RunData> runs, Map<Double, TissueLaw> previous, Map<Double, List<String>> previousRuns,
                           List<Annealed> elsewhere, long seed) {
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<Double, List<Prepared>> bySize = new TreeMap<>();
        for (RunData r : runs) {
            prepare(r).ifPresentOrElse(p -> bySize.computeIfAbsent(size(r.params()), k -> new ArrayList<>()).add(p),
                    () -> skipped.put(r.run(), reason(r)));
        }
        Map<Double, SizeLaw> laws = new TreeMap<>();
        List<Double> order = bySize.keySet().stream()
                .sorted(Comparator.comparing((Double n) -> !annealed(bySize.get(n)))).toList();
        for (double n : order) {
            List<Prepared> size = bySize.get(n);
            List<Annealed> donors = laws.values().stream().filter(l -> l.borrowed() == null).map(SizeLaw::annealed)
                    .toList();
            Optional<SizeLaw> law = fit(n, size, donors.isEmpty() ? elsewhere : donors, previous.get(n),
                    previousRuns.get(n), seed);
            law.ifPresent(l -> laws.put(n, l));
            if (law.isEmpty()) {
                size.forEach(p -> skipped.put(p.run(), "no run of its size has annealed (S2 = 0 leaves C unknown) and"
                        + " no other size of the family, nor of a family it borrows from, has an annealing law to"
                        + " borrow C from"));
            }
        }
        List<Forecast> forecasts = bySize.entrySet().stream().filter(e -> laws.containsKey(e.getKey()))
                .flatMap(e -> e.getValue().stream().map(p -> forecast(p, e.getValue(), laws.get(e.getKey()))))
                .toList();
        return new Result(forecasts, skipped, laws);
    }

    /**
     * A what-if: the run's rates to its last observed step continued by {@code schedule}, forecast at its future
     * checkpoints to the schedule's last step.
     */
    public static List<CurveForecast.Point> whatIf(TissueLaw law, List<TissueLaw> draws, double scatter,
                                                   double drift, LearningRates history, int[] observed,
                                                   Schedule schedule, int maxForecast) {
        int last = observed[observed.length - 1];
        if (schedule.totalSteps() <= last) {
            throw new IllegalArgumentException("schedule: its steps (" + schedule.totalSteps()
                    + ") must be after the run's last observed step " + last);
        }
        LearningRates rates = history.continuedBy(last + 1, schedule.rates());
        return CurveForecast.at(law, draws, TissueLaw::losses, rates,
                CurveForecast.futureSteps(observed, schedule.totalSteps(), maxForecast), scatter,
                new CurveForecast.Extrapolation(last, drift));
    }

    /** A run's plan, extended at its last rate when the run went past its planned end at {@code lastStep}. */
    public static Schedule covering(Schedule plan, int lastStep) {
        return plan.totalSteps() < lastStep ? plan.withTotalSteps(lastStep) : plan;
    }

    /** The size a run belongs to: N to three significant digits, so 124.4M and 124.6M are one size. */
    public static double size(double params) {
        double scale = Math.pow(10, Math.floor(Math.log10(params)) - 2);
        return Math.round(params / scale) * scale;
    }

    /** A run's curve with where its rates come from. */
    private record Prepared(String run, LossCurve curve, String source, Schedule plan) {
    }

    private static Optional<Prepared> prepare(RunData r) {
        int[] steps = Arrays.stream(r.steps()).filter(s -> s >= 1).mapToInt(Math::toIntExact).toArray();
        if (steps.length < MIN_POINTS) {
            return Optional.empty();
        }
        double[] loss = Arrays.copyOfRange(r.loss(), r.loss().length - steps.length, r.loss().length);
        double[] lr = Arrays.copyOfRange(r.lr(), r.lr().length - steps.length, r.lr().length);
        int last = steps[steps.length - 1];
        if (r.plan() != null) {
            Schedule plan = covering(r.plan(), last);
            return Optional.of(new Prepared(r.run(), new LossCurve(r.run(), plan.rates(), steps, loss), "plan",
                    plan));
        }
        if (Arrays.stream(lr).allMatch(v -> Double.isFinite(v) && v >= 0)) {
            LearningRates rates = LearningRates.interpolate(Arrays.stream(steps).asLongStream().toArray(), lr);
            return Optional.of(new Prepared(r.run(), new LossCurve(r.run(), rates, steps, loss), "logged", null));
        }
        return Optional.empty();
    }

    private static String reason(RunData r) {
        return Arrays.stream(r.steps()).filter(s -> s >= 1).count() < MIN_POINTS
                ? "fewer than " + MIN_POINTS + " checkpoints after step 0"
                : "no learning rates: it has no plan and not every checkpoint logged its learningRate";
    }

    private Optional<SizeLaw> fit(double n, List<Prepared> size, List<Annealed> donors, TissueLaw previous,
                                  List<String> previousRuns, long seed) {
        long t0 = System.nanoTime();
        List<LossCurve> curves = size.stream().map(Prepared::curve).toList();
        List<String> names = size.stream().map(Prepared::run).toList();
        Borrowed borrowed = null;
        TissueFitter sizeFitter = fitter;
        if (!annealed(size)) {
            if (!donors.isEmpty()) {
                borrowed = Borrowed.of(n, donors);
                sizeFitter = fitter.withBorrowedC(borrowed.c());
            } else if (!decaying(size)) {
                return Optional.empty();
            }
        }
        ScheduleFit<TissueLaw> warm = previous != null && names.equals(previousRuns)
                ? warmFit(sizeFitter, previous, curves) : null;
        ScheduleFit<TissueLaw> fit = warm != null ? warm : sizeFitter.fit(curves);
        TissueLaw law = fit.law();
        long bootstrapSeed = seed ^ Double.hashCode(n);
        Borrowed b = borrowed;
        TissueFitter refitter = sizeFitter;
        List<TissueLaw> draws = new CurveBootstrap(resamples, bootstrapSeed).run(curves, law,
                (l, c) -> l.losses(c.rates(), c.steps()), (i, resample, start) -> (b == null ? refitter
                        : fitter.withBorrowedC(b.draw(i, bootstrapSeed))).refine(resample, start));
        List<Interval> intervals = draws.size() < resamples / 2 ? List.of()
                : CurveBootstrap.intervals(draws, law, TissueLaw::toVector);
        double scatter = CurveForecast.scatter(curves, c -> law.losses(c.rates(), c.steps()));
        return Optional.of(new SizeLaw(n, names, fit, draws, intervals, scatter, b == null ? null : b.reason(),
                warm != null ? "warm" : "full", (System.nanoTime() - t0) / 1_000_000));
    }

    /**
     * C for a size none of whose runs has annealed, from the sizes that have: the nearest size's C, or with two or
     * more the log-linear trend of C in N through them, and for each bootstrap resample one of the nearest size's
     * drawn C's times a log-normal factor of spread {@link #CROSS_SIZE} per e-fold of N to the nearest size, since C
     * moves with size (on the MPL repository's curves it is 18% higher at 100M than at 25M).
     *
     * @param c the borrowed C
     * @param spread the log-normal spread added per resample
     * @param nearest the nearest annealed size
     * @param reason what the published law says about it
     */
    private record Borrowed(double c, double spread, Annealed nearest, String reason) {

        /** Spread of ln C per unit of |ln(N / N_donor)|. */
        static final double CROSS_SIZE = 0.12;

        static Borrowed of(double n, List<Annealed> donors) {
            Annealed nearest = donors.stream().min(Comparator.comparingDouble(l -> Math.abs(Math.log(l.params() / n))))
                    .orElseThrow();
            double c = donors.size() == 1 ? nearest.c() : trend(donors, n);
            double spread = CROSS_SIZE * Math.abs(Math.log(nearest.params() / n));
            String from = donors.size() == 1 ? nearest.source()
                    : "the trend of C in N through " + donors.size() + " annealed sizes (nearest: " + nearest.source()
                    + ")";
            return new Borrowed(c, spread, nearest, "C = " + String.format(Locale.ROOT, "%.4g", c)
                    + " borrowed from " + from + ": no run of this size has finished a decay yet; its interval adds "
                    + String.format(Locale.ROOT, "%.0f", 100 * spread) + "% (log) for the size difference");
        }

        /** The C of resample {@code i}. */
        double draw(int i, long seed) {
            List<Double> draws = nearest.drawnC();
            double donor = draws.isEmpty() ? 1 : draws.get(i % draws.size()) / nearest.c();
            return c * donor * Math.exp(spread * new SplittableRandom(seed * 31 + i).nextGaussian());
        }

        /** exp of the least-squares line of ln C on ln N through the donors, at N = {@code n}. */
        private static double trend(List<Annealed> donors, double n) {
            double mx = donors.stream().mapToDouble(l -> Math.log(l.params())).average().orElseThrow();
            double my = donors.stream().mapToDouble(l -> Math.log(l.c())).average().orElseThrow();
            double sxy = donors.stream().mapToDouble(l -> (Math.log(l.params()) - mx) * (Math.log(l.c()) - my))
                    .sum();
            double sxx = donors.stream().mapToDouble(l -> Math.pow(Math.log(l.params()) - mx, 2)).sum();
            return Math.exp(my + (sxx == 0 ? 0 : sxy / sxx) * (Math.log(n) - mx));
        }
    }

    /** The warm refit, or null when it did not converge and the full search must run. */
    private static ScheduleFit<TissueLaw> warmFit(TissueFitter fitter, TissueLaw previous, List<LossCurve> curves) {
        try {
            ScheduleFit<TissueLaw> fit = fitter.warmFrom(previous).fit(curves);
            return fit.diagnostics().converged() ? fit : null;
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** Whether one of the size's runs has finished its decay: it can fit C alone. */
    private static boolean annealed(List<Prepared> size) {
        return size.stream().anyMatch(p -> {
            AnnealingAreas areas = areas(p);
            double now = areas.annealing(p.curve().steps()[p.curve().size() - 1]);
            return now > ANNEALED && now >= ANNEALED_SHARE * areas.annealing(p.curve().rates().lastStep());
        });
    }

    /** Whether one of the size's runs has begun to decay: C can be fitted, if poorly, when nothing can be borrowed. */
    private static boolean decaying(List<Prepared> size) {
        return size.stream().anyMatch(p -> areas(p).annealing(p.curve().steps()[p.curve().size() - 1]) > ANNEALED);
    }

    private static AnnealingAreas areas(Prepared p) {
        return AnnealingAreas.of(p.curve().rates().warmupAtPeak(), AnnealingAreas.DEFAULT_LAMBDA);
    }

    private Forecast forecast(Prepared p, List<Prepared> runs, SizeLaw size) {
        LossCurve c = p.curve();
        double[] fitted = size.law().losses(c.rates(), c.steps());
        double drift = p.plan() == null ? 0 : drift(p, runs, size);
        List<CurveForecast.Point> ahead = p.plan() == null ? List.of()
                : CurveForecast.at(size.law(), size.draws(), TissueLaw::losses, c.rates(),
                        CurveForecast.futureSteps(c.steps(), p.plan().totalSteps(), maxForecast), size.scatter(),
                        new CurveForecast.Extrapolation(c.steps()[c.size() - 1], drift));
        return new Forecast(p.run(), size, p.source(), c.rates(), p.plan(), c.steps(), c.loss(), fitted, ahead,
                drift);
    }

    /**
     * How far the law drifts from the run per e-fold of steps it extrapolates: the size's law refitted with this run
     * cut at {@code last / ratio} (the same ratio as from its last step to its planned end), its forecast of the
     * run's checkpoints after the cut, and the mean log error of the last tenth of them per e-fold of the cut's
     * ratio. The bootstrap alone does not see this: a short stretch of a power law fits its own noise well and
     * extrapolates it confidently (the public 100M runs forecast from step 8,000 end 1.2-1.6% high with bands of
     * about ±0.6%).
     */
    private double drift(Prepared p, List<Prepared> runs, SizeLaw size) {
        LossCurve c = p.curve();
        int last = c.steps()[c.size() - 1];
        int end = p.plan().totalSteps();
        if (end <= last) {
            return 0;
        }
        double cut = last / ((double) end / last);
        int kept = Math.max(MIN_BACKTEST, (int) Arrays.stream(c.steps()).filter(s -> s <= cut).count());
        if (kept >= c.size() - 1) {
            return 0;
        }
        LossCurve early = new LossCurve(c.run(), c.rates(), Arrays.copyOf(c.steps(), kept),
                Arrays.copyOf(c.loss(), kept));
        List<LossCurve> curves = runs.stream().map(r -> r == p ? early : r.curve()).toList();
        TissueFitter refitter = size.borrowed() == null ? fitter : fitter.withBorrowedC(size.law().c());
        Optional<TissueLaw> law = refitter.refine(curves, size.law());
        if (law.isEmpty()) {
            return 0;
        }
        int[] held = Arrays.copyOfRange(c.steps(), kept, c.size());
        double[] predicted = law.get().losses(c.rates(), held);
        int tail = Math.max(1, held.length / 10);
        double error = 0;
        for (int i = held.length - tail; i < held.length; i++) {
            error += Math.log(c.loss()[kept + i] / predicted[i]) / tail;
        }
        return Math.abs(error) / Math.log((double) last / c.steps()[kept - 1]);
    }
}
