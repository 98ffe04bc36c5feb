package io.scalecast.contracts.event;

/**
 * An incident of a running run, as fit-service publishes it on {@code scalecast.alerts} (schema version 1, keyed
 * {@code lab/family} so that a family's incidents stay in order): raised once when the run leaves its forecast for the
 * worse (judged on the checkpoints that arrived after the forecast), is forecast to end worse than its family's target,
 * or falls silent; published again, with {@code recoveredAt}, when the run is back.
 *
 * @param schemaVersion the event schema version, 1
 * @param lab the tenant
 * @param family the model family
 * @param run the run
 * @param kind {@code spike} (one checkpoint more than three band half-widths above the forecast),
 *     {@code off-forecast} (three in a row above twice the band), {@code diverging} (loss rising at three checkpoints
 *     in a row by more than the band's width, above it), {@code target} (forecast end worse than the family's target)
 *     or {@code silent} (no checkpoint for five of the run's usual gaps before its planned end)
 * @param severity {@code warning} or {@code critical}
 * @param step the checkpoint that raised it (for {@code silent}, the run's last one)
 * @param observed its loss
 * @param expected the forecast there with its 95% band (for {@code target}, the forecast end)
 * @param forecastVersion the version of the run's forecast it was judged against
 * @param message a sentence for people
 * @param raisedAt when it was raised, ISO-8601
 * @param recoveredAt when the run was back (a checkpoint inside the band, a forecast end meeting the target, a new
 *     checkpoint after silence), ISO-8601; null while the incident is open
 * @param recoveredStep the checkpoint at which it was back; null while open
 */
public record RunAlert(int schemaVersion, String lab, String family, String run, String kind, String severity,
                       long step, double observed, RunForecast.Point expected, long forecastVersion, String message,
                       String raisedAt, String recoveredAt, Long recoveredStep) {

    /** The Kafka key: {@code lab/family}, so a family's alerts stay in order. */
    public String key() {
        return lab + "/" + family;
    }

    /** This incident closed at {@code step}, at {@code at}. */
    public RunAlert recovered(long step, String at) {
        return new RunAlert(schemaVersion, lab, family, run, kind, severity, this.step, observed, expected,
                forecastVersion, message, raisedAt, at, step);
    }
}
