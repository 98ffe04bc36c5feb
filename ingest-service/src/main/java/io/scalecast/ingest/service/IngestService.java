package io.scalecast.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.scalecast.contracts.event.CheckpointEvent;
import io.scalecast.contracts.event.EvalEvent;
import io.scalecast.contracts.event.Observation;
import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.model.ScopedPages;
import io.scalecast.support.outbox.Outbox;
import io.scalecast.support.recovery.RepublishScope;
import io.scalecast.support.recovery.RepublishSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores validated events idempotently on their natural keys and queues an observation for each new or changed
 * row in the same transaction.
 */
@ApplicationScoped
public class IngestService {

    private static final int REPUBLISH_PAGE = 1000;

    private final CheckpointKind checkpoints;
    private final EvalKind evals;
    private final Outbox outbox;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final FamilyLimitService limits;
    private final ObjectMapper json;

    public IngestService(CheckpointKind checkpoints, EvalKind evals, Outbox outbox, IngestConfig config,
                         MeterRegistry metrics, FamilyLimitService limits, ObjectMapper json) {
        this.checkpoints = checkpoints;
        this.evals = evals;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
        this.limits = limits;
        this.json = json;
    }

    /**
     * Stores checkpoint events as if one after another: the same key with the same values changes nothing. One
     * statement finds the stored rows and two per family count the limits, instead of three per event.
     *
     * @throws io.scalecast.contracts.event.InvalidEventException when a family would pass a limit; the caller then
     *     stores the events one by one, which names the limit for the events past it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeCheckpoints(List<CheckpointEvent> events) {
        storeAll(checkpoints, events);
    }

    /** Stores eval events as {@link #storeCheckpoints} does checkpoints. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeEvals(List<EvalEvent> events) {
        storeAll(evals, events);
    }

    private <E, R> void storeAll(EventKind<E, R> kind, List<E> events) {
        if (events.size() == 1) {
            store(kind, events.get(0));
            return;
        }
        Map<List<Object>, FamilyLimitService.Point> wanted = new LinkedHashMap<>();
        events.forEach(e -> wanted.putIfAbsent(kind.key(e), kind.point(e)));
        Map<List<Object>, R> stored = new HashMap<>();
        kind.findAll(json(wanted.values())).forEach(r -> stored.put(kind.rowKey(r), r));
        limits.admitAll(kind.name(), wanted.entrySet().stream().filter(w -> !stored.containsKey(w.getKey()))
                .map(Map.Entry::getValue).toList());
        events.forEach(e -> stored.put(kind.key(e), apply(kind, e, stored.get(kind.key(e)))));
    }

    /** Stores one event, checking the limits for its point when its key is new. */
    private <E, R> void store(EventKind<E, R> kind, E event) {
        R row = kind.find(event).orElse(null);
        if (row == null) {
            FamilyLimitService.Point p = kind.point(event);
            limits.admitPoint(p.lab(), p.family(), kind.name(), p.run());
        }
        apply(kind, event, row);
    }

    /** Stores {@code event} into {@code row} (null: a new row) and queues its observation unless nothing changed. */
    private <E, R> R apply(EventKind<E, R> kind, E event, R row) {
        Instant now = Instant.now();
        StoreOutcome outcome;
        if (row == null) {
            row = kind.newRow(event, now);
            outcome = StoreOutcome.CREATED;
        } else if (kind.sameValues(row, event)) {
            count(kind.name(), StoreOutcome.UNCHANGED);
            return row;
        } else {
            kind.nextRevision(row);
            outcome = StoreOutcome.UPDATED;
        }
        kind.write(event, row, now);
        kind.persistIfNew(row);
        Observation o = kind.observation(row, now);
        outbox.publish(config.observationsTopic(), o.key(), o);
        count(kind.name(), outcome);
        return row;
    }

    /**
     * Queues the observation of every stored checkpoint and eval result in {@code scope} again, each as it was last
     * published (same revision and ingest time), a page of rows at a time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void republish(RepublishScope scope, RepublishSink sink) {
        republish(checkpoints, scope, sink);
        republish(evals, scope, sink);
    }

    private <E, R> void republish(EventKind<E, R> kind, RepublishScope scope, RepublishSink sink) {
        ScopedPages.forEach((after, limit) -> kind.after(scope, after, limit), kind::id, REPUBLISH_PAGE, row -> {
            Observation o = kind.published(row);
            sink.sendEvent(o.key(), o);
        });
    }

    private void count(String kind, StoreOutcome outcome) {
        metrics.counter("scalecast.ingest.events", "kind", kind, "outcome", outcome.name().toLowerCase()).increment();
    }

    /** The natural keys of {@code points} as the JSON array the repositories' batch lookups take. */
    private String json(Collection<FamilyLimitService.Point> points) {
        try {
            return json.writeValueAsString(points.stream().map(FamilyLimitService.Point::naturalKey).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
