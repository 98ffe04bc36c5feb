package io.scalecast.predict.service;

import java.util.List;

/**
 * A benchmark's predicted error at (N, D): the loss law's loss there, pushed through the benchmark's loss-to-error
 * map, with a 95% interval that carries both laws' uncertainty.
 *
 * @param family the family
 * @param benchmark the benchmark or named average
 * @param loss the loss prediction the error is chained from, with its own interval
 * @param form the map's form
 * @param mapVersion the map's version
 * @param mapModels how many models the map was fitted on
 * @param error the predicted error
 * @param accuracy 1 − error
 * @param interval the error's 95% interval over paired draws of the loss law and the map, or null without draws
 * @param chance the benchmark's chance accuracy, or null
 * @param reliable whether nothing argues against the map
 * @param reasons why the map is unreliable; empty when reliable
 */
public record DownstreamPrediction(String family, String benchmark, Prediction loss, String form, long mapVersion,
                                   int mapModels, double error, double accuracy, Prediction.Band interval,
                                   Double chance, boolean reliable, List<String> reasons) {

    /** The kind of interval a chained prediction has. */
    public static final String CHAINED = "parameter uncertainty of the loss law and of the loss-to-error map (paired"
            + " draws of both pushed through the chain)";
}
