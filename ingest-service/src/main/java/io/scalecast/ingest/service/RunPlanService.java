package io.scalecast.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.RunPlan;
import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.model.RunPlanRecord;
import io.scalecast.ingest.model.RunPlanRepository;
import io.scalecast.ingest.model.ScopedPages;
import io.scalecast.support.outbox.Outbox;
import io.scalecast.support.recovery.RepublishScope;
import io.scalecast.support.recovery.RepublishSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores each run's newest plan idempotently on the run and queues the accepted revision for
 * {@code scalecast.run-plans} in the same transaction: the same plan again changes nothing, a changed plan is the
 * next revision.
 */
@ApplicationScoped
public class RunPlanService {

    /** The name plans are counted under in {@code scalecast.ingest.events}. */
    public static final String KIND = "plan";
    private static final int REPUBLISH_PAGE = 1000;

    private final RunPlanRepository plans;
    private final Outbox outbox;
    private final IngestConfig config;
    private final MeterRegistry metrics;

    public RunPlanService(RunPlanRepository plans, Outbox outbox, IngestConfig config, MeterRegistry metrics) {
        this.plans = plans;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
    }

    /** Stores a validated plan; returns what happened to the run's stored plan. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoreOutcome store(RunPlan plan) {
        Instant now = Instant.now();
        RunPlanRecord row = plans.findByRun(plan.lab(), plan.family(), plan.run()).orElse(null);
        StoreOutcome outcome;
        if (row == null) {
            row = newRow(plan, now);
            outcome = StoreOutcome.CREATED;
        } else if (same(row, plan)) {
            count(StoreOutcome.UNCHANGED);
            return StoreOutcome.UNCHANGED;
        } else {
            row.revision++;
            outcome = StoreOutcome.UPDATED;
        }
        row.schedule = plan.schedule();
        row.params = plan.params();
        row.tokensPerStep = plan.tokensPerStep();
        row.eventTime = plan.time();
        row.updatedAt = now;
        if (row.id == null) {
            plans.persist(row);
        }
        RunPlan accepted = published(row);
        outbox.publish(config.runPlansTopic(), accepted.planKey(), accepted);
        count(outcome);
        return outcome;
    }

    /** The run's stored plan as published, if it has one. */
    @Transactional
    public Optional<RunPlan> find(String lab, String family, String run) {
        return plans.findByRun(lab, family, run).map(RunPlanService::published);
    }

    /** Queues every stored plan in {@code scope} again as it was last published (same revision and time). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void republish(RepublishScope scope, RepublishSink sink) {
        ScopedPages.forEach((after, limit) -> ScopedPages.after(plans, scope, after, limit), row -> row.id,
                REPUBLISH_PAGE, row -> {
                    RunPlan p = published(row);
                    sink.sendEvent(p.planKey(), p);
                });
    }

    /** The plan of a stored row, as it was published when the row last changed. */
    public static RunPlan published(RunPlanRecord row) {
        return new RunPlan(EventValidator.SCHEMA_VERSION, row.lab, row.family, row.run, row.schedule, row.params,
                row.tokensPerStep, row.eventTime, row.revision, row.updatedAt.toString());
    }

    private static RunPlanRecord newRow(RunPlan plan, Instant now) {
        RunPlanRecord row = new RunPlanRecord();
        row.lab = plan.lab();
        row.family = plan.family();
        row.run = plan.run();
        row.revision = 1;
        row.createdAt = now;
        return row;
    }

    private static boolean same(RunPlanRecord row, RunPlan plan) {
        return row.schedule.equals(plan.schedule()) && Objects.equals(row.params, plan.params())
                && Objects.equals(row.tokensPerStep, plan.tokensPerStep()) && Objects.equals(row.eventTime, plan.time());
    }

    private void count(StoreOutcome outcome) {
        metrics.counter("scalecast.ingest.events", "kind", KIND, "outcome", outcome.name().toLowerCase()).increment();
    }
}
