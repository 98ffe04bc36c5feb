package io.scalecast.fit.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.messaging.PartitionOwnership;
import io.scalecast.fit.model.FamilyState;
import io.scalecast.fit.model.FamilyStateRepository;
import io.scalecast.support.worker.WorkerLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;

/**
 * The debouncer: on its own thread, refits every family of this instance's partitions whose data settled for
 * {@code debounce} or whose oldest unfitted change is older than {@code max-delay}, one family at a time.
 */
@ApplicationScoped
public class RefitLoop {

    private final FamilyStateRepository families;
    private final RefitService refits;
    private final FitConfig config;
    private final WorkerLoop worker;
    private final PartitionOwnership ownership;

    public RefitLoop(FamilyStateRepository families, RefitService refits, FitConfig config,
                     PartitionOwnership ownership) {
        this.families = families;
        this.ownership = ownership;
        this.refits = refits;
        this.config = config;
        this.worker = new WorkerLoop("refit-loop", this::refitDue, config.poll().toMillis());
    }

    void start(@Observes StartupEvent event) {
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.stop(10_000);
    }

    private void refitDue() {
        due().forEach(refits::refit);
    }

    private List<FamilyState> due() {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(
                () -> families.dueForRefit(now.minus(config.debounce()), now.minus(config.maxDelay()),
                        ownership.owned()));
    }
}
