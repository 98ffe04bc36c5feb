package io.scalecast.core.event;

import java.util.Map;

/**
 * A fitted scaling law of one family as published on the compacted {@code scalecast.laws} topic, keyed
 * {@code lab/family/law}; a higher {@code version} replaces a lower one.
 *
 * @param schemaVersion the event schema version, 1
 * @param lab the tenant
 * @param family the model family
 * @param law the law's kind, e.g. {@code chinchilla}
 * @param version counts the family's fits of this law, from 1
 * @param watermark the data the fit saw
 * @param params the parameters by name (for chinchilla: E, A, B, alpha, beta)
 * @param objective the fit's objective at the optimum
 * @param diagnostics how the fit went
 * @param config the configuration the fit used
 * @param fittedAt ISO-8601 time of the fit
 */
public record FittedLaw(int schemaVersion, String lab, String family, String law, long version, Watermark watermark,
                        Map<String, Double> params, double objective, Diagnostics diagnostics, Config config,
                        String fittedAt) {

    /** The law kind of the Chinchilla form. */
    public static final String CHINCHILLA = "chinchilla";

    /** The Kafka key. */
    public String key() {
        return lab + "/" + family + "/" + law;
    }

    /**
     * What data a fit saw.
     *
     * @param dataVersion the family's data version: counts every accepted change of its observations
     * @param points loss points stored for the family's metric
     * @param pointsFitted points left after the token cut
     * @param runs runs fitted
     * @param maxParams the largest N fitted
     * @param maxTokens the largest D fitted
     * @param newestIngestedAt ingest time of the newest observation included, ISO-8601
     */
    public record Watermark(long dataVersion, int points, int pointsFitted, int runs, double maxParams,
                            double maxTokens, String newestIngestedAt) {
    }

    /**
     * Fit diagnostics.
     *
     * @param starts distinct starts run
     * @param convergedStarts starts that converged
     * @param bestStartHits converged starts that reached the best objective
     * @param iterations iterations of the winning start
     * @param converged whether the winning start converged
     * @param r2 R² of the loss
     * @param rmseLog RMS of the log residuals
     * @param millis wall time of the fit
     */
    public record Diagnostics(int starts, int convergedStarts, int bestStartHits, int iterations, boolean converged,
                              double r2, double rmseLog, long millis) {
    }

    /**
     * The configuration a fit used.
     *
     * @param metric the metric fitted as the loss
     * @param huberDelta the Huber threshold
     * @param tokenCut the early-checkpoint rule
     * @param objective how the objective is formed
     */
    public record Config(String metric, double huberDelta, String tokenCut, String objective) {
    }
}
