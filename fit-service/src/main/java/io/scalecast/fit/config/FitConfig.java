package io.scalecast.fit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Typed settings of fit-service, under {@code scalecast.fit}. */
@ConfigMapping(prefix = "scalecast.fit")
public interface FitConfig {

    /** Topic the fitted laws are published to (compacted). */
    @WithDefault("scalecast.laws")
    String lawsTopic();

    /** Topic the runs' forecasts are published to (compacted, keyed lab/family/run). */
    @WithDefault("scalecast.forecasts")
    String forecastsTopic();

    /** Topic runs' incidents are published to when raised and when recovered (keyed lab/family). */
    @WithDefault("scalecast.alerts")
    String alertsTopic();

    /** How often runs are checked for silence: no checkpoint for five of their usual gaps before their end. */
    @WithDefault("30s")
    Duration silenceCheck();

    /**
     * The shortest usual gap between a run's checkpoints: a run whose checkpoints came in a burst (a bulk import)
     * is silent only after five of these.
     */
    @WithDefault("10m")
    Duration silenceFloor();

    /** Bootstrap resamples of each model size's annealing law, for the forecasts' bands. */
    @WithDefault("100")
    int forecastResamples();

    /** The checkpoint metric fitted as the loss. */
    @WithDefault("loss")
    String lossMetric();

    /** A family is refitted once no new data arrived for this long... */
    @WithDefault("250ms")
    Duration debounce();

    /** ...or once its oldest unfitted change is this old, so a steady stream still gets fresh fits. */
    @WithDefault("500ms")
    Duration maxDelay();

    /**
     * While the observations consumer trails the stream, {@code max-delay} stretches to that lag, up to this: a law
     * cannot be fresher than the points stored, and refitting every family twice a second on points seconds old takes
     * the processors the consumers need to catch up.
     */
    @WithDefault("10s")
    Duration laggingMaxDelay();

    /** How often the refit loop looks for families that are due. */
    @WithDefault("100ms")
    Duration poll();

    /**
     * The full search runs its starts on an even subsample of at most this many points and refines the best
     * optima on all of them (see ChinchillaFitter#searchingOn).
     */
    @WithDefault("250")
    int searchPoints();

    /**
     * The full search runs L-BFGS from this many of the 4,500 grid starts, those with the lowest objective (see
     * ChinchillaFitter#screening): the same optimum about ten times faster.
     */
    @WithDefault("450")
    int searchStarts();

    /** Families refitted at the same time; 0 means one per available processor but one (at least 1). */
    @WithDefault("0")
    int refitThreads();

    /**
     * The share of the refit threads' time full searches may take while other families wait for a refit thread
     * (1: always); a refit that cannot afford its full search runs the quick search instead and owes the full one.
     */
    @WithDefault("0.25")
    double fullSearchShareWhileWaiting();

    /**
     * The quick search runs L-BFGS from this many grid starts of lowest objective (the full search from
     * {@link #searchStarts()}).
     */
    @WithDefault("32")
    int quickSearchStarts();

    /** The longest a family goes without the full multi-start search while warm starts keep succeeding. */
    @WithDefault("30m")
    Duration fullSearchEvery();

    /**
     * How much a warm-started fit's objective per point may exceed the previous fit's before the warm result is
     * distrusted and the full search runs.
     */
    @WithDefault("1.25")
    double warmObjectiveGrowth();

    /** Time a warm refit spends refreshing bootstrap draws, beyond the minimum below. */
    @WithDefault("50ms")
    Duration bootstrapBudget();

    /**
     * Whether the bootstrap budgets above are skipped while other families wait for a refit thread (only the minimum
     * draws are fitted then): under a steady stream their freshness comes first.
     */
    @WithDefault("true")
    boolean bootstrapYields();

    /** Bootstrap draws every warm refit refreshes, whatever the budget. */
    @WithDefault("4")
    int bootstrapMinRefresh();

    /**
     * Bootstrap draws a warm refit refreshes instead of {@code bootstrap-min-refresh} while other families wait for
     * a refit thread (with {@code bootstrap-yields}), fitted on the refit's own thread: the draws of a fast-moving
     * family then age a little, its law does not.
     */
    @WithDefault("1")
    int bootstrapMinRefreshWhileWaiting();

    /**
     * Draws a new bootstrap (after a full search) fits before the law is published, whatever the budget below; the
     * rest follow in later refits.
     */
    @WithDefault("100")
    int bootstrapColdDraws();

    /**
     * Draws a new bootstrap fits instead of {@code bootstrap-cold-draws} while other families wait for a refit thread
     * (with {@code bootstrap-yields}): a stream of new families gets its first laws sooner, with intervals from
     * fewer draws that later refits add to.
     */
    @WithDefault("20")
    int bootstrapColdDrawsWhileWaiting();

    /** Time a new bootstrap spends on draws beyond the minimum above. */
    @WithDefault("2s")
    Duration bootstrapColdBudget();

    /** Fewest runs a Chinchilla fit is attempted with (the Hitchhiker's guide: at least 3 models). */
    @WithDefault("3")
    int minRuns();

    /** Run-bootstrap resamples per fit (science.md section 6); 0 turns the bootstrap off. */
    @WithDefault("1000")
    int bootstrapResamples();

    /** How many bootstrap draws each published law carries, for intervals of any prediction. */
    @WithDefault("200")
    int publishedDraws();

    /**
     * How many of a family's newest versions of each law keep their full stored law in the fit history; older rows
     * keep their summary (version, data version, status, objective, search, time) only.
     */
    @WithDefault("100")
    int payloadsKept();

    /** How many of the family's points each published law carries for plots (thinned evenly within runs). */
    @WithDefault("2000")
    int publishedPoints();

    /** Fewest runs the over-training law is fitted to: one more than its four parameters. */
    @WithDefault("5")
    int overtrainingMinRuns();

    /**
     * The least ratio of the largest to the smallest token multiplier among the runs' finals for the over-training
     * law: its exponent is told apart from E only by runs at different multipliers.
     */
    @WithDefault("4")
    double overtrainingMinSpan();

    /** Fewest runs for the Hitchhiker back-test: the largest model plus at least three to fit. */
    @WithDefault("4")
    int backtestMinRuns();

    /**
     * How long a warm refit on the same runs publishes the family's last back-test instead of running a new one:
     * a back-test is a second fit, and it moves far slower than a streaming family's law. 0 back-tests every refit.
     */
    @WithDefault("5s")
    Duration backtestEvery();

    /** How the points of one run count: POINT (each point 1) or RUN (each run the same total). */
    @WithDefault("POINT")
    io.scalecast.core.data.RunWeighting runWeighting();

    /** Whether the Hitchhiker's early-checkpoint cut is applied. */
    @WithDefault("true")
    boolean tokenCut();
}
