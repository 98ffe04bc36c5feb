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

/**
 * Refits, through the shared {@link DebounceLoop}, every family of this instance's partitions whose data settled for
 * {@code debounce} or whose oldest unfitted change is older than {@code max-delay} (stretched while the consumer
 * trails the stream, {@link ObservationLag}), several families at once.
 */
@ApplicationScoped
public class RefitLoop {

    private final FamilyStateRepository families;
    private final FitConfig config;
    private final PartitionOwnership ownership;
    private final ObservationLag lag;
    private final DebounceLoop<FamilyState> loop;

    public RefitLoop(FamilyStateRepository families, RefitService refits, FitConfig config,
                     PartitionOwnership ownership, RefitBacklog backlog, ObservationLag lag) {
        this.families = families;
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
        return QuarkusTransaction.requiringNew().call(() -> families.due(now.minus(config.debounce()),
                now.minus(lag.maxDelay()), ownership.owned()));
    }
}
