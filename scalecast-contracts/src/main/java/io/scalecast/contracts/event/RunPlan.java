package io.scalecast.contracts.event;

/**
 * A run's declared plan as a lab sends it on {@code scalecast.runs} or by {@code PUT .../runs/{run}/plan} (schema
 * version 1), and as ingest-service publishes it, with its revision, on the compacted {@code scalecast.run-plans}.
 *
 * @param schemaVersion the event schema version, 1
 * @param lab the tenant
 * @param family the model family
 * @param run the run the plan is for
 * @param schedule the learning-rate schedule as a descriptor, such as
 *     {@code wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=20000,decay=linear}; its {@code steps} is
 *     the planned end (docs/architecture.md lists the shapes)
 * @param params N of the run, optional (its checkpoints say it too)
 * @param tokensPerStep tokens trained per optimizer step, optional
 * @param time ISO-8601 time the plan was made, optional
 * @param revision set by ingest-service: 1 for a run's first plan, one more for each changed plan; ignored on input
 * @param acceptedAt set by ingest-service: when this revision was stored; ignored on input
 */
public record RunPlan(Integer schemaVersion, String lab, String family, String run, String schedule, Double params,
                      Double tokensPerStep, String time, Long revision, String acceptedAt) {

    /** The key of the plan on {@code scalecast.runs}: {@code lab/family}, as every input topic. */
    public String inputKey() {
        return lab + "/" + family;
    }

    /** The key of the plan on the compacted {@code scalecast.run-plans}: {@code lab/family/run}. */
    public String planKey() {
        return lab + "/" + family + "/" + run;
    }
}
