package io.scalecast.core.fit;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.law.ChinchillaLaw;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The Hitchhiker's guide back-test (Choshen et al. 2024, section 5.1): fit on every model of the family except the
 * largest, predict the largest model's checkpoints in the last 30% of its training, and report the mean absolute
 * relative error (ARE) next to two baselines: the best loss any training model reached, and the final loss of the
 * most-trained training model.
 */
public final class HitchhikerBacktest {

    /** The share of the target run's training, by tokens, that is predicted. */
    public static final double TARGET_SHARE = 0.30;

    private HitchhikerBacktest() {
    }

    /**
     * Runs the back-test.
     *
     * @param fitter the fitter
     * @param points the family's loss points
     * @param cut the early-checkpoint rule applied to the training runs
     * @param pins parameters held fixed in the fit
     * @param minTrainRuns fewest training runs the test accepts
     */
    public static Result run(ChinchillaFitter fitter, List<CheckpointPoint> points, TokenCut cut,
                             ChinchillaPins pins, int minTrainRuns) {
        double largest = points.stream().mapToDouble(CheckpointPoint::params).max()
                .orElseThrow(() -> new IllegalArgumentException("a back-test needs points"));
        List<CheckpointPoint> targetRuns = points.stream().filter(p -> p.params() == largest).toList();
        String target = targetRuns.stream().max(Comparator.comparingDouble(CheckpointPoint::tokens)).orElseThrow().run();
        double targetEnd = targetRuns.stream().filter(p -> p.run().equals(target))
                .mapToDouble(CheckpointPoint::tokens).max().orElseThrow();
        List<CheckpointPoint> targets = targetRuns.stream().filter(p -> p.run().equals(target))
                .filter(p -> p.tokens() >= (1 - TARGET_SHARE) * targetEnd).toList();
        List<CheckpointPoint> train = cut.apply(points.stream().filter(p -> p.params() < largest).toList());
        FamilyData data = FamilyData.of(train);
        if (data.runs() < minTrainRuns) {
            throw new IllegalArgumentException("a back-test needs at least " + minTrainRuns
                    + " training runs besides the largest model, has " + data.runs());
        }
        ChinchillaFit fit = fitter.fit(data.params(), data.tokens(), data.loss(), null, pins);
        ChinchillaLaw law = fit.law();
        double bestLoss = train.stream().mapToDouble(CheckpointPoint::loss).min().orElseThrow();
        CheckpointPoint mostTrained = train.stream()
                .max(Comparator.comparingDouble(p -> p.params() * p.tokens())).orElseThrow();
        double are = are(targets, p -> law.loss(p.params(), p.tokens()));
        DoubleSummaryStatistics valley = fit.nearBest().stream()
                .mapToDouble(l -> are(targets, p -> l.loss(p.params(), p.tokens()))).summaryStatistics();
        Interval areRange = valley.getCount() == 0 ? new Interval(are, are)
                : new Interval(Math.min(are, valley.getMin()), Math.max(are, valley.getMax()));
        return new Result(are, are(targets, p -> bestLoss), are(targets, p -> mostTrained.loss()), target,
                data.runs(), train.size(), targets.size(), law, largest / data.maxParams(), areRange,
                warnings(data, fit, pins, targets, are, areRange, are(targets, p -> bestLoss)));
    }

    /** What the back-test's fit cannot identify, and whether its law loses to not fitting at all. */
    private static List<String> warnings(FamilyData data, ChinchillaFit fit, ChinchillaPins pins,
                                         List<CheckpointPoint> targets, double are, Interval areRange,
                                         double bestLossBaseline) {
        List<String> out = new ArrayList<>(Identifiability.chinchilla(data, fit.law(), fit.diagnostics(), pins,
                List.of(), Map.of()));
        Identifiability.flatValley(fit.nearBest(), l -> targets.stream()
                .mapToDouble(p -> l.loss(p.params(), p.tokens())).average().orElseThrow(), String.format(Locale.ROOT,
                "the largest model's last %.0f%% (their ARE from %.2f%% to %.2f%%)", 100 * TARGET_SHARE,
                100 * areRange.lower(), 100 * areRange.upper())).ifPresent(out::add);
        Identifiability.backtest(are, bestLossBaseline).ifPresent(out::add);
        return out;
    }

    /** Mean |L − L̂| / L over the targets. */
    static double are(List<CheckpointPoint> targets, ToDoubleFunction<CheckpointPoint> predicted) {
        return targets.stream().mapToDouble(p -> Math.abs(p.loss() - predicted.applyAsDouble(p)) / p.loss())
                .average().orElseThrow();
    }

    /**
     * The back-test's outcome.
     *
     * @param are mean absolute relative error of the law on the target checkpoints
     * @param bestLossBaseline ARE of predicting the best loss any training model reached
     * @param mostTrainedBaseline ARE of predicting the final loss of the most-trained training model
     * @param targetRun the largest model's run
     * @param trainRuns runs fitted
     * @param trainPoints points fitted
     * @param targetPoints checkpoints predicted
     * @param law the law fitted without the largest model
     * @param paramsRatio how far the test extrapolated: the largest model's N over the largest N fitted
     * @param areRange the lowest and highest ARE of the laws at the fit's best objective (one value when the
     *     optimum is unique; far apart on a flat valley)
     * @param warnings what the fit could not identify and whether the law lost to its baseline
     *     ({@link Identifiability})
     */
    public record Result(double are, double bestLossBaseline, double mostTrainedBaseline, String targetRun,
                         int trainRuns, int trainPoints, int targetPoints, ChinchillaLaw law, double paramsRatio,
                         Interval areRange, List<String> warnings) {

        public Result {
            warnings = List.copyOf(warnings);
        }
    }
}
