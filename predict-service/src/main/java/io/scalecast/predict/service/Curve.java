package io.scalecast.predict.service;

import io.scalecast.contracts.event.FittedLaw;
import java.util.List;
import java.util.Map;

/**
 * A family's law ready to plot: loss against tokens for model sizes, each point with the law's 95% band, next to
 * the observed points the law was fitted on.
 *
 * @param family the family
 * @param law the law used
 * @param version the law's version
 * @param params the law's parameters
 * @param watermark the data the law was fitted on
 * @param curves one curve per model size
 * @param observed the family's points as the fit saw them (thinned for long families), empty when the law carries none
 * @param observedTotal the family's point count before thinning
 */
public record Curve(String family, String law, long version, Map<String, Double> params,
                    FittedLaw.Watermark watermark, List<Line> curves, List<Point> observed, int observedTotal) {

    /**
     * The law at one model size over a log-spaced token grid.
     *
     * @param params N
     * @param run the observed run of that size, or null for a queried size
     * @param points the grid
     */
    public record Line(double params, String run, List<LinePoint> points) {
    }

    /**
     * One grid point; lower and upper are null when the law has no bootstrap draws.
     *
     * @param tokens D
     * @param loss the law's loss
     * @param lower the band's lower end
     * @param upper the band's upper end
     */
    public record LinePoint(double tokens, double loss, Double lower, Double upper) {
    }

    /**
     * An observed point.
     *
     * @param run the run
     * @param params N
     * @param tokens D
     * @param loss the observed loss
     * @param fitted whether the fit used it (false: dropped by the token cut)
     */
    public record Point(String run, double params, double tokens, double loss, boolean fitted) {
    }
}
