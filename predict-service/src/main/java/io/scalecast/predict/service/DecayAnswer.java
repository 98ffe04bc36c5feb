package io.scalecast.predict.service;

import io.scalecast.contracts.event.RunForecast;
import java.util.List;

/**
 * The decay start that minimises a running WSD run's final loss under its size's annealing law, as
 * {@code GET .../runs/{run}/forecast/decay} answers it, beside the run's plan.
 *
 * @param lab the tenant
 * @param family the family
 * @param run the run
 * @param version the forecast version the answer comes from
 * @param lastStep the run's last observed step
 * @param earliest the earliest decay start the run can still choose
 * @param planned the plan: its schedule, decay start and length, and forecast final loss
 * @param best the best decay start: its schedule, decay start and length, and forecast final loss
 * @param gain how much lower the best decay ends than the plan, with its 95% interval (paired over the law's draws)
 * @param borrowed why C was borrowed, when it was: the answer then rests on another size's annealing
 */
public record DecayAnswer(String lab, String family, String run, long version, long lastStep, long earliest,
                          Decay planned, Decay best, Gain gain, String borrowed) {

    /**
     * A decay choice.
     *
     * @param schedule the schedule descriptor
     * @param decayStart the step the decay starts
     * @param decayLength its steps to the planned end
     * @param finalLoss the forecast final loss with its 95% band
     */
    public record Decay(String schedule, long decayStart, long decayLength, RunForecast.Point finalLoss) {
    }

    /**
     * The gain in final loss.
     *
     * @param loss the planned final loss minus the best
     * @param interval its 95% interval [lower, upper], or empty without draws
     */
    public record Gain(double loss, List<Double> interval) {
    }
}
