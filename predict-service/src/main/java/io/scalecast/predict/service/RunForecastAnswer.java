package io.scalecast.predict.service;

import io.scalecast.contracts.event.RunForecast;
import java.util.List;
import java.util.Map;

/**
 * A run's forecast as {@code GET .../runs/{run}/forecast} answers it: the law of the run's size, the run's observed
 * curve, and the loss at each future checkpoint with its 95% band under the plan or the asked what-if schedule.
 *
 * @param lab the tenant
 * @param family the family
 * @param run the run
 * @param version the forecast's version (one more per refit)
 * @param law the whole-curve law
 * @param params N of the run
 * @param sizeRuns the runs of the size the law was fitted to
 * @param parameters the law's parameters
 * @param intervals their 95% intervals
 * @param borrowed why and whence C was borrowed, or null
 * @param drift the law's relative error per e-fold of steps past {@code lastStep}, from the run's own backtest
 * @param schedule the schedule the forecast follows from the run's last step: its plan's, or the what-if's
 * @param whatIf whether {@code schedule} is a what-if rather than the plan
 * @param plan the run's plan, or null
 * @param lastStep the run's last observed step
 * @param observed its observed checkpoints with the law's loss at each
 * @param forecast the loss at each future checkpoint, with its band
 * @param finalLoss the forecast at the schedule's last step, or null when nothing lies ahead
 * @param fit how the law's fit went
 * @param fittedAt when it was fitted
 */
public record RunForecastAnswer(String lab, String family, String run, long version, String law, double params,
                                List<String> sizeRuns, Map<String, Double> parameters,
                                Map<String, List<Double>> intervals, String borrowed, double drift,
                                String schedule,
                                boolean whatIf, RunForecast.Plan plan, long lastStep,
                                List<RunForecast.Observed> observed, List<RunForecast.Point> forecast,
                                RunForecast.Point finalLoss, RunForecast.Fit fit, String fittedAt) {

    /** The stored forecast under its plan. */
    static RunForecastAnswer planned(RunForecast f) {
        return of(f, f.plan() == null ? null : f.plan().schedule(), false, f.forecast(), f.finalLoss());
    }

    /** The stored forecast's law and run under a what-if schedule. */
    static RunForecastAnswer of(RunForecast f, String schedule, boolean whatIf, List<RunForecast.Point> ahead,
                                RunForecast.Point end) {
        return new RunForecastAnswer(f.lab(), f.family(), f.run(), f.version(), f.law(), f.params(), f.sizeRuns(),
                f.parameters(), f.intervals(), f.borrowed(), f.drift(), schedule, whatIf, f.plan(), f.lastStep(),
                f.observed(), ahead, end, f.fit(), f.fittedAt());
    }
}
