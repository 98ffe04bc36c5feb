package io.scalecast.ingest.service;

import io.scalecast.contracts.event.EvalEvent;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.Observation;
import io.scalecast.ingest.model.EvalRecord;
import io.scalecast.ingest.model.EvalRepository;
import io.scalecast.ingest.model.ScopedPages;
import io.scalecast.support.recovery.RepublishScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How eval events are stored: one {@link EvalRecord} per lab, family, run, step, benchmark and metric. */
@ApplicationScoped
class EvalKind implements EventKind<EvalEvent, EvalRecord> {

    private final EvalRepository evals;

    EvalKind(EvalRepository evals) {
        this.evals = evals;
    }

    @Override
    public String name() {
        return Observation.EVAL;
    }

    @Override
    public List<Object> key(EvalEvent e) {
        return List.of(e.lab(), e.family(), e.run(), e.step(), e.benchmark(), e.metric());
    }

    @Override
    public List<Object> rowKey(EvalRecord r) {
        return List.of(r.lab, r.family, r.run, r.step, r.benchmark, r.metric);
    }

    @Override
    public FamilyLimitService.Point point(EvalEvent e) {
        return FamilyLimitService.Point.of(e);
    }

    @Override
    public Optional<EvalRecord> find(EvalEvent e) {
        return evals.findByKey(e.lab(), e.family(), e.run(), e.step(), e.benchmark(), e.metric());
    }

    @Override
    public List<EvalRecord> findAll(String keys) {
        return evals.findByKeys(keys);
    }

    @Override
    public EvalRecord newRow(EvalEvent e, Instant now) {
        EvalRecord row = new EvalRecord();
        row.lab = e.lab();
        row.family = e.family();
        row.run = e.run();
        row.step = e.step();
        row.benchmark = e.benchmark();
        row.metric = e.metric();
        row.revision = 1;
        row.createdAt = now;
        return row;
    }

    @Override
    public boolean sameValues(EvalRecord row, EvalEvent e) {
        return row.params == e.params() && row.tokens == e.tokens() && row.value == e.value()
                && Objects.equals(row.chance, e.chance()) && Objects.equals(row.shots, e.shots())
                && Objects.equals(row.eventTime, e.time());
    }

    @Override
    public void nextRevision(EvalRecord row) {
        row.revision++;
    }

    @Override
    public void write(EvalEvent e, EvalRecord row, Instant now) {
        row.params = e.params();
        row.tokens = e.tokens();
        row.value = e.value();
        row.chance = e.chance();
        row.shots = e.shots();
        row.eventTime = e.time();
        row.updatedAt = now;
    }

    @Override
    public void persistIfNew(EvalRecord row) {
        if (row.id == null) {
            evals.persist(row);
        }
    }

    @Override
    public Observation observation(EvalRecord row, Instant now) {
        return new Observation(EventValidator.SCHEMA_VERSION, Observation.EVAL, row.lab, row.family, row.run,
                row.params, row.tokens, row.step, row.metric, row.value, null, 6 * row.params * row.tokens,
                row.benchmark, row.chance, row.shots, row.eventTime, row.revision, now.toString());
    }

    @Override
    public Observation published(EvalRecord row) {
        return observation(row, row.updatedAt);
    }

    @Override
    public long id(EvalRecord row) {
        return row.id;
    }

    @Override
    public List<EvalRecord> after(RepublishScope scope, long afterId, int limit) {
        return ScopedPages.after(evals, scope, afterId, limit);
    }
}
