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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The debouncer: on its own thread, finds every family of this instance's partitions whose data settled for
 * {@code debounce} or whose oldest unfitted change is older than {@code max-delay} (stretched while the consumer
 * trails the stream, {@link ObservationLag}), and hands each to a pool that refits several families at once, never
 * one family twice at the same time.
 */
@ApplicationScoped
public class RefitLoop {

    private static final Logger LOG = Logger.getLogger(RefitLoop.class);

    private final FamilyStateRepository families;
    private final RefitService refits;
    private final FitConfig config;
    private final WorkerLoop worker;
    private final PartitionOwnership ownership;
    private final RefitBacklog backlog;
    private final ObservationLag lag;
    private final ExecutorService pool;
    /** Families queued or being refitted, by state row id. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    public RefitLoop(FamilyStateRepository families, RefitService refits, FitConfig config,
                     PartitionOwnership ownership, RefitBacklog backlog, ObservationLag lag) {
        this.families = families;
        this.lag = lag;
        this.ownership = ownership;
        this.backlog = backlog;
        this.refits = refits;
        this.config = config;
        this.worker = new WorkerLoop("refit-loop", this::refitDue, config.poll().toMillis());
        // By default one processor is left to the consumers and the broker: refits always have work under a steady
        // stream, and taking every processor made the observations consumer fall seconds behind.
        int threads = config.refitThreads() > 0 ? config.refitThreads()
                : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "refit-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void start(@Observes StartupEvent event) {
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.stop(10_000);
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void refitDue() {
        for (FamilyState state : due()) {
            if (inFlight.add(state.id)) {
                backlog.queued();
                pool.execute(() -> refit(state));
            }
        }
    }

    private void refit(FamilyState state) {
        backlog.started();
        try {
            refits.refit(state);
        } catch (RuntimeException e) {
            // The family stays dirty, so the loop retries it once the cause (often the database) is gone.
            LOG.warnf(e, "refit of %s/%s failed", state.lab, state.family);
        } finally {
            inFlight.remove(state.id);
        }
    }

    private List<FamilyState> due() {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(
                () -> families.dueForRefit(now.minus(config.debounce()), now.minus(lag.maxDelay()),
                        ownership.owned()));
    }
}
