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

    /** The checkpoint metric fitted as the loss. */
    @WithDefault("loss")
    String lossMetric();

    /** A family is refitted once no new data arrived for this long... */
    @WithDefault("500ms")
    Duration debounce();

    /** ...or once its oldest unfitted change is this old, so a steady stream still gets fresh fits. */
    @WithDefault("5s")
    Duration maxDelay();

    /** How often the refit loop looks for families that are due. */
    @WithDefault("200ms")
    Duration poll();

    /** Fewest runs a Chinchilla fit is attempted with (the Hitchhiker's guide: at least 3 models). */
    @WithDefault("3")
    int minRuns();

    /** Run-bootstrap resamples per fit (science.md section 6); 0 turns the bootstrap off. */
    @WithDefault("1000")
    int bootstrapResamples();

    /** How many bootstrap draws each published law carries, for intervals of any prediction. */
    @WithDefault("200")
    int publishedDraws();

    /** How many of the family's points each published law carries for plots (thinned evenly within runs). */
    @WithDefault("2000")
    int publishedPoints();

    /** Fewest runs for the Hitchhiker back-test: the largest model plus at least three to fit. */
    @WithDefault("4")
    int backtestMinRuns();

    /** How the points of one run count: POINT (each point 1) or RUN (each run the same total). */
    @WithDefault("POINT")
    io.scalecast.core.data.RunWeighting runWeighting();

    /** Whether the Hitchhiker's early-checkpoint cut is applied. */
    @WithDefault("true")
    boolean tokenCut();
}
