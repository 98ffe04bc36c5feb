package io.scalecast.contracts.event;

/**
 * An alert that a running run has left its forecast for the worse, as fit-service publishes it on
 * {@code scalecast.alerts} (schema version 1, keyed {@code lab/family}): raised when the run's new checkpoints are
 * compared with the forecast published before they arrived, at most once per kind and forecast version.
 *
 * @param schemaVersion the event schema version, 1
 * @param lab the tenant
 * @param family the model family
 * @param run the run
 * @param kind {@code spike} (one checkpoint more than three band half-widths above the forecast) or
 *     {@code off-forecast} (three in a row above twice the band)
 * @param step the checkpoint that raised it
 * @param observed its loss
 * @param expected the forecast there with its 95% band
 * @param forecastVersion the version of the run's forecast it was judged against
 * @param message a sentence for people
 * @param raisedAt when it was raised, ISO-8601
 */
public record RunAlert(int schemaVersion, String lab, String family, String run, String kind, long step,
                       double observed, RunForecast.Point expected, long forecastVersion, String message,
                       String raisedAt) {

    /** The Kafka key: {@code lab/family}, so a family's alerts stay in order. */
    public String key() {
        return lab + "/" + family;
    }
}
