package io.scalecast.eval.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalecast.eval.config.EvalConfig;
import io.scalecast.eval.model.MapState;
import io.scalecast.eval.model.MapStateRepository;
import io.scalecast.support.worker.WorkerLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The debouncer of the maps: on its own thread, refits every family whose eval or loss data settled for
 * {@code debounce} or whose oldest unfitted change is older than {@code max-delay}.
 */
@ApplicationScoped
public class MapLoop {

    private static final Logger LOG = Logger.getLogger(MapLoop.class);

    private final MapStateRepository states;
    private final MapService maps;
    private final EvalConfig config;
    private final WorkerLoop worker;

    public MapLoop(MapStateRepository states, MapService maps, EvalConfig config) {
        this.states = states;
        this.maps = maps;
        this.config = config;
        this.worker = new WorkerLoop("map-loop", this::refitDue, config.poll().toMillis());
    }

    void start(@Observes StartupEvent event) {
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.stop(10_000);
    }

    private void refitDue() {
        Instant now = Instant.now();
        List<MapState> due = QuarkusTransaction.requiringNew().call(() -> states.due(now.minus(config.debounce()),
                now.minus(config.maxDelay())));
        for (MapState s : due) {
            try {
                maps.refit(s);
            } catch (RuntimeException e) {
                // The family stays dirty, so the next pass retries it.
                LOG.warnf(e, "maps of %s/%s failed", s.lab, s.family);
            }
        }
    }
}
