package io.scalecast.ingest.messaging;

import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.service.RunPlanService;
import io.scalecast.support.recovery.RepublishScope;
import io.scalecast.support.recovery.RepublishSink;
import io.scalecast.support.recovery.Republisher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends every run's newest plan to the compacted {@code scalecast.run-plans} again, by itself when the topic lost
 * them (forecasts read the topic as a table) and on an operator's request.
 */
@ApplicationScoped
public class RunPlanRepublisher implements Republisher {

    private final RunPlanService plans;
    private final IngestConfig config;

    public RunPlanRepublisher(RunPlanService plans, IngestConfig config) {
        this.plans = plans;
        this.config = config;
    }

    @Override
    public String what() {
        return "plans";
    }

    @Override
    public String topic() {
        return config.runPlansTopic();
    }

    @Override
    public boolean automatic() {
        return true;
    }

    @Override
    public void queue(RepublishScope scope, RepublishSink sink) {
        plans.republish(scope, sink);
    }
}
