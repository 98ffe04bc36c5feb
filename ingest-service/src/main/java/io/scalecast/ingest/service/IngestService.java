package io.scalecast.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.scalecast.core.event.CheckpointEvent;
import io.scalecast.core.event.EvalEvent;
import io.scalecast.core.event.EventValidator;
import io.scalecast.core.event.Observation;
import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.model.CheckpointRecord;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.ingest.model.EvalRecord;
import io.scalecast.ingest.model.EvalRepository;
import io.scalecast.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stores validated events idempotently on their natural keys and queues an observation for each new or changed
 * row in the same transaction.
 */
@ApplicationScoped
public class IngestService {

    private final CheckpointRepository checkpoints;
    private final EvalRepository evals;
    private final Outbox outbox;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final FamilyLimitService limits;
    private final ObjectMapper json;

    public IngestService(CheckpointRepository checkpoints, EvalRepository evals, Outbox outbox, IngestConfig config,
                         MeterRegistry metrics, FamilyLimitService limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
        this.checkpoints = checkpoints;
        this.evals = evals;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
    }

    /** Stores a checkpoint event; the same key with the same values changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(CheckpointEvent e) {
        CheckpointRecord row = checkpoints.findByKey(e.lab(), e.family(), e.run(), e.metricOrDefault(), e.step())
                .orElse(null);
        if (row == null) {
            limits.admitPoint(e.lab(), e.family(), Observation.CHECKPOINT, e.run());
        }
        apply(e, row);
    }

    /**
     * Stores a batch of checkpoint events as {@link #store(CheckpointEvent)} would one after another, with one
     * statement to find the stored rows and two per family for the limits instead of three per event.
     *
     * @throws io.scalecast.core.event.InvalidEventException when a family would pass a limit; the caller then
     *     stores the events one by one, which names the limit for the events past it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeCheckpoints(List<CheckpointEvent> events) {
        if (events.size() == 1) {
            store(events.get(0));
            return;
        }
        Map<List<Object>, FamilyLimitService.Point> wanted = new LinkedHashMap<>();
        events.forEach(e -> wanted.putIfAbsent(key(e), FamilyLimitService.Point.of(e)));
        Map<List<Object>, CheckpointRecord> stored = new HashMap<>();
        checkpoints.findByKeys(json(wanted.values())).forEach(r -> stored.put(key(r), r));
        limits.admitAll(Observation.CHECKPOINT, wanted.entrySet().stream()
                .filter(w -> !stored.containsKey(w.getKey())).map(Map.Entry::getValue).toList());
        events.forEach(e -> stored.put(key(e), apply(e, stored.get(key(e)))));
    }

    /** Stores {@code e} into {@code row} (null: a new row) and queues its observation unless nothing changed. */
    private CheckpointRecord apply(CheckpointEvent e, CheckpointRecord row) {
        Instant now = Instant.now();
        StoreOutcome outcome;
        if (row == null) {
            row = new CheckpointRecord();
            row.lab = e.lab();
            row.family = e.family();
            row.run = e.run();
            row.metric = e.metricOrDefault();
            row.step = e.step();
            row.revision = 1;
            row.createdAt = now;
            outcome = StoreOutcome.CREATED;
        } else if (sameValues(row, e)) {
            count(Observation.CHECKPOINT, StoreOutcome.UNCHANGED);
            return row;
        } else {
            row.revision++;
            outcome = StoreOutcome.UPDATED;
        }
        row.params = e.params();
        row.tokens = e.tokens();
        row.value = e.value();
        row.learningRate = e.learningRate();
        row.flops = e.flopsOrDefault();
        row.eventTime = e.time();
        row.updatedAt = now;
        if (row.id == null) {
            checkpoints.persist(row);
        }
        Observation o = new Observation(EventValidator.SCHEMA_VERSION, Observation.CHECKPOINT, row.lab, row.family,
                row.run, row.params, row.tokens, row.step, row.metric, row.value, row.learningRate, row.flops, null,
                null, null, row.eventTime, row.revision, now.toString());
        outbox.publish(config.observationsTopic(), o.key(), o);
        count(Observation.CHECKPOINT, outcome);
        return row;
    }

    /** Stores an eval event; the same key with the same values changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(EvalEvent e) {
        EvalRecord row = evals.findByKey(e.lab(), e.family(), e.run(), e.step(), e.benchmark(), e.metric())
                .orElse(null);
        if (row == null) {
            limits.admitPoint(e.lab(), e.family(), Observation.EVAL, e.run());
        }
        apply(e, row);
    }

    /** Stores a batch of eval events as {@link #storeCheckpoints} does checkpoints. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeEvals(List<EvalEvent> events) {
        if (events.size() == 1) {
            store(events.get(0));
            return;
        }
        Map<List<Object>, FamilyLimitService.Point> wanted = new LinkedHashMap<>();
        events.forEach(e -> wanted.putIfAbsent(key(e), FamilyLimitService.Point.of(e)));
        Map<List<Object>, EvalRecord> stored = new HashMap<>();
        evals.findByKeys(json(wanted.values())).forEach(r -> stored.put(key(r), r));
        limits.admitAll(Observation.EVAL, wanted.entrySet().stream()
                .filter(w -> !stored.containsKey(w.getKey())).map(Map.Entry::getValue).toList());
        events.forEach(e -> stored.put(key(e), apply(e, stored.get(key(e)))));
    }

    /** Stores {@code e} into {@code row} (null: a new row) and queues its observation unless nothing changed. */
    private EvalRecord apply(EvalEvent e, EvalRecord row) {
        Instant now = Instant.now();
        StoreOutcome outcome;
        if (row == null) {
            row = new EvalRecord();
            row.lab = e.lab();
            row.family = e.family();
            row.run = e.run();
            row.step = e.step();
            row.benchmark = e.benchmark();
            row.metric = e.metric();
            row.revision = 1;
            row.createdAt = now;
            outcome = StoreOutcome.CREATED;
        } else if (sameValues(row, e)) {
            count(Observation.EVAL, StoreOutcome.UNCHANGED);
            return row;
        } else {
            row.revision++;
            outcome = StoreOutcome.UPDATED;
        }
        row.params = e.params();
        row.tokens = e.tokens();
        row.value = e.value();
        row.chance = e.chance();
        row.shots = e.shots();
        row.eventTime = e.time();
        row.updatedAt = now;
        if (row.id == null) {
            evals.persist(row);
        }
        Observation o = new Observation(EventValidator.SCHEMA_VERSION, Observation.EVAL, row.lab, row.family,
                row.run, row.params, row.tokens, row.step, row.metric, row.value, null, 6 * row.params * row.tokens,
                row.benchmark, row.chance, row.shots, row.eventTime, row.revision, now.toString());
        outbox.publish(config.observationsTopic(), o.key(), o);
        count(Observation.EVAL, outcome);
        return row;
    }

    private void count(String kind, StoreOutcome outcome) {
        metrics.counter("scalecast.ingest.events", "kind", kind, "outcome", outcome.name().toLowerCase()).increment();
    }

    private static List<Object> key(CheckpointEvent e) {
        return List.of(e.lab(), e.family(), e.run(), e.metricOrDefault(), e.step());
    }

    private static List<Object> key(CheckpointRecord r) {
        return List.of(r.lab, r.family, r.run, r.metric, r.step);
    }

    private static List<Object> key(EvalEvent e) {
        return List.of(e.lab(), e.family(), e.run(), e.step(), e.benchmark(), e.metric());
    }

    private static List<Object> key(EvalRecord r) {
        return List.of(r.lab, r.family, r.run, r.step, r.benchmark, r.metric);
    }

    /** The natural keys of {@code points} as the JSON array the repositories' batch lookups take. */
    private String json(Collection<FamilyLimitService.Point> points) {
        try {
            return json.writeValueAsString(points.stream().map(FamilyLimitService.Point::naturalKey).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameValues(CheckpointRecord row, CheckpointEvent e) {
        return row.params == e.params() && row.tokens == e.tokens() && row.value == e.value()
                && Objects.equals(row.learningRate, e.learningRate()) && row.flops == e.flopsOrDefault()
                && Objects.equals(row.eventTime, e.time());
    }

    private static boolean sameValues(EvalRecord row, EvalEvent e) {
        return row.params == e.params() && row.tokens == e.tokens() && row.value == e.value()
                && Objects.equals(row.chance, e.chance()) && Objects.equals(row.shots, e.shots())
                && Objects.equals(row.eventTime, e.time());
    }
}
