package io.scalecast.contracts.event;

import java.util.List;
import java.util.Map;

/**
 * A run's whole-curve law and its forecast, as fit-service publishes it on the compacted {@code scalecast.forecasts}
 * (schema version 1, keyed {@code lab/family/run}): the annealing law fitted to every run of the run's model size,
 * the run's observed curve, and its loss at each future checkpoint to its planned end with a 95% band. It carries
 * what a what-if needs (the law's draws, the run's rates so far) so that predict-service answers one without a refit.
 *
 * @param schemaVersion the event schema version, 1
 * @param lab the tenant
 * @param family the model family
 * @param run the run
 * @param version one more on each refit of the run's forecast
 * @param law the whole-curve law, {@link #ANNEALING}
 * @param params N of the run
 * @param sizeRuns the runs of the run's model size the law was fitted to
 * @param parameters the law's parameters by name (L0, A, alpha, C)
 * @param intervals each parameter's 95% interval, [lower, upper]; empty when the bootstrap had too few usable refits
 * @param lambda the momentum factor of the annealing area
 * @param warmupAtPeak whether warm-up steps count at the peak rate
 * @param borrowed why and from where C was borrowed (the size has not annealed), or null when fitted
 * @param draws bootstrap refits' parameters in {@code parameters} order, for what-if bands
 * @param scatter the standard deviation of the fit's log residuals, pooled over the size's runs
 * @param drift the law's relative extrapolation error for this run per e-fold of steps past {@code lastStep},
 *     measured by backtesting the law on the run's own checkpoints (0 when not measured)
 * @param rates where the run's learning rates so far come from
 * @param plan the run's plan, or null: then there is no planned end and no forecast, only what-ifs
 * @param lastStep the run's last observed step
 * @param observed the run's observed checkpoints (at most {@link #MAX_OBSERVED}, evenly thinned)
 * @param forecast the loss at each future checkpoint to the planned end (at most {@link #MAX_FORECAST})
 * @param finalLoss the forecast at the planned end, or null without a plan or when the run has reached it
 * @param fit how the fit went
 * @param fittedAt when this was fitted, ISO-8601
 */
public record RunForecast(int schemaVersion, String lab, String family, String run, long version, String law,
                          double params, List<String> sizeRuns, Map<String, Double> parameters,
                          Map<String, List<Double>> intervals, double lambda, boolean warmupAtPeak, String borrowed,
                          List<double[]> draws, double scatter, double drift, Rates rates, Plan plan, long lastStep,
                          List<Observed> observed, List<Point> forecast, Point finalLoss, Fit fit, String fittedAt) {

    /** The name of Tissue et al.'s learning-rate annealing law. */
    public static final String ANNEALING = "lr-annealing";
    /** Observed checkpoints carried, at most. */
    public static final int MAX_OBSERVED = 400;
    /** Forecast checkpoints carried, at most. */
    public static final int MAX_FORECAST = 200;

    /** The Kafka key: {@code lab/family/run}, so the compacted topic keeps each run's newest forecast. */
    public String key() {
        return lab + "/" + family + "/" + run;
    }

    /**
     * Where the run's learning rate at each step so far comes from.
     *
     * @param source {@code plan} (rebuilt from the plan's schedule) or {@code logged} (interpolated between the
     *     learning rates its checkpoints logged)
     * @param knots the logged (step, lr) points when the source is {@code logged}, else empty
     */
    public record Rates(String source, List<double[]> knots) {
    }

    /**
     * The run's plan as the forecast used it.
     *
     * @param schedule the schedule descriptor
     * @param revision the plan's revision
     */
    public record Plan(String schedule, long revision) {
    }

    /**
     * One observed checkpoint.
     *
     * @param step the step
     * @param loss the observed loss
     * @param fitted the law's loss at the step
     */
    public record Observed(long step, double loss, double fitted) {
    }

    /**
     * The forecast at one step.
     *
     * @param step the step
     * @param loss the law's loss
     * @param lower the 95% band's lower end
     * @param upper the 95% band's upper end
     */
    public record Point(long step, double loss, double lower, double upper) {
    }

    /**
     * How the fit went.
     *
     * @param points checkpoints fitted, over every run of the size
     * @param r2 R² of the fit
     * @param rmseLog root-mean-square log residual
     * @param search {@code full} (every start) or {@code warm} (from the previous law of the size)
     * @param resamples bootstrap resamples that reached a usable law
     * @param millis how long fit and bootstrap took
     */
    public record Fit(int points, double r2, double rmseLog, String search, int resamples, long millis) {
    }
}
