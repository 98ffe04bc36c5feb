package io.scalecast.fit.service;

import io.scalecast.core.law.LawKind;
import io.scalecast.fit.config.FitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Whether a refit can afford a law's full search now, and which families owe one: always affordable while no other
 * family waits for a refit thread; while families wait, full searches get only a share of the refit time, so that a
 * hundred new families get quick first laws within seconds instead of queueing behind a hundred full searches, and
 * the searches they owe run as that share or an idle refit thread allows.
 */
@ApplicationScoped
public class SearchBudget {

    private final RefitBacklog backlog;
    private final double share;
    private final LongSupplier clock;
    /** The {@link System#nanoTime()} from which a full search may run while families wait. */
    private final AtomicLong nextWhileWaiting;
    /** The laws of families whose full search is owed. */
    private final Set<Key> owed = ConcurrentHashMap.newKeySet();

    @Inject
    public SearchBudget(RefitBacklog backlog, FitConfig config) {
        this(backlog, config.fullSearchShareWhileWaiting(), System::nanoTime);
    }

    SearchBudget(RefitBacklog backlog, double share, LongSupplier clock) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("full-search-share-while-waiting must be in (0, 1], was " + share);
        }
        this.backlog = backlog;
        this.share = share;
        this.clock = clock;
        this.nextWhileWaiting = new AtomicLong(clock.getAsLong());
    }

    /** A family of a lab. */
    public record Family(String lab, String family) {
    }

    /** A law of a family. */
    private record Key(LawKind law, Family family) {
    }

    /** Whether a full search may run now. */
    public boolean fullAffordable() {
        return share >= 1 || !backlog.waiting() || clock.getAsLong() - nextWhileWaiting.get() >= 0;
    }

    /**
     * The full search {@code full}, timed: the next full search while families wait may start only once the refit
     * threads have spent the rest of their time, (1 / share − 1) times this one's, on other work.
     */
    public <F> Supplier<F> timed(Supplier<F> full) {
        return () -> {
            long t0 = clock.getAsLong();
            try {
                return full.get();
            } finally {
                long now = clock.getAsLong();
                nextWhileWaiting.set(now + (long) ((now - t0) * (1 / share - 1)));
            }
        };
    }

    /** Records whether the family's law owes a full search after a refit ({@code reason} null when not). */
    public void owes(LawKind law, String lab, String family, String reason) {
        Key key = new Key(law, new Family(lab, family));
        if (reason == null) {
            owed.remove(key);
        } else {
            owed.add(key);
        }
    }

    /** Whether any law of the family owes a full search. */
    public boolean owes(String lab, String family) {
        Family f = new Family(lab, family);
        return owed.stream().anyMatch(k -> k.family().equals(f));
    }

    /** Forgets what the family owes, of every law. */
    public void forget(Family family) {
        owed.removeIf(k -> k.family().equals(family));
    }

    /** The families that owe a full search of some law. */
    public List<Family> owing() {
        return owed.stream().map(Key::family).distinct().toList();
    }
}
