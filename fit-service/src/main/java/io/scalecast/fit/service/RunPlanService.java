package io.scalecast.fit.service;

import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.RunPlan;
import io.scalecast.core.schedule.Schedule;
import io.scalecast.fit.model.FamilyStateRepository;
import io.scalecast.fit.model.PlannedRunRepository;
import io.scalecast.support.events.RecordReader;
import io.scalecast.support.persistence.NewestRevisionUpsert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Keeps each run's plan at its newest revision and marks the run's family to reforecast its runs when it changed,
 * since the plan's schedule is what the run's forecast follows (its laws across runs do not depend on it).
 */
@ApplicationScoped
public class RunPlanService {

    private static final NewestRevisionUpsert UPSERT = new NewestRevisionUpsert("fit.run_plan",
            "run_plan_natural_key", List.of("lab", "family", "run"), List.of("schedule", "revision"));

    private final RecordReader reader;
    private final PlannedRunRepository plans;
    private final FamilyStateRepository families;

    public RunPlanService(RecordReader reader, PlannedRunRepository plans, FamilyStateRepository families) {
        this.reader = reader;
        this.plans = plans;
        this.families = families;
    }

    /** Stores the plan in {@code payload} unless an equal or newer revision is stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accept(String payload) {
        RunPlan plan = reader.read(payload, RunPlan.class, RunPlanService::check);
        boolean[] changed = UPSERT.apply(plans.getEntityManager(), List.<Object[]>of(new Object[] {plan.lab(),
            plan.family(), plan.run(), plan.schedule(), plan.revision()}));
        if (changed[0]) {
            families.touchRuns(plan.lab(), plan.family());
        }
    }

    /** Refuses what ingest-service would not have published: an invalid plan, an unknown schedule, no revision. */
    private static RunPlan check(RunPlan plan) {
        EventValidator.require(plan);
        try {
            Schedule.parse(plan.schedule());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule: " + Schedule.reason(e), e);
        }
        if (plan.revision() == null || plan.revision() < 1) {
            throw new IllegalArgumentException("revision: is required and >= 1 on scalecast.run-plans");
        }
        return plan;
    }
}
