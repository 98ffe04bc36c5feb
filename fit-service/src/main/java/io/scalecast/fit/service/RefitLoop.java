package io.scalecast.fit.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.model.FamilyState;
import io.scalecast.fit.model.FamilyStateRepository;
import io.scalecast.support.dirty.DebounceLoop;
import io.scalecast.support.dirty.PartitionOwnership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refits, through the shared {@link DebounceLoop}, every family of this instance's partitions whose data settled for
 * {@code debounce} or whose oldest unfitted change is older than {@code max-delay} (stretched while the consumer
 * trails the stream, {@link ObservationLag}), several families at once; when no family is due and none waits, one
 * family that owes a full search ({@link SearchBudget}) per poll.
 */
@ApplicationScoped
public class RefitLoop {

    private final FamilyStateRepository families;
    private final FitConfig config;
    private final PartitionOwnership ownership;
    private final ObservationLag lag;
    private final DebounceLoop<FamilyState> loop;
    private final RefitBacklog backlog;
    private final SearchBudget searches;

    public RefitLoop(FamilyStateRepository families, RefitService refits, FitConfig config,
                     PartitionOwnership ownership, RefitBacklog backlog, ObservationLag lag, SearchBudget searches) {
        this.families = families;
        this.backlog = backlog;
        this.searches = searches;
        this.lag = lag;
        this.ownership = ownership;
        this.config = config;
        // By default one processor is left to the consumers and the broker: refits always have work under a steady
        // stream, and taking every processor made the observations consumer fall seconds behind.
        int threads = config.refitThreads() > 0 ? config.refitThreads()
                : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        this.loop = new DebounceLoop<>("refit-loop", config.poll().toMillis(), threads, this::due, refits::refit,
                backlog);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    private List<FamilyState> due() {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<FamilyState> due = families.due(now.minus(config.debounce()), now.minus(lag.maxDelay()),
                    ownership.owned());
            return due.isEmpty() && !backlog.waiting() ? owing() : due;
        });
    }

    /**
     * One family of the owned partitions whose full search is owed, or none: its refit can afford it now. A family
     * whose partition moved away owes nothing here any more (its new owner fits it in full, having no earlier fit).
     */
    private List<FamilyState> owing() {
        Set<Integer> owned = ownership.owned();
        for (SearchBudget.Family f : searches.owing()) {
            Optional<FamilyState> state = families.findOwned(f.lab(), f.family(), owned);
            if (state.isPresent()) {
                return List.of(state.get());
            }
            searches.forget(f);
        }
        return List.of();
    }
}
