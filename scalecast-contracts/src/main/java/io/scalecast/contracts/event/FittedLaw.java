package io.scalecast.contracts.event;

import java.util.List;
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
 * @param intervals 95% run-bootstrap intervals of the parameters by name, empty without a bootstrap
 * @param bootstrap the bootstrap behind the intervals, or null
 * @param backtest the Hitchhiker back-test, or null when the family has too few runs for one
 * @param objective the fit's objective at the optimum
 * @param diagnostics how the fit went
 * @param config the configuration the fit used
 * @param fittedAt ISO-8601 time of the fit
 * @param observed the family's points as the fit saw them, for plots; null from producers that do not send them
 */
public record FittedLaw(int schemaVersion, String lab, String family, String law, long version, Watermark watermark,
                        Map<String, Double> params, Map<String, Range> intervals, Bootstrap bootstrap,
                        Backtest backtest, double objective, Diagnostics diagnostics, Config config,
                        String fittedAt, Observed observed) {

    /** The law kind of the Chinchilla form. */
    public static final String CHINCHILLA = "chinchilla";

    /**
     * The law kind of L(C) = E + A·C^−α on the family's compute-efficient frontier; params E, A, alpha and draws as
     * [E, A, alpha].
     */
    public static final String POWER_COMPUTE = "power-compute";

    /**
     * The law kind of Gadre et al.'s loss in compute and token multiplier, L(N, M) = E + a·N^p + b·6^(p/2)·(M·N)^p,
     * fitted to each run's final checkpoint; params E, a, b, p, and draws in Chinchilla form [E, A, B, alpha, beta]
     * (A = a, B = b·6^(p/2), alpha = beta = −p) so every Chinchilla query applies to them.
     */
    public static final String OVERTRAINING = "overtraining";

    /** The Kafka key. */
    public String key() {
        return lab + "/" + family + "/" + law;
    }

    /** This law, or an exception naming the field when a reader of this build cannot use it. */
    public FittedLaw requireReadable() {
        if (schemaVersion != EventValidator.SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion: unsupported version " + schemaVersion);
        }
        if (params == null || lab == null || family == null || law == null) {
            throw new IllegalArgumentException("lab, family, law and params are required");
        }
        return this;
    }

    /** This law without its observed points: the fit history keeps those in its own table already. */
    public FittedLaw withoutObserved() {
        return withObserved(null);
    }

    /** This law with {@code points} as its observed points, as it was published before they were set apart. */
    public FittedLaw withObserved(Observed points) {
        return new FittedLaw(schemaVersion, lab, family, law, version, watermark, params, intervals, bootstrap,
                backtest, objective, diagnostics, config, fittedAt, points);
    }

    /**
     * The family's loss points at the time of the fit, so a plot shows exactly the data behind this version. Long
     * families are thinned evenly within each run, always keeping a run's last checkpoint.
     *
     * @param runs run names; a point's first element indexes this list
     * @param points [run index, N, D, loss, 1 if fitted or 0 if dropped by the token cut]
     * @param total points the family had before thinning
     */
    public record Observed(List<String> runs, List<double[]> points, int total) {
    }

    /**
     * An interval.
     *
     * @param lower the lower end
     * @param upper the upper end
     */
    public record Range(double lower, double upper) {
    }

    /**
     * The run-level bootstrap of a fit.
     *
     * @param resamples resamples drawn
     * @param failed resamples that reached no usable law
     * @param runs distinct runs resampled; below about 5 there are few distinct resamples
     * @param draws a sample of the resampled laws as [E, A, B, alpha, beta], for intervals of any prediction
     * @param refreshed resamples refitted on this version's data; the others were refitted on earlier data of the
     *     same runs and moved with the point estimate (see docs/architecture.md, refit policy)
     * @param method how the draws were made: {@link #RUNS} (refits of resampled runs), {@link #RUNS_ONE_STEP} (one
     *     Newton step per resample of runs, for families of over 25,000 points) or {@link #COVARIANCE} (the fit's
     *     linearised covariance, for laws fitted to too few runs for a run bootstrap); null means runs
     */
    public record Bootstrap(int resamples, int failed, int runs, List<double[]> draws, int refreshed,
                            String method) {

        /** Draws refitted on resampled runs. */
        public static final String RUNS = "runs";

        /**
         * Draws of resampled runs, each one Newton step from the point estimate on the resample's gradient and
         * Hessian instead of a refit (a long family, docs/methods.md).
         */
        public static final String RUNS_ONE_STEP = "runs-one-step";

        /** Draws from the multivariate Student t of the fit's linearised covariance. */
        public static final String COVARIANCE = "covariance";
    }

    /**
     * The Hitchhiker back-test: fit without the largest model, predict its last 30% of checkpoints.
     *
     * @param are mean absolute relative error of the law
     * @param bestLossBaseline ARE of predicting the best loss any training model reached
     * @param mostTrainedBaseline ARE of predicting the most-trained training model's final loss
     * @param targetRun the largest model's run
     * @param trainRuns runs fitted
     * @param targetPoints checkpoints predicted
     * @param paramsRatio how far the test extrapolated in N: the largest model over the largest fitted
     */
    public record Backtest(double are, double bestLossBaseline, double mostTrainedBaseline, String targetRun,
                           int trainRuns, int targetPoints, double paramsRatio) {
    }

    /**
     * What data a fit saw.
     *
     * @param dataVersion the family's data version: counts every accepted change of its observations
     * @param points loss points stored for the family's metric
     * @param pointsFitted points left after the token cut
     * @param runs runs fitted
     * @param sizes distinct model sizes (N) fitted: fewer than 3 do not identify a law's N term (0 in events
     *     published before sizes were counted)
     * @param maxTokens the largest D fitted
     * @param newestIngestedAt ingest time of the newest observation included, ISO-8601
     * @param oldestNewIngestedAt ingest time of the oldest observation this version is the first to include
     *     (those ingested after the previous version's newest), ISO-8601; the start of the freshness clock
     */
    public record Watermark(long dataVersion, int points, int pointsFitted, int runs, int sizes, double maxParams,
                            double maxTokens, String newestIngestedAt, String oldestNewIngestedAt) {
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
     * @param unusableStarts converged starts whose optimum was outside the usable range (a non-physical law)
     * @param atBound free exponents at an end of the usable range [0, 3]
     * @param search {@code full} (the multi-start grid), {@code warm} (one start: the previous version's law) or
     *     {@code quick} (a few starts of the grid, while the full search is deferred)
     * @param searchReason why the full search ran or is owed, or null for a warm start
     * @param warnings why the data may not identify the law, each with its advice (too few model sizes, a parameter
     *     at its bound, a collapsed bootstrap, a back-test worse than its baseline); empty when none (and in records
     *     written before they were published)
     */
    public record Diagnostics(int starts, int convergedStarts, int bestStartHits, int iterations, boolean converged,
                              double r2, double rmseLog, long millis, int unusableStarts, List<String> atBound,
                              String search, String searchReason, List<String> warnings) {

        public Diagnostics {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }

        /** The search of a warm-started fit. */
        public static final String WARM = "warm";
        /** The search of a fit from the full start grid. */
        public static final String FULL = "full";
        /**
         * The search of a fit from a few of the grid's starts, standing in for a full search while other families wait
         * for their laws; the full search follows.
         */
        public static final String QUICK = "quick";
    }

    /**
     * The configuration a fit used.
     *
     * @param metric the metric fitted as the loss
     * @param huberDelta the Huber threshold
     * @param tokenCut the early-checkpoint rule
     * @param objective how the objective is formed
     * @param pinned parameters held fixed, by name
     * @param freeParameters parameters the fit estimated
     * @param borrowedFrom the family whose law lent A and α (pinned or as a prior), or null
     * @param priors Gaussian priors by name as [mean, sd] (sd relative for A, B, E), empty without
     * @param runsForFreeFit how many runs a fit of all five parameters needs; a family below it is fitted only with
     *     borrowed or pinned parameters
     */
    public record Config(String metric, double huberDelta, String tokenCut, String objective,
                         Map<String, Double> pinned, int freeParameters, String borrowedFrom,
                         Map<String, double[]> priors, int runsForFreeFit) {
    }
}
