package io.scalecast.ingest.service;

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

    public IngestService(CheckpointRepository checkpoints, EvalRepository evals, Outbox outbox, IngestConfig config,
                         MeterRegistry metrics, FamilyLimitService limits) {
        this.limits = limits;
        this.checkpoints = checkpoints;
        this.evals = evals;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
    }

    /** Stores a checkpoint event; the same key with the same values changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoreOutcome store(CheckpointEvent e) {
        Instant now = Instant.now();
        CheckpointRecord row = checkpoints.findByKey(e.lab(), e.family(), e.run(), e.metricOrDefault(), e.step())
                .orElse(null);
        StoreOutcome outcome;
        if (row == null) {
            limits.admitPoint(e.lab(), e.family(), Observation.CHECKPOINT, e.run());
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
            return count(Observation.CHECKPOINT, StoreOutcome.UNCHANGED);
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
        return count(Observation.CHECKPOINT, outcome);
    }

    /** Stores an eval event; the same key with the same values changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoreOutcome store(EvalEvent e) {
        Instant now = Instant.now();
        EvalRecord row = evals.findByKey(e.lab(), e.family(), e.run(), e.step(), e.benchmark(), e.metric())
                .orElse(null);
        StoreOutcome outcome;
        if (row == null) {
            limits.admitPoint(e.lab(), e.family(), Observation.EVAL, e.run());
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
            return count(Observation.EVAL, StoreOutcome.UNCHANGED);
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
        return count(Observation.EVAL, outcome);
    }

    private StoreOutcome count(String kind, StoreOutcome outcome) {
        metrics.counter("scalecast.ingest.events", "kind", kind, "outcome", outcome.name().toLowerCase()).increment();
        return outcome;
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
