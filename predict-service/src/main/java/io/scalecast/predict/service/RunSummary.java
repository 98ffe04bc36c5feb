package io.scalecast.predict.service;

import io.scalecast.contracts.event.RunForecast;

/**
 * A run with a forecast, as the family's run list gives it: enough to pick it and see where it is headed.
 *
 * @param run the run
 * @param version its forecast's version
 * @param params N of the run
 * @param lastStep its last observed step
 * @param lastLoss its loss there
 * @param schedule its plan's schedule, or null without a plan
 * @param finalLoss the forecast at the planned end with its 95% band, or null without a plan or past its end
 * @param fittedAt when the forecast was made
 */
public record RunSummary(String run, long version, double params, long lastStep, Double lastLoss, String schedule,
                         RunForecast.Point finalLoss, String fittedAt) {

    static RunSummary of(RunForecast f) {
        Double lastLoss = f.observed().isEmpty() ? null : f.observed().get(f.observed().size() - 1).loss();
        return new RunSummary(f.run(), f.version(), f.params(), f.lastStep(), lastLoss,
                f.plan() == null ? null : f.plan().schedule(), f.finalLoss(), f.fittedAt());
    }
}
