package io.scalecast.core.fit;

import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.LearningRates;
import io.scalecast.core.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a running WSD run should start its decay: the decay start (and so the decay's length to the planned end) that
 * minimises the run's final loss under its size's annealing law, searched over every step the run can still choose,
 * with the gain over its plan and that gain's 95% interval from the law's bootstrap draws (paired: each draw's own
 * planned and best final losses, so what the draws share cancels).
 */
public final class DecayPlanner {

    /** Decay starts tried, evenly spaced, before the best is refined step by step around the grid's best. */
    static final int GRID = 200;

    private DecayPlanner() {
    }

    /**
     * The best decay start.
     *
     * @param decayStart the step the decay starts
     * @param schedule the plan with that decay start
     * @param finalLoss the forecast final loss under it, with its band
     * @param plannedFinal the forecast final loss under the plan
     * @param gain the planned final loss minus the best one (≥ 0 under the point law)
     * @param gainInterval the gain's 95% interval over the draws, or null without draws
     * @param earliest the earliest decay start the run can still choose
     */
    public record Choice(int decayStart, Schedule schedule, CurveForecast.Point finalLoss,
                         CurveForecast.Point plannedFinal, double gain, Interval gainInterval, int earliest) {
    }

    /**
     * Finds the best decay start of {@code plan} for a run observed to {@code lastStep}.
     *
     * @param law the size's law
     * @param draws its bootstrap refits
     * @param scatter the fit's log-residual scatter, for the final losses' bands
     * @param drift the law's relative extrapolation error per e-fold of steps past {@code lastStep}, for the bands
     * @param history the run's rates to at least its last step
     * @param lastStep the run's last observed step
     * @param plan the run's WSD plan
     * @throws IllegalArgumentException when the plan is not WSD or the run has reached its planned end
     */
    public static Choice best(TissueLaw law, List<TissueLaw> draws, double scatter, double drift,
                              LearningRates history, int lastStep, Schedule plan) {
        if (plan.shape() != Schedule.Shape.WSD) {
            throw new IllegalArgumentException("plan: only a wsd plan has a decay to place, this run's is "
                    + plan.toString());
        }
        int earliest = Math.max(lastStep + 1, plan.warmupSteps());
        int end = plan.totalSteps();
        if (earliest >= end) {
            throw new IllegalArgumentException("plan: the run is at step " + lastStep + " of " + end
                    + ": no decay start is left to choose");
        }
        if (plan.decayStart() < earliest) {
            throw new IllegalArgumentException("plan: the run began its decay at step " + plan.decayStart()
                    + " and is at step " + lastStep + ": the decay start is no longer a choice");
        }
        int best = bestStart(law, history, lastStep, plan, earliest, end);
        Schedule chosen = plan.withDecayStart(best);
        CurveForecast.Extrapolation extrapolation = new CurveForecast.Extrapolation(lastStep, drift);
        CurveForecast.Point bestFinal = finalPoint(law, draws, scatter, extrapolation, history, lastStep, chosen);
        CurveForecast.Point plannedFinal = finalPoint(law, draws, scatter, extrapolation, history, lastStep, plan);
        double gain = plannedFinal.loss() - bestFinal.loss();
        Interval interval = draws.isEmpty() ? null : CurveBootstrap.intervals(draws, law, d -> new double[] {
            finalLoss(d, history, lastStep, plan) - finalLoss(d, history, lastStep, chosen)}).get(0);
        return new Choice(best, chosen, bestFinal, plannedFinal, gain, interval, earliest);
    }

    /** The grid's best start, refined over the steps between its neighbours. */
    private static int bestStart(TissueLaw law, LearningRates history, int lastStep, Schedule plan, int from,
                                 int end) {
        List<Integer> grid = new ArrayList<>();
        for (int k = 0; k <= GRID; k++) {
            grid.add(from + (int) Math.round((double) (end - from) * k / GRID));
        }
        int best = argmin(law, history, lastStep, plan, grid.stream().distinct().toList());
        int step = Math.max(1, (end - from) / GRID);
        List<Integer> near = new ArrayList<>();
        for (int s = Math.max(from, best - step); s <= Math.min(end, best + step); s++) {
            near.add(s);
        }
        return argmin(law, history, lastStep, plan, near);
    }

    private static int argmin(TissueLaw law, LearningRates history, int lastStep, Schedule plan,
                              List<Integer> starts) {
        int best = starts.get(0);
        double lowest = Double.POSITIVE_INFINITY;
        for (int s : starts) {
            double loss = finalLoss(law, history, lastStep, plan.withDecayStart(s));
            if (loss < lowest) {
                lowest = loss;
                best = s;
            }
        }
        return best;
    }

    private static double finalLoss(TissueLaw law, LearningRates history, int lastStep, Schedule schedule) {
        LearningRates rates = history.continuedBy(lastStep + 1, schedule.rates());
        return law.losses(rates, new int[] {schedule.totalSteps()})[0];
    }

    private static CurveForecast.Point finalPoint(TissueLaw law, List<TissueLaw> draws, double scatter,
                                                  CurveForecast.Extrapolation drift, LearningRates history,
                                                  int lastStep, Schedule schedule) {
        LearningRates rates = history.continuedBy(lastStep + 1, schedule.rates());
        return CurveForecast.at(law, draws, TissueLaw::losses, rates, new int[] {schedule.totalSteps()}, scatter,
                drift).get(0);
    }
}
