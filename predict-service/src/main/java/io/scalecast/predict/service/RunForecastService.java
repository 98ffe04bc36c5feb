package io.scalecast.predict.service;

import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.event.RunForecast;
import io.scalecast.core.fit.CurveForecast;
import io.scalecast.core.fit.DecayPlanner;
import io.scalecast.core.fit.RunForecaster;
import io.scalecast.core.law.LawKind;
import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.LearningRates;
import io.scalecast.core.schedule.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;

/**
 * Answers a run's forecast from the newest one fit-service published: as published under the run's plan, or under a
 * what-if schedule from the run's last step, or the best decay start of its WSD plan, computed here from the law and
 * draws the forecast carries.
 */
@ApplicationScoped
public class RunForecastService {

    private final ForecastStore store;

    public RunForecastService(ForecastStore store) {
        this.store = store;
    }

    /** Every run of the family with a forecast, by name; empty when none has one. */
    public List<RunSummary> runs(String lab, String family) {
        return store.family(lab, family).stream().sorted(Comparator.comparing(RunForecast::run))
                .map(RunSummary::of).toList();
    }

    /**
     * The run's forecast, under {@code schedule} when it is given.
     *
     * @throws RefusedException 404 when the run has no forecast, 400 naming {@code schedule} when it is not usable
     */
    public RunForecastAnswer forecast(String lab, String family, String run, String schedule) {
        RunForecast f = find(lab, family, run);
        return schedule == null ? RunForecastAnswer.planned(f) : whatIf(f, schedule);
    }

    /**
     * The decay start of the run's WSD plan that minimises its final loss under the law.
     *
     * @throws RefusedException 404 without a forecast, 409 naming {@code plan} when the run has no WSD plan whose
     *     decay is still ahead
     */
    public DecayAnswer decay(String lab, String family, String run) {
        RunForecast f = find(lab, family, run);
        if (f.plan() == null) {
            throw new RefusedException(409, "plan", "plan: run '" + run + "' has no plan; PUT one to ingest-service"
                    + " (PUT /api/v1/families/" + family + "/runs/" + run + "/plan)");
        }
        DecayPlanner.Choice c;
        try {
            c = DecayPlanner.best(pointLaw(f), draws(f), f.scatter(), f.drift(), history(f),
                    Math.toIntExact(f.lastStep()), Schedule.parse(f.plan().schedule()));
        } catch (IllegalArgumentException e) {
            throw new RefusedException(409, "plan", String.valueOf(e.getMessage()));
        }
        return new DecayAnswer(f.lab(), f.family(), f.run(), f.version(), f.lastStep(), c.earliest(),
                decay(c.plannedFinal().step(), Schedule.parse(f.plan().schedule()), c.plannedFinal()),
                decay(c.finalLoss().step(), c.schedule(), c.finalLoss()), new DecayAnswer.Gain(c.gain(),
                        c.gainInterval() == null ? List.of() : List.of(c.gainInterval().lower(),
                                c.gainInterval().upper())), f.borrowed());
    }

    private static DecayAnswer.Decay decay(int end, Schedule schedule, CurveForecast.Point finalLoss) {
        return new DecayAnswer.Decay(schedule.toString(), schedule.decayStart(), end - schedule.decayStart(),
                point(finalLoss));
    }

    private RunForecast find(String lab, String family, String run) {
        return store.forecast(lab, family, run).orElseThrow(() -> RefusedException.notFound(
                "no forecast for run '" + run + "' of family '" + family + "' of lab '" + lab + "': it needs"
                        + " checkpoints with learning rates or a plan, and a model size with an annealed run"));
    }

    private static RunForecast.Point point(CurveForecast.Point p) {
        return new RunForecast.Point(p.step(), p.loss(), p.lower(), p.upper());
    }

    private static TissueLaw pointLaw(RunForecast f) {
        return LawKind.annealing().fromNamed(f.parameters()).withConvention(f.lambda(), f.warmupAtPeak());
    }

    private static List<TissueLaw> draws(RunForecast f) {
        return LawKind.annealing().fromDraws(f.draws()).stream()
                .map(d -> d.withConvention(f.lambda(), f.warmupAtPeak())).toList();
    }

    private static RunForecastAnswer whatIf(RunForecast f, String descriptor) {
        Schedule schedule;
        List<CurveForecast.Point> ahead;
        try {
            schedule = Schedule.parse(descriptor);
            int[] steps = f.observed().stream().mapToInt(o -> Math.toIntExact(o.step())).toArray();
            ahead = RunForecaster.whatIf(pointLaw(f), draws(f), f.scatter(), f.drift(), history(f), steps,
                    schedule, RunForecast.MAX_FORECAST);
        } catch (IllegalArgumentException e) {
            throw RefusedException.badField("schedule", Schedule.reason(e));
        }
        List<RunForecast.Point> points = ahead.stream().map(RunForecastService::point).toList();
        return RunForecastAnswer.of(f, schedule.toString(), true, points, points.get(points.size() - 1));
    }

    /** The run's rates to its last observed step: rebuilt from its plan, or interpolated from its logged rates. */
    private static LearningRates history(RunForecast f) {
        if ("plan".equals(f.rates().source())) {
            return RunForecaster.covering(Schedule.parse(f.plan().schedule()), Math.toIntExact(f.lastStep())).rates();
        }
        List<double[]> knots = f.rates().knots();
        return LearningRates.interpolate(knots.stream().mapToLong(k -> (long) k[0]).toArray(),
                knots.stream().mapToDouble(k -> k[1]).toArray());
    }
}
