package io.scalecast.ingest.service;

import io.scalecast.contracts.event.CheckpointEvent;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.Observation;
import io.scalecast.ingest.model.CheckpointRecord;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.ingest.model.ScopedPages;
import io.scalecast.support.recovery.RepublishScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How checkpoint events are stored: one {@link CheckpointRecord} per lab, family, run, metric and step. */
@ApplicationScoped
class CheckpointKind implements EventKind<CheckpointEvent, CheckpointRecord> {

    private final CheckpointRepository checkpoints;

    CheckpointKind(CheckpointRepository checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public String name() {
        return Observation.CHECKPOINT;
    }

    @Override
    public List<Object> key(CheckpointEvent e) {
        return List.of(e.lab(), e.family(), e.run(), e.metricOrDefault(), e.step());
    }

    @Override
    public List<Object> rowKey(CheckpointRecord r) {
        return List.of(r.lab, r.family, r.run, r.metric, r.step);
    }

    @Override
    public FamilyLimitService.Point point(CheckpointEvent e) {
        return FamilyLimitService.Point.of(e);
    }

    @Override
    public Optional<CheckpointRecord> find(CheckpointEvent e) {
        return checkpoints.findByKey(e.lab(), e.family(), e.run(), e.metricOrDefault(), e.step());
    }

    @Override
    public List<CheckpointRecord> findAll(String keys) {
        return checkpoints.findByKeys(keys);
    }

    @Override
    public CheckpointRecord newRow(CheckpointEvent e, Instant now) {
        CheckpointRecord row = new CheckpointRecord();
        row.lab = e.lab();
        row.family = e.family();
        row.run = e.run();
        row.metric = e.metricOrDefault();
        row.step = e.step();
        row.revision = 1;
        row.createdAt = now;
        return row;
    }

    @Override
    public boolean sameValues(CheckpointRecord row, CheckpointEvent e) {
        return row.params == e.params() && row.tokens == e.tokens() && row.value == e.value()
                && Objects.equals(row.learningRate, e.learningRate()) && row.flops == e.flopsOrDefault()
                && Objects.equals(row.eventTime, e.time());
    }

    @Override
    public void nextRevision(CheckpointRecord row) {
        row.revision++;
    }

    @Override
    public void write(CheckpointEvent e, CheckpointRecord row, Instant now) {
        row.params = e.params();
        row.tokens = e.tokens();
        row.value = e.value();
        row.learningRate = e.learningRate();
        row.flops = e.flopsOrDefault();
        row.eventTime = e.time();
        row.updatedAt = now;
    }

    @Override
    public void persistIfNew(CheckpointRecord row) {
        if (row.id == null) {
            checkpoints.persist(row);
        }
    }

    @Override
    public Observation observation(CheckpointRecord row, Instant now) {
        return new Observation(EventValidator.SCHEMA_VERSION, Observation.CHECKPOINT, row.lab, row.family, row.run,
                row.params, row.tokens, row.step, row.metric, row.value, row.learningRate, row.flops, null, null, null,
                row.eventTime, row.revision, now.toString());
    }

    @Override
    public Observation published(CheckpointRecord row) {
        return observation(row, row.updatedAt);
    }

    @Override
    public long id(CheckpointRecord row) {
        return row.id;
    }

    @Override
    public List<CheckpointRecord> after(RepublishScope scope, long afterId, int limit) {
        return ScopedPages.after(checkpoints, scope, afterId, limit);
    }
}
