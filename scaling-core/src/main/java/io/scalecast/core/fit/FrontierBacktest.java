package io.scalecast.core.fit;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.ComputeFrontier;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.law.PowerLaw;
import java.util.Comparator;
import java.util.List;

/**
 * The Hitchhiker back-test for the power law in compute: fit the frontier of every run but the largest model's,
 * then predict where the largest model sits on the whole family's frontier, against the same two baselines as the
 * Chinchilla back-test.
 */
public final class FrontierBacktest {

    private FrontierBacktest() {
    }

    /**
     * Runs the back-test.
     *
     * @param points the family's loss points
     * @param cut the early-checkpoint rule
     * @param minTrainRuns fewest runs the training frontier must draw on
     */
    public static Result run(PowerFitter fitter, List<CheckpointPoint> points, TokenCut cut, int minTrainRuns) {
        double largest = points.stream().mapToDouble(CheckpointPoint::params).max()
                .orElseThrow(() -> new IllegalArgumentException("a back-test needs points"));
        List<CheckpointPoint> train = ComputeFrontier.of(cut.apply(points.stream()
                .filter(p -> p.params() < largest).toList()));
        long trainRuns = train.stream().map(CheckpointPoint::run).distinct().count();
        if (trainRuns < minTrainRuns || train.size() < 3) {
            throw new IllegalArgumentException("a back-test needs a frontier of at least " + minTrainRuns
                    + " runs besides the largest model, has " + trainRuns);
        }
        List<CheckpointPoint> targets = ComputeFrontier.of(cut.apply(points)).stream()
                .filter(p -> p.params() == largest).toList();
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("the largest model is nowhere on the compute frontier");
        }
        PowerLaw law = fitter.fit(compute(train), train.stream().mapToDouble(CheckpointPoint::loss).toArray()).law();
        double bestLoss = train.stream().mapToDouble(CheckpointPoint::loss).min().orElseThrow();
        double mostTrained = train.stream().max(Comparator.comparingDouble(ComputeFrontier::compute)).orElseThrow()
                .loss();
        double fittedParams = train.stream().mapToDouble(CheckpointPoint::params).max().orElseThrow();
        return new Result(HitchhikerBacktest.are(targets, p -> law.loss(ComputeFrontier.compute(p))),
                HitchhikerBacktest.are(targets, p -> bestLoss), HitchhikerBacktest.are(targets, p -> mostTrained),
                targets.get(0).run(), (int) trainRuns, targets.size(), largest / fittedParams, law);
    }

    /** Each point's compute. */
    public static double[] compute(List<CheckpointPoint> points) {
        return points.stream().mapToDouble(ComputeFrontier::compute).toArray();
    }

    /**
     * The back-test's outcome.
     *
     * @param are mean absolute relative error of the law on the largest model's frontier points
     * @param bestLossBaseline ARE of predicting the best loss of the training frontier
     * @param mostTrainedBaseline ARE of predicting the loss of the training frontier's largest-compute point
     * @param targetRun the largest model's run
     * @param trainRuns runs on the training frontier
     * @param targetPoints frontier points predicted
     * @param paramsRatio the largest model over the largest model fitted
     * @param law the law fitted without the largest model
     */
    public record Result(double are, double bestLossBaseline, double mostTrainedBaseline, String targetRun,
                         int trainRuns, int targetPoints, double paramsRatio, PowerLaw law) {
    }
}
