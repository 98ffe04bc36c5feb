package io.scalecast.fit.service;

import io.scalecast.fit.config.FitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * How many bootstrap draws a refit fits and how long it may spend on more: the configured amounts, or the smaller
 * ones while other families wait for a refit thread, whose freshness comes first.
 */
@ApplicationScoped
public class BootstrapBudget {

    private final FitConfig config;
    private final RefitBacklog backlog;

    public BootstrapBudget(FitConfig config, RefitBacklog backlog) {
        this.config = config;
        this.backlog = backlog;
    }

    /**
     * The budget of one refresh.
     *
     * @param kept whether the refresh continues a bootstrap of earlier refits (else it starts a new one)
     */
    public Plan plan(boolean kept) {
        boolean yielding = yielding();
        if (kept) {
            return yielding ? new Plan(config.bootstrapMinRefreshWhileWaiting(), Duration.ZERO)
                    : new Plan(config.bootstrapMinRefresh(), config.bootstrapBudget());
        }
        return yielding ? new Plan(config.bootstrapColdDrawsWhileWaiting(), Duration.ZERO)
                : new Plan(config.bootstrapColdDraws(), config.bootstrapColdBudget());
    }

    /** Whether bootstraps fit only their minimum now, since other families wait for a refit thread. */
    public boolean yielding() {
        return config.bootstrapYields() && backlog.waiting();
    }

    /**
     * What a refresh fits.
     *
     * @param atLeast draws fitted whatever the time
     * @param extra time spent on further draws
     */
    public record Plan(int atLeast, Duration extra) {

        /** The {@link System#nanoTime()} until which further draws may be fitted, from now. */
        public long deadlineNanos() {
            return System.nanoTime() + extra.toNanos();
        }
    }
}
