package io.scalecast.core.fit;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.ComputeFrontier;
import io.scalecast.core.law.OvertrainingLaw;
import java.util.Comparator;
import java.util.List;

/**
 * The Hitchhiker back-test for the over-training law, as Gadre et al. test it: fit the finals of every run but the
 * largest model's (at any token multiplier), then predict the largest model's finals, against the same two
 * baselines as the Chinchilla back-test.
 */
public final class OvertrainingBacktest {

    private OvertrainingBacktest() {
    }

    /**
     * Runs the back-test.
     *
     * @param fitter the fitter of the training runs; the result's law is theirs in Chinchilla form
     * @param finals every run's final checkpoint
     * @param minTrainRuns fewest runs to fit without the largest model
     */
    public static HitchhikerBacktest.Result run(OvertrainingFitter fitter, List<CheckpointPoint> finals,
                                              int minTrainRuns) {
        double largest = finals.stream().mapToDouble(CheckpointPoint::params).max()
                .orElseThrow(() -> new IllegalArgumentException("a back-test needs runs"));
        List<CheckpointPoint> train = finals.stream().filter(p -> p.params() < largest).toList();
        if (train.size() < minTrainRuns) {
            throw new IllegalArgumentException("a back-test needs at least " + minTrainRuns
                    + " runs besides the largest model, has " + train.size());
        }
        List<CheckpointPoint> targets = finals.stream().filter(p -> p.params() == largest)
                .sorted(Comparator.comparingDouble(ComputeFrontier::compute).reversed()).toList();
        OvertrainingLaw law = fitter.fit(train).law();
        double bestLoss = train.stream().mapToDouble(CheckpointPoint::loss).min().orElseThrow();
        double mostTrained = train.stream().max(Comparator.comparingDouble(ComputeFrontier::compute)).orElseThrow()
                .loss();
        double fittedParams = train.stream().mapToDouble(CheckpointPoint::params).max().orElseThrow();
        double are = HitchhikerBacktest.are(targets, p -> law.loss(p.params(), p.tokens() / p.params()));
        double bestLossBaseline = HitchhikerBacktest.are(targets, p -> bestLoss);
        return new HitchhikerBacktest.Result(are, bestLossBaseline, HitchhikerBacktest.are(targets, p -> mostTrained),
                targets.get(0).run(), train.size(), train.size(), targets.size(), law.toChinchilla(),
                largest / fittedParams, new Interval(are, are),
                Identifiability.backtest(are, bestLossBaseline).stream().toList());
    }
}
