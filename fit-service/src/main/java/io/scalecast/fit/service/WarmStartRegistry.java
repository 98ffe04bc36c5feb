package io.scalecast.fit.service;

import io.scalecast.core.event.FittedLaw;
import io.scalecast.core.fit.RollingBootstrap;
import io.scalecast.core.fit.SearchPolicy;
import io.scalecast.core.law.ChinchillaLaw;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance remembers of each family's last fit, to warm-start the next one. It lives in memory on
 * purpose: after a restart or a partition move the first refit of a family runs the full search, which is the safe
 * default, and nothing here needs to survive a crash.
 */
@ApplicationScoped
public class WarmStartRegistry {

    private final Map<String, State> states = new ConcurrentHashMap<>();

    /**
     * A family's last fit on this instance.
     *
     * @param previous the law and what the search policy compares against
     * @param bootstrap its rolling bootstrap, or null when the fit had none
     * @param backtest the last back-test run, or null when the family had too few runs for one
     * @param backtestAt when that back-test ran
     */
    public record State(SearchPolicy.Previous<ChinchillaLaw> previous, RollingBootstrap bootstrap,
                        FittedLaw.Backtest backtest, Instant backtestAt) {

        /**
         * Whether a warm refit at {@code now} may publish this state's back-test instead of running one: it ran
         * less than {@code every} ago (a full search, with its new runs or configuration, always back-tests anew).
         */
        public boolean backtestStillCurrent(Instant now, Duration every) {
            return backtestAt != null && now.isBefore(backtestAt.plus(every));
        }
    }

    public Optional<State> get(String lab, String family) {
        return Optional.ofNullable(states.get(key(lab, family)));
    }

    public void put(String lab, String family, State state) {
        states.put(key(lab, family), state);
    }

    /** Forgets a family, so its next refit runs the full search (after a failed fit). */
    public void forget(String lab, String family) {
        states.remove(key(lab, family));
    }

    private static String key(String lab, String family) {
        return lab + "/" + family;
    }
}
