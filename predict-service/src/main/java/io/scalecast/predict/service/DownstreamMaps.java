package io.scalecast.predict.service;

import io.scalecast.contracts.event.DownstreamLaw;
import java.util.List;
import java.util.Map;

/**
 * A family's loss-to-error maps as a plot needs them: per benchmark (or named average) the models it was fitted on,
 * the map drawn across their losses with its 95% band, its chance level and why it may be unreliable, and the chained
 * prediction at a target (N, D) when one was asked for.
 *
 * @param family the family
 * @param law the loss law the targets are chained from
 * @param maps the maps, named averages first, then by benchmark
 */
public record DownstreamMaps(String family, String law, List<MapView> maps) {

    /**
     * One benchmark's map.
     *
     * @param benchmark the benchmark or named average
     * @param metric the metric mapped, as error
     * @param version the map's version
     * @param form exponential or sigmoid
     * @param params the form's parameters
     * @param chance the benchmark's chance accuracy, or null when unknown
     * @param reliable whether nothing argues against the map
     * @param reasons why it is unreliable; empty when reliable
     * @param heldOut the back-test of both forms on the model of lowest loss
     * @param monotonicity Spearman correlation of error with loss
     * @param lossLaw the loss law whose losses filled in models without a loss, or null
     * @param fittedAt when
     * @param models the models it was fitted on
     * @param curve the map across the models' losses (and the target's), with the band of its draws
     * @param target the chained prediction at the target (N, D), or null when none was asked or it was refused
     * @param targetRefused why the target has no prediction, or null
     */
    public record MapView(String benchmark, String metric, long version, String form, Map<String, Double> params,
                          Double chance, boolean reliable, List<String> reasons, DownstreamLaw.HeldOut heldOut,
                          double monotonicity, String lossLaw, String fittedAt, List<DownstreamLaw.Model> models,
                          List<ErrorPoint> curve, DownstreamPrediction target, String targetRefused) {
    }

    /**
     * The map at one loss.
     *
     * @param loss the loss
     * @param error the map's error there
     * @param lower the 95% band's lower end over the map's draws, or null without draws
     * @param upper its upper end, or null
     */
    public record ErrorPoint(double loss, double error, Double lower, Double upper) {
    }
}
