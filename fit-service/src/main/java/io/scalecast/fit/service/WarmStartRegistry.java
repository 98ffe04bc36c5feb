package io.scalecast.fit.service;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.fit.LogForm;
import io.scalecast.core.fit.RollingBootstrap;
import io.scalecast.core.fit.SearchPolicy;
import io.scalecast.core.law.LawKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance remembers of each family's last fit of each law, to warm-start the next one: the one store of
 * warm state every {@link LawFitter} uses. It lives in memory on purpose: after a restart or a partition move the
 * first refit of a family runs the full search, which is the safe default, and nothing here needs to survive a crash.
 */
@ApplicationScoped
public class WarmStartRegistry {

    /** By law kind, lab and family; each kind keeps states of its own law type only. */
    private final Map<Key, State<?>> states = new ConcurrentHashMap<>();

    private record Key(LawKind kind, String lab, String family) {
    }

    /**
     * A family's last fit of one law on this instance.
     *
     * @param <L> the law
     * @param previous the law and what the search policy compares against
     * @param bootstrap its rolling bootstrap, or null when the fit had none
     * @param backtest the last back-test run, or null when the family had too few runs for one
     * @param backtestAt when that back-test ran, or null when a law back-tests on every refit
     * @param searchWarnings what the last full search found that a warm refit, from one start, cannot see (a flat
     *     valley of the objective): published with every warm refit until the next full search
     */
    public record State<L>(SearchPolicy.Previous<L> previous, RollingBootstrap<L> bootstrap,
                           FittedLaw.Backtest backtest, Instant backtestAt, List<String> searchWarnings) {

        public State {
            searchWarnings = List.copyOf(searchWarnings);
        }

        /** A state whose search found nothing a warm refit cannot see. */
        public State(SearchPolicy.Previous<L> previous, RollingBootstrap<L> bootstrap, FittedLaw.Backtest backtest,
                     Instant backtestAt) {
            this(previous, bootstrap, backtest, backtestAt, List.of());
        }

        /**
         * Whether a warm refit at {@code now} may publish this state's back-test instead of running one: it ran
         * less than {@code every} ago (a full search, with its new runs or configuration, always back-tests anew).
         */
        public boolean backtestStillCurrent(Instant now, Duration every) {
            return backtestAt != null && now.isBefore(backtestAt.plus(every));
        }
    }

    /** The family's last fit of {@code kind} on this instance, whose law is of the type that kind fits. */
    @SuppressWarnings("unchecked")
    public <L> Optional<State<L>> get(LawKind kind, String lab, String family) {
        return Optional.ofNullable((State<L>) states.get(new Key(kind, lab, family)));
    }

    public <L> void put(LawKind kind, String lab, String family, State<L> state) {
        states.put(new Key(kind, lab, family), state);
    }

    /** Forgets a family's law, so its next refit runs the full search (after a failed fit). */
    public void forget(LawKind kind, String lab, String family) {
        states.remove(new Key(kind, lab, family));
    }

    /**
     * The rolling bootstrap of a refit: the previous one after a warm start (or a full search that confirmed the
     * previous optimum) when it still serves the data (the same runs and resamples, no run outgrown since it began),
     * else a new one; null for no bootstrap.
     *
     * @param moved whether the refit may have moved to another optimum than the previous law's (a full or quick
     *     search that did not confirm it)
     * @param resamples the bootstrap's resamples; none when not positive
     * @param seed the new bootstrap's seed
     */
    public static <L> RollingBootstrap<L> bootstrapFor(Optional<State<L>> state, boolean moved, FamilyData data,
                                                       int resamples, long seed, LogForm<L> form) {
        if (resamples <= 0) {
            return null;
        }
        RollingBootstrap<L> previous = state.map(State::bootstrap).orElse(null);
        if (!moved && previous != null && previous.serves(data, resamples)) {
            return previous;
        }
        return new RollingBootstrap<>(resamples, seed, data, form);
    }
}
