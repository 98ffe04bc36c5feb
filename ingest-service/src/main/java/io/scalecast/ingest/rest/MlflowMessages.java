package io.scalecast.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.scalecast.ingest.model.MlflowExperimentRecord;
import io.scalecast.ingest.model.MlflowRunRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON messages of MLflow's tracking REST API (mlflow/protos/service.proto) that ingest-service speaks, with
 * MLflow's snake_case field names; int64 fields read from JSON numbers or strings, as protobuf's JSON mapping allows.
 */
final class MlflowMessages {

    private MlflowMessages() {
    }

    /** A request's run: {@code run_id}, else the {@code run_uuid} that older MLflow clients send. */
    static String runId(String runId, String runUuid) {
        return runId != null ? runId : runUuid;
    }

    /** A key and value: a tag or a parameter. */
    record KeyValue(String key, String value) {

        static List<KeyValue> of(Map<String, String> map) {
            return map.entrySet().stream().map(e -> new KeyValue(e.getKey(), e.getValue())).toList();
        }

        static Map<String, String> toMap(List<KeyValue> list) {
            Map<String, String> map = new LinkedHashMap<>();
            if (list != null) {
                list.forEach(kv -> map.put(kv.key(), kv.value()));
            }
            return map;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateExperiment(String name, String artifactLocation, List<KeyValue> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateExperimentResponse(String experimentId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateRun(String experimentId, String userId, Long startTime, List<KeyValue> tags, String runName) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateRun(String runId, String runUuid, String status, Long endTime, String runName) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogMetric(String runId, String runUuid, String key, Double value, Long timestamp, Long step) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogParam(String runId, String runUuid, String key, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetTag(String runId, String runUuid, String key, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Metric(String key, Double value, Long timestamp, Long step) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogBatch(String runId, List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Experiment(String experimentId, String name, String artifactLocation, String lifecycleStage,
                      Long lastUpdateTime, Long creationTime, List<KeyValue> tags) {

        static Experiment of(MlflowExperimentRecord e) {
            return new Experiment(String.valueOf(e.id), e.name, e.artifactLocation, "active",
                    e.updatedAt.toEpochMilli(), e.createdAt.toEpochMilli(), KeyValue.of(e.tags));
        }
    }

    record ExperimentResponse(Experiment experiment) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunInfo(String runId, String runUuid, String runName, String experimentId, String userId, String status,
                   Long startTime, Long endTime, String artifactUri, String lifecycleStage) {

        static RunInfo of(MlflowRunRecord r) {
            return new RunInfo(r.runId, r.runId, r.runName, String.valueOf(r.experimentId), r.userId, r.status,
                    r.startTime, r.endTime, "", "active");
        }
    }

    /** A run's data: its parameters and tags; its metrics live in ScaleCast as checkpoints and eval results. */
    record RunData(List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags) {
    }

    record Run(RunInfo info, RunData data) {

        static Run of(MlflowRunRecord r) {
            return new Run(RunInfo.of(r), new RunData(List.of(), KeyValue.of(r.params), KeyValue.of(r.tags)));
        }
    }

    record RunResponse(Run run) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateRunResponse(RunInfo runInfo) {
    }

    /** MLflow's error body. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Error(String errorCode, String message) {
    }
}
