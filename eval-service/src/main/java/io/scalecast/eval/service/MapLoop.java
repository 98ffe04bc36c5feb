package io.scalecast.eval.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalecast.eval.config.EvalConfig;
import io.scalecast.eval.model.MapState;
import io.scalecast.eval.model.MapStateRepository;
import io.scalecast.support.dirty.DebounceLoop;
import io.scalecast.support.dirty.PartitionOwnership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;

/**
 * Refits, through the shared {@link DebounceLoop}, the maps of every family of this instance's observations
 * partitions whose eval or loss data settled for {@code debounce} or whose oldest unfitted change is older than
 * {@code max-delay}; another instance refits the families of the other partitions.
 */
@ApplicationScoped
public class MapLoop {

    /** One family at a time: a map refit is short, and the consumers keep the other processor. */
    private static final int THREADS = 1;

    private final MapStateRepository states;
    private final EvalConfig config;
    private final PartitionOwnership ownership;
    private final DebounceLoop<MapState> loop;

    public MapLoop(MapStateRepository states, MapService maps, EvalConfig config, PartitionOwnership ownership) {
        this.states = states;
        this.config = config;
        this.ownership = ownership;
        this.loop = new DebounceLoop<>("map-loop", config.poll().toMillis(), THREADS, this::due, maps::refit,
                DebounceLoop.Listener.NONE);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    private List<MapState> due() {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> states.due(now.minus(config.debounce()),
                now.minus(config.maxDelay()), ownership.owned()));
    }
}
