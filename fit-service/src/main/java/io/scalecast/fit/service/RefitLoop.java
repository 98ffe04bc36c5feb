package io.scalecast.fit.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.model.FamilyState;
import io.scalecast.fit.model.FamilyStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The debouncer: on its own thread, refits every family whose data settled for {@code debounce} or whose oldest
 * unfitted change is older than {@code max-delay}, one family at a time.
 */
@ApplicationScoped
public class RefitLoop {

    private static final Logger LOG = Logger.getLogger(RefitLoop.class);

    private final FamilyStateRepository families;
    private final RefitService refits;
    private final FitConfig config;
    private volatile boolean running;
    private Thread worker;

    public RefitLoop(FamilyStateRepository families, RefitService refits, FitConfig config) {
        this.families = families;
        this.refits = refits;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        worker = new Thread(this::loop, "refit-loop");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(10_000);
        }
    }

    private void loop() {
        while (running) {
            try {
                due().forEach(refits::refit);
                Thread.sleep(config.poll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("refit loop: %s; retrying", e.getMessage());
                pause();
            }
        }
    }

    private List<FamilyState> due() {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(
                () -> families.dueForRefit(now.minus(config.debounce()), now.minus(config.maxDelay())));
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
