package io.scalecast.ingest.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.ingest.rest.MlflowMessages.CreateExperiment;
import io.scalecast.ingest.rest.MlflowMessages.CreateExperimentResponse;
import io.scalecast.ingest.rest.MlflowMessages.CreateRun;
import io.scalecast.ingest.rest.MlflowMessages.Experiment;
import io.scalecast.ingest.rest.MlflowMessages.ExperimentResponse;
import io.scalecast.ingest.rest.MlflowMessages.KeyValue;
import io.scalecast.ingest.rest.MlflowMessages.LogBatch;
import io.scalecast.ingest.rest.MlflowMessages.LogMetric;
import io.scalecast.ingest.rest.MlflowMessages.LogParam;
import io.scalecast.ingest.rest.MlflowMessages.Run;
import io.scalecast.ingest.rest.MlflowMessages.RunInfo;
import io.scalecast.ingest.rest.MlflowMessages.RunResponse;
import io.scalecast.ingest.rest.MlflowMessages.SetTag;
import io.scalecast.ingest.rest.MlflowMessages.UpdateRun;
import io.scalecast.ingest.rest.MlflowMessages.UpdateRunResponse;
import io.scalecast.ingest.service.MlflowException;
import io.scalecast.ingest.service.MlflowMetricMapper.Metric;
import io.scalecast.ingest.service.MlflowTrackingService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The calls of MLflow's tracking REST API that a training job makes to log a run, so that a job already logging to
 * MLflow sends to ScaleCast by setting {@code MLFLOW_TRACKING_URI} and {@code MLFLOW_TRACKING_TOKEN} (a write key):
 * an experiment is a family, a run's name a run, and loss and {@code eval/<benchmark>/<metric>} metrics become
 * checkpoints and eval results (docs/access.md#mlflow).
 */
@Path("/api/2.0/mlflow")
@RequiresRole(Role.WRITE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MlflowResource {

    /** MLflow's answer to a call that returns nothing. */
    private static final Map<String, Object> EMPTY = Map.of();

    private final MlflowTrackingService tracking;
    private final LabAccess access;

    public MlflowResource(MlflowTrackingService tracking, LabAccess access) {
        this.tracking = tracking;
        this.access = access;
    }

    @POST
    @Path("/experiments/create")
    @Operation(summary = "MLflow CreateExperiment: the experiment's name is the family")
    public CreateExperimentResponse createExperiment(CreateExperiment body) {
        CreateExperiment b = required(body);
        return new CreateExperimentResponse(String.valueOf(tracking.createExperiment(lab(), b.name(),
                b.artifactLocation(), KeyValue.toMap(b.tags())).id));
    }

    @GET
    @Path("/experiments/get-by-name")
    @Operation(summary = "MLflow GetExperimentByName")
    public ExperimentResponse experimentByName(@QueryParam("experiment_name") String name) {
        return new ExperimentResponse(Experiment.of(tracking.experimentByName(lab(), name)));
    }

    @GET
    @Path("/experiments/get")
    @Operation(summary = "MLflow GetExperiment")
    public ExperimentResponse experiment(@QueryParam("experiment_id") String id) {
        return new ExperimentResponse(Experiment.of(tracking.experiment(lab(), id)));
    }

    @POST
    @Path("/runs/create")
    @Operation(summary = "MLflow CreateRun: the run's name is the ScaleCast run")
    public RunResponse createRun(CreateRun body) {
        CreateRun b = required(body);
        return new RunResponse(Run.of(tracking.createRun(lab(), b.experimentId(), b.userId(), b.startTime(),
                b.runName(), KeyValue.toMap(b.tags()))));
    }

    @GET
    @Path("/runs/get")
    @Operation(summary = "MLflow GetRun: the run's info, parameters and tags")
    public RunResponse run(@QueryParam("run_id") String runId, @QueryParam("run_uuid") String runUuid) {
        return new RunResponse(Run.of(tracking.run(lab(), MlflowMessages.runId(runId, runUuid))));
    }

    @POST
    @Path("/runs/update")
    @Operation(summary = "MLflow UpdateRun: status and end time")
    public UpdateRunResponse updateRun(UpdateRun body) {
        UpdateRun b = required(body);
        String runId = MlflowMessages.runId(b.runId(), b.runUuid());
        return new UpdateRunResponse(RunInfo.of(tracking.updateRun(lab(), runId, b.status(), b.endTime(),
                b.runName())));
    }

    @POST
    @Path("/runs/log-metric")
    @Operation(summary = "MLflow LogMetric: a loss or eval metric becomes a checkpoint or eval result")
    public Map<String, Object> logMetric(LogMetric body) {
        LogMetric b = required(body);
        Metric metric = metric(b.key(), b.value(), b.timestamp(), b.step());
        tracking.log(access.caller(), MlflowMessages.runId(b.runId(), b.runUuid()), List.of(metric), Map.of(),
                Map.of());
        return EMPTY;
    }

    @POST
    @Path("/runs/log-parameter")
    @Operation(summary = "MLflow LogParam: N and tokens per step are read from the run's parameters")
    public Map<String, Object> logParameter(LogParam body) {
        LogParam b = required(body);
        requireKey(b.key());
        tracking.log(access.caller(), MlflowMessages.runId(b.runId(), b.runUuid()), List.of(),
                Map.of(b.key(), b.value() == null ? "" : b.value()), Map.of());
        return EMPTY;
    }

    @POST
    @Path("/runs/set-tag")
    @Operation(summary = "MLflow SetTag")
    public Map<String, Object> setTag(SetTag body) {
        SetTag b = required(body);
        requireKey(b.key());
        tracking.log(access.caller(), MlflowMessages.runId(b.runId(), b.runUuid()), List.of(), Map.of(),
                Map.of(b.key(), b.value() == null ? "" : b.value()));
        return EMPTY;
    }

    @POST
    @Path("/runs/log-batch")
    @Operation(summary = "MLflow LogBatch: parameters and tags stored, metrics published, all or nothing")
    public Map<String, Object> logBatch(LogBatch body) {
        LogBatch b = required(body);
        List<Metric> metrics = b.metrics() == null ? List.of() : b.metrics().stream()
                .map(m -> metric(m.key(), m.value(), m.timestamp(), m.step())).toList();
        tracking.log(access.caller(), b.runId(), metrics, KeyValue.toMap(b.params()), KeyValue.toMap(b.tags()));
        return EMPTY;
    }

    private String lab() {
        return tracking.lab(access.caller());
    }

    private static Metric metric(String key, Double value, Long timestamp, Long step) {
        requireKey(key);
        if (value == null) {
            throw MlflowException.invalid("Missing value for required parameter 'value' of metric '" + key + "'.");
        }
        return new Metric(key, value, timestamp, step == null ? 0 : step);
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw MlflowException.invalid("Missing value for required parameter 'key'.");
        }
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw MlflowException.invalid("The request has no JSON body.");
        }
        return body;
    }
}
