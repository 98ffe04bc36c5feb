package io.scalecast.fit.service;

import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.RunForecast;
import io.scalecast.core.fit.CurveForecast;
import io.scalecast.core.fit.Interval;
import io.scalecast.core.fit.RunForecaster;
import io.scalecast.core.law.LawKind;
import io.scalecast.core.law.TissueLaw;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** Shapes scaling-core's forecast of a run as the {@link RunForecast} event fit-service publishes. */
final class RunForecastEvents {

    /** Bootstrap draws each forecast carries for what-if bands. */
    static final int DRAWS = 100;

    private RunForecastEvents() {
    }

    /**
     * The event of {@code f}, as {@code version}.
     *
     * @param lab the tenant
     * @param family the family
     * @param f the run's forecast
     * @param params N of the run
     * @param planRevision the plan's revision, used when the run has a plan
     * @param planDescriptor the plan's descriptor as the lab sent it
     * @param logged the run's logged (step, lr) points, used when its rates come from them
     * @param version the forecast's version
     */
    static RunForecast of(String lab, String family, RunForecaster.Forecast f, double params, long planRevision,
                          String planDescriptor, List<double[]> logged, long version) {
        RunForecaster.SizeLaw size = f.size();
        List<RunForecast.Point> ahead = f.forecast().stream().map(RunForecastEvents::point).toList();
        RunForecast.Point end = f.plan() != null && !ahead.isEmpty()
                && ahead.get(ahead.size() - 1).step() == f.plan().totalSteps() ? ahead.get(ahead.size() - 1) : null;
        return new RunForecast(EventValidator.SCHEMA_VERSION, lab, family, f.run(), version,
                LawKind.LR_ANNEALING.wireName(), params, size.runs(), LawKind.annealing().named(size.law()),
                intervals(size.intervals()), size.law().lambda(),
                size.law().warmupAtPeak(), size.borrowed(),
                LawKind.annealing().draws(size.draws().stream().limit(DRAWS).toList()), size.scatter(), f.drift(),
                new RunForecast.Rates(f.source(), "logged".equals(f.source()) ? logged : List.of()),
                f.plan() == null ? null : new RunForecast.Plan(planDescriptor, planRevision), f.lastStep(),
                observed(f), ahead, end, new RunForecast.Fit(size.fit().diagnostics().points(),
                        size.fit().diagnostics().r2(), size.fit().diagnostics().rmseLog(), size.search(),
                        size.draws().size(), size.millis()), Instant.now().toString());
    }

    /**
     * The sizes of a family that fitted their own C in its published forecasts, as donors of C to a family that
     * borrows from it: per size (N to three significant digits), the newest forecast's C and its draws' C.
     */
    static List<RunForecaster.Annealed> annealed(String family, Collection<RunForecast> published) {
        Map<Double, RunForecast> newest = new TreeMap<>();
        for (RunForecast f : published) {
            if (f.borrowed() == null && LawKind.LR_ANNEALING.wireName().equals(f.law())) {
                newest.merge(RunForecaster.size(f.params()), f,
                        (a, b) -> Instant.parse(a.fittedAt()).isAfter(Instant.parse(b.fittedAt())) ? a : b);
            }
        }
        return newest.entrySet().stream().map(e -> {
            RunForecast f = e.getValue();
            return new RunForecaster.Annealed("the size of N = " + e.getKey() + " of family " + family + " (runs "
                    + String.join(", ", f.sizeRuns()) + ")", e.getKey(),
                    LawKind.annealing().fromNamed(f.parameters()).c(),
                    LawKind.annealing().fromDraws(f.draws()).stream().map(TissueLaw::c).toList());
        }).toList();
    }

    private static Map<String, List<Double>> intervals(List<Interval> intervals) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (int k = 0; k < intervals.size(); k++) {
            out.put(LawKind.annealing().names().get(k),
                    List.of(intervals.get(k).lower(), intervals.get(k).upper()));
        }
        return out;
    }

    /** The run's observed checkpoints, thinned evenly to at most {@link RunForecast#MAX_OBSERVED}, the last kept. */
    private static List<RunForecast.Observed> observed(RunForecaster.Forecast f) {
        int n = f.steps().length;
        int[] kept = n <= RunForecast.MAX_OBSERVED ? IntStream.range(0, n).toArray()
                : IntStream.range(0, RunForecast.MAX_OBSERVED)
                        .map(k -> (int) ((long) (n - 1) * k / (RunForecast.MAX_OBSERVED - 1))).toArray();
        List<RunForecast.Observed> out = new ArrayList<>(kept.length);
        for (int i : kept) {
            out.add(new RunForecast.Observed(f.steps()[i], f.loss()[i], f.fitted()[i]));
        }
        return out;
    }

    static RunForecast.Point point(CurveForecast.Point p) {
        return new RunForecast.Point(p.step(), p.loss(), p.lower(), p.upper());
    }

    /** The event's forecast points as scaling-core's. */
    static List<CurveForecast.Point> points(List<RunForecast.Point> points) {
        return points.stream().map(p -> new CurveForecast.Point(Math.toIntExact(p.step()), p.loss(), p.lower(),
                p.upper())).toList();
    }
}
