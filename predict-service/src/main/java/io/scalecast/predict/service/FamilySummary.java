package io.scalecast.predict.service;

import java.util.List;

/**
 * A family as listed to its lab.
 *
 * @param family the family
 * @param runs runs in its newest fit (without a law: runs with a forecast)
 * @param points loss points in its newest fit (without a law: checkpoints its forecasts were fitted on)
 * @param laws its current laws
 * @param maps its current loss-to-error maps, by benchmark
 * @param forecasts its runs with a forecast, by name
 */
public record FamilySummary(String family, int runs, int points, List<LawRef> laws, List<MapRef> maps,
                            List<RunRef> forecasts) {

    /**
     * A current law of the family.
     *
     * @param law the law kind
     * @param version its version
     * @param fittedAt when it was fitted
     */
    public record LawRef(String law, long version, String fittedAt) {
    }

    /**
     * A current loss-to-error map of the family.
     *
     * @param benchmark the benchmark or named average
     * @param version its version
     * @param reliable whether nothing argues against it
     */
    public record MapRef(String benchmark, long version, boolean reliable) {
    }

    /**
     * A run of the family with a forecast.
     *
     * @param run the run
     * @param version its forecast's version
     * @param fittedAt when the forecast was made
     */
    public record RunRef(String run, long version, String fittedAt) {
    }
}
