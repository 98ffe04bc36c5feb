package io.scalecast.cli;

import io.scalecast.core.fit.CurveBootstrap;
import io.scalecast.core.fit.FitDiagnostics;
import io.scalecast.core.fit.Interval;
import io.scalecast.core.fit.MultiPowerFitter;
import io.scalecast.core.fit.ScheduleFit;
import io.scalecast.core.fit.TissueFitter;
import io.scalecast.core.law.LawKind;
import io.scalecast.core.law.MultiPowerLaw;
import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.LearningRates;
import io.scalecast.core.schedule.LossCurve;
import io.scalecast.core.schedule.Schedule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The CLI's whole-curve laws of the learning-rate schedule: {@code fit --law lr-schedule} fits one law to several
 * runs' curves (each file one run, columns step, lr and loss), with each run's rates rebuilt from its
 * {@code --schedule} descriptor or interpolated from its logged rates.
 */
final class ScheduleCommands {

    static final String LAW = "lr-schedule";
    static final String TISSUE = "tissue";
    static final String MULTI_POWER = "multi-power";
    /** Bootstrap resamples of an annealing-law fit unless told (each refit takes milliseconds). */
    static final int TISSUE_RESAMPLES = 200;
    /**
     * Bootstrap resamples of a multi-power fit unless told (each refit takes about a second): with fewer the seven
     * parameters' intervals held the truth in under 90% of seeded trials (docs/methods.md).
     */
    static final int MULTI_POWER_RESAMPLES = 100;

    private final PrintStream err;

    ScheduleCommands(PrintStream err) {
        this.err = err;
    }

    /** One file read as a run's curve, with how its rates were found. */
    record Run(LossCurve curve, String rates) {
    }

    /**
     * Fits the curves of {@code inputs} jointly and bootstraps the law's intervals ({@link CurveBootstrap}).
     *
     * @param resamples bootstrap resamples, 0 for none, null for the form's default (FitCommand refuses one below 0)
     */
    Map<String, Object> fit(List<Path> inputs, Map<String, String> columns, List<String> schedules, String form,
                            String warmup, Integer resamples, long seed, int repeat) {
        boolean atPeak = warmupAtPeak(warmup);
        if (repeat < 1) {
            throw new CliException("--repeat must be >= 1, was " + repeat);
        }
        if (!schedules.isEmpty() && schedules.size() != inputs.size()) {
            throw new CliException("give one --schedule per --input (" + inputs.size() + "), or none; got "
                    + schedules.size());
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            runs.add(read(inputs.get(i), columns, schedules.isEmpty() ? null : schedules.get(i)));
        }
        List<LossCurve> curves = runs.stream().map(Run::curve).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("law", LAW);
        String chosen = form == null ? TISSUE : form;
        err.printf("fitting the %s law to %d points of %d runs%n", chosen, curves.stream()
                .mapToInt(LossCurve::size).sum(), curves.size());
        switch (chosen) {
            case TISSUE -> tissue(curves, atPeak, out, resamples == null ? TISSUE_RESAMPLES : resamples, seed,
                    repeat);
            case MULTI_POWER -> multiPower(curves, atPeak, out, resamples == null ? MULTI_POWER_RESAMPLES : resamples,
                    seed, repeat);
            default -> throw new CliException("--form of an lr-schedule fit must be tissue or multi-power, was '"
                    + form + "'");
        }
        out.put("runs", runs.stream().map(r -> Map.of("run", r.curve().run(), "points", r.curve().size(),
                "lastStep", r.curve().steps()[r.curve().size() - 1], "rates", r.rates())).toList());
        List<String> warnings = annealed(curves, chosen);
        warnings.forEach(w -> err.println("warning: " + w));
        out.put("warnings", warnings);
        return out;
    }

    private void tissue(List<LossCurve> curves, boolean atPeak, Map<String, Object> out, int resamples, long seed,
                        int repeat) {
        TissueFitter fitter = TissueFitter.standard().withWarmupAtPeak(atPeak);
        ScheduleFit<TissueLaw> fit = repeated(() -> fitter.fit(curves), repeat, out);
        out.put("form", TISSUE);
        out.put("params", LawKind.annealing().named(fit.law()));
        out.put("lambda", fit.law().lambda());
        out.put("warmup", atPeak ? "at-peak" : "as-trained");
        out.put("objective", fit.objective());
        out.put("diagnostics", diagnostics(fit.diagnostics()));
        bootstrap(curves, fit.law(), (law, c) -> law.losses(c.rates(), c.steps()), fitter::refine,
                TissueLaw::toVector, TissueLaw.NAMES, resamples, seed, out);
    }

    private void multiPower(List<LossCurve> curves, boolean atPeak, Map<String, Object> out, int resamples,
                            long seed, int repeat) {
        if (atPeak) {
            throw new CliException("--warmup at-peak is the annealing law's convention; the multi-power law sums the"
                    + " rates as trained");
        }
        MultiPowerFitter fitter = MultiPowerFitter.standard();
        ScheduleFit<MultiPowerLaw> fit = repeated(() -> fitter.fit(curves), repeat, out);
        out.put("form", MULTI_POWER);
        out.put("params", LawKind.multiPower().named(fit.law()));
        out.put("warmup", "as-trained");
        out.put("objective", fit.objective());
        out.put("diagnostics", diagnostics(fit.diagnostics()));
        bootstrap(curves, fit.law(), (law, c) -> law.losses(c.rates(), c.steps()), fitter::refine,
                MultiPowerLaw::toVector, MultiPowerLaw.NAMES, resamples, seed, out);
    }

    /**
     * The last of {@code repeat} fits in this JVM, with every fit's wall time as {@code repeatMillis} when more than
     * one: the later ones are a warm JVM's, as in a running service (benchmarks).
     */
    private static <L> ScheduleFit<L> repeated(Supplier<ScheduleFit<L>> fit, int repeat, Map<String, Object> out) {
        List<Long> millis = new ArrayList<>();
        ScheduleFit<L> last = null;
        for (int i = 0; i < repeat; i++) {
            last = fit.get();
            millis.add(last.diagnostics().millis());
        }
        if (repeat > 1) {
            out.put("repeatMillis", millis);
        }
        return last;
    }

    /** The law's 95% intervals from {@code resamples} refits of resampled curves, as {@code intervals}. */
    private <L> void bootstrap(List<LossCurve> curves, L point, BiFunction<L, LossCurve, double[]> losses,
                               BiFunction<List<LossCurve>, L, Optional<L>> refit, Function<L, double[]> vector,
                               String[] names, int resamples, long seed, Map<String, Object> out) {
        if (resamples == 0) {
            return;
        }
        String method = curves.size() >= CurveBootstrap.MIN_RUNS ? "runs" : "residuals";
        err.printf("bootstrapping %d resamples of the curves (%s)%n", resamples, method);
        List<L> draws = new CurveBootstrap(resamples, seed).run(curves, point, losses, refit);
        List<Interval> intervals = CurveBootstrap.intervals(draws, point, vector);
        Map<String, List<Double>> named = new LinkedHashMap<>();
        for (int k = 0; k < intervals.size(); k++) {
            named.put(names[k], List.of(intervals.get(k).lower(), intervals.get(k).upper()));
        }
        out.put("intervals", named);
        out.put("bootstrap", Map.of("resamples", resamples, "failed", resamples - draws.size(), "method", method,
                "seed", seed));
    }

    /**
     * The loss a fitted law predicts at each row of {@code file} under the file's own rates (or its
     * {@code schedule}), with the relative errors when the file has losses.
     */
    Map<String, Object> predictFrom(FitFile.CurveModel law, Path file, Map<String, String> columns, String schedule) {
        CsvTable table = CsvTable.read(file, Map.of());
        boolean hasLoss = table.column("loss", columns, false) >= 0;
        Run run = hasLoss ? read(file, columns, schedule) : readSteps(table, columns, schedule);
        LossCurve c = run.curve();
        double[] predicted = law.losses(c.rates(), c.steps());
        Map<String, Object> out = points(c.rates(), c.steps(), predicted);
        out.put("rates", run.rates());
        if (hasLoss) {
            double[] errors = c.relativeErrors(predicted);
            out.put("meanRelativeError", errors[0]);
            out.put("maxRelativeError", errors[1]);
        }
        return out;
    }

    /** The loss a fitted law predicts every {@code every} steps of a schedule, to its end. */
    static Map<String, Object> predictSchedule(FitFile.CurveModel law, String descriptor, int every) {
        if (every < 1) {
            throw new CliException("--steps must be >= 1, was " + every);
        }
        Schedule schedule;
        try {
            schedule = Schedule.parse(descriptor);
        } catch (IllegalArgumentException e) {
            throw new CliException("--schedule: " + e.getMessage());
        }
        LearningRates rates = schedule.rates();
        int[] steps = IntStream.concat(IntStream.iterate(every,
                s -> s < rates.lastStep(), s -> s + every), IntStream.of(rates.lastStep()))
                .toArray();
        Map<String, Object> out = points(rates, steps, law.losses(rates, steps));
        out.put("rates", schedule.toString());
        return out;
    }

    private Run readSteps(CsvTable table, Map<String, String> columns, String schedule) {
        int stepColumn = table.column("step", columns, true);
        int[] steps = new int[table.rows().size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = step(table.rows().get(i), stepColumn, i == 0 ? 0 : steps[i - 1]);
        }
        if (schedule == null) {
            throw new CliException(table.file().getFileName() + " has no loss column: give its --schedule, or"
                    + " step, lr and loss columns");
        }
        LearningRates rates = schedule(schedule, table.file(), steps[steps.length - 1]);
        double[] ones = new double[steps.length];
        Arrays.fill(ones, 1);
        return new Run(new LossCurve(table.file().getFileName().toString(), rates, steps, ones),
                Schedule.parse(schedule).toString());
    }

    private static Map<String, Object> points(LearningRates rates, int[] steps, double[] loss) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("step", steps[i]);
            p.put("lr", rates.at(steps[i]));
            p.put("loss", loss[i]);
            points.add(p);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("points", points);
        return out;
    }

    /** A run whose rate never falls below its peak before its last point cannot show what annealing gains. */
    private static List<String> annealed(List<LossCurve> curves, String form) {
        boolean any = curves.stream().anyMatch(ScheduleCommands::decayed);
        return any ? List.of() : List.of("no run's learning rate has fallen below its peak yet, so these curves"
                + " cannot identify " + (form.equals(TISSUE) ? "the annealing term C"
                : "the loss-drop terms B, C, beta and gamma") + "; add a run that has decayed, or borrow those"
                + " parameters from another size");
    }

    private static boolean decayed(LossCurve c) {
        double peak = 0;
        for (int s = 0; s <= c.steps()[c.size() - 1]; s++) {
            if (c.rates().at(s) < peak) {
                return true;
            }
            peak = Math.max(peak, c.rates().at(s));
        }
        return false;
    }

    static boolean warmupAtPeak(String warmup) {
        return switch (warmup == null ? "as-trained" : warmup) {
            case "as-trained" -> false;
            case "at-peak" -> true;
            default -> throw new CliException("--warmup must be as-trained or at-peak, was '" + warmup + "'");
        };
    }

    /** A file of (step, lr, loss) rows as one run's curve; the rates from {@code schedule} when given. */
    Run read(Path file, Map<String, String> columns, String schedule) {
        CsvTable table = CsvTable.read(file, Map.of());
        List<CsvTable.Row> rows = table.rows();
        int stepColumn = table.column("step", columns, true);
        int lossColumn = table.column("loss", columns, true);
        int lrColumn = table.column("lr", columns, schedule == null);
        int[] steps = new int[rows.size()];
        double[] loss = new double[rows.size()];
        double[] lrs = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            CsvTable.Row row = rows.get(i);
            steps[i] = step(row, stepColumn, i == 0 ? 0 : steps[i - 1]);
            loss[i] = row.positive(lossColumn);
            lrs[i] = lrColumn < 0 ? 0 : learningRate(row, lrColumn);
        }
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        LearningRates rates;
        String how;
        if (schedule != null) {
            rates = schedule(schedule, file, steps[steps.length - 1]);
            how = Schedule.parse(schedule).toString();
        } else {
            rates = LearningRates.interpolate(Arrays.stream(steps).asLongStream().toArray(), lrs);
            how = "interpolated from " + steps.length + " logged rates";
        }
        err.printf("read %s: %d points to step %d, rates %s%n", file.getFileName(), steps.length,
                steps[steps.length - 1], how);
        return new Run(new LossCurve(name, rates, steps, loss), how);
    }

    private static LearningRates schedule(String descriptor, Path file, int lastStep) {
        LearningRates rates;
        try {
            rates = Schedule.parse(descriptor).rates();
        } catch (IllegalArgumentException e) {
            throw new CliException("--schedule for " + file.getFileName() + ": " + e.getMessage());
        }
        if (rates.lastStep() < lastStep) {
            throw new CliException("--schedule for " + file.getFileName() + " ends at step " + rates.lastStep()
                    + " but the file has a loss at step " + lastStep);
        }
        return rates;
    }

    private static int step(CsvTable.Row row, int column, int previous) {
        double v = Numbers.parse(row.fields()[column], row.where(column));
        if (v != Math.rint(v) || v < 1 || v <= previous) {
            throw new CliException(row.where(column) + " must be a whole step >= 1 after the previous row's "
                    + previous + ", was " + row.fields()[column].trim());
        }
        return (int) v;
    }

    private static double learningRate(CsvTable.Row row, int column) {
        double v = Numbers.parse(row.fields()[column], row.where(column));
        if (v < 0) {
            throw new CliException(row.where(column) + " must be >= 0, was " + row.fields()[column].trim());
        }
        return v;
    }

    private static Map<String, Object> diagnostics(FitDiagnostics d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("points", d.points());
        out.put("starts", d.starts());
        out.put("bestStartHits", d.bestStartHits());
        out.put("r2", d.r2());
        out.put("rmseLog", d.rmseLog());
        out.put("millis", d.millis());
        out.put("atBound", d.atBound());
        return out;
    }
}
