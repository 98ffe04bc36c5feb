package io.scalecast.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.scalecast.ingest.model.CheckpointRecord;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.ingest.model.EvalRecord;
import io.scalecast.ingest.model.EvalRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ingest-service as an MLflow tracking server, over the real broker and database. The request bodies are those of
 * MLflow 2.17's Python client (mlflow/store/tracking/rest_store.py, built by message_to_json from
 * mlflow/protos/service.proto: snake_case fields, int64 as numbers, empty fields left out, GETs as query
 * parameters), in the order {@code mlflow.set_experiment}, {@code mlflow.start_run}, {@code log_params},
 * {@code log_metric}, {@code log_metrics} (a Hugging Face Trainer's log) and {@code end_run} make them.
 */
@QuarkusTest
class MlflowTrackingTest {

    private static final String API = "/api/2.0/mlflow/";
    private static final String LAB = "local";
    private static final long T0 = 1_733_400_000_000L;

    @Inject
    CheckpointRepository checkpoints;
    @Inject
    EvalRepository evals;

    @Test
    void aTrainingJobLoggingToMlflowBecomesCheckpointsAndEvalsStoredOnce() {
        String family = KafkaTestClient.uniqueLab();
        get("experiments/get-by-name?experiment_name=" + family).statusCode(404)
                .body("error_code", equalTo("RESOURCE_DOES_NOT_EXIST"))
                .body("message", equalTo("Could not find experiment with name '" + family + "'"));
        String experiment = post("experiments/create", "{\n  \"name\": \"" + family + "\"\n}").statusCode(200)
                .extract().path("experiment_id");
        get("experiments/get?experiment_id=" + experiment).statusCode(200)
                .body("experiment.name", equalTo(family)).body("experiment.lifecycle_stage", equalTo("active"));
        get("experiments/get-by-name?experiment_name=" + family).statusCode(200)
                .body("experiment.experiment_id", equalTo(experiment));

        String run = startRun(experiment, "chin-400m");
        post("runs/log-batch", "{\n  \"run_id\": \"" + run + "\",\n  \"params\": [\n"
                + "    {\"key\": \"num_params\", \"value\": \"400M\"},\n"
                + "    {\"key\": \"tokens_per_step\", \"value\": \"524288\"},\n"
                + "    {\"key\": \"learning_rate\", \"value\": \"0.0003\"}\n  ]\n}").statusCode(200);
        String logLoss = "{\n  \"run_uuid\": \"" + run + "\",\n  \"run_id\": \"" + run + "\",\n  \"key\": \"loss\",\n"
                + "  \"value\": 3.25,\n  \"timestamp\": " + (T0 + 1000) + ",\n  \"step\": 100\n}";
        post("runs/log-metric", logLoss).statusCode(200).body(equalTo("{}"));
        post("runs/log-metric", logLoss).statusCode(200);
        post("runs/log-batch", "{\n  \"run_id\": \"" + run + "\",\n  \"metrics\": [\n"
                + metric("loss", "3.0", 200) + ",\n" + metric("learning_rate", "0.00025", 200) + ",\n"
                + metric("grad_norm", "1.1", 200) + ",\n" + metric("epoch", "0.01", 200) + ",\n"
                + metric("eval/hellaswag/acc", "0.41", 200) + "\n  ]\n}").statusCode(200);
        post("runs/log-parameter", "{\n  \"run_uuid\": \"" + run + "\",\n  \"run_id\": \"" + run
                + "\",\n  \"key\": \"optimizer\",\n  \"value\": \"adamw\"\n}").statusCode(200);
        post("runs/set-tag", "{\n  \"run_uuid\": \"" + run + "\",\n  \"run_id\": \"" + run
                + "\",\n  \"key\": \"team\",\n  \"value\": \"scaling\"\n}").statusCode(200);
        post("runs/update", "{\n  \"run_uuid\": \"" + run + "\",\n  \"run_id\": \"" + run
                + "\",\n  \"status\": \"FINISHED\",\n  \"end_time\": " + (T0 + 9000) + "\n}").statusCode(200)
                .body("run_info.status", equalTo("FINISHED")).body("run_info.run_name", equalTo("chin-400m"));
        get("runs/get?run_uuid=" + run + "&run_id=" + run).statusCode(200)
                .body("run.info.end_time", equalTo(T0 + 9000))
                .body("run.data.params.key", hasItem("num_params"))
                .body("run.data.tags.find { it.key == 'team' }.value", equalTo("scaling"));

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(family).size() == 2 && evalsOf(family).size() == 1);
        List<CheckpointRecord> rows = stored(family);
        assertThat(rows).extracting(r -> r.step).containsExactly(100L, 200L);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.run).isEqualTo("chin-400m");
            assertThat(r.params).isEqualTo(4e8);
            assertThat(r.tokens).isEqualTo(r.step * 524_288.0);
            assertThat(r.revision).as("the loss logged twice is stored once").isEqualTo(1);
        });
        assertThat(rows.get(0).learningRate).as("no learning rate beside step 100's loss").isNull();
        assertThat(rows.get(1).learningRate).isEqualTo(2.5e-4);
        assertThat(rows.get(1).value).isEqualTo(3.0);
        assertThat(rows.get(0).eventTime).isEqualTo("2024-12-05T12:00:01Z");
        EvalRecord eval = evalsOf(family).get(0);
        assertThat(eval.benchmark).isEqualTo("hellaswag");
        assertThat(eval.metric).isEqualTo("acc");
        assertThat(eval.value).isEqualTo(0.41);
        assertThat(eval.tokens).isEqualTo(200 * 524_288.0);

        var observations = KafkaTestClient.readAll("scalecast.observations",
                r -> r.value().contains("\"family\":\"" + family + "\""), Duration.ofSeconds(2));
        assertThat(observations).hasSize(3);
        assertThat(observations).allSatisfy(r -> assertThat(r.key()).isEqualTo(LAB + "/" + family));
    }

    @Test
    void whatCannotBeMappedIsRefusedInMlflowsShapeNamingTheParameter() {
        String family = KafkaTestClient.uniqueLab();
        post("experiments/create", "{\"name\": \"" + family + "\"}").statusCode(200);
        post("experiments/create", "{\"name\": \"" + family + "\"}").statusCode(400)
                .body("error_code", equalTo("RESOURCE_ALREADY_EXISTS"));
        post("experiments/create", "{\"name\": \"My Experiment\"}").statusCode(400)
                .body("error_code", equalTo("INVALID_PARAMETER_VALUE"))
                .body("message", containsString("parameter 'name'"));
        post("runs/create", "{\"experiment_id\": \"0\", \"start_time\": " + T0 + "}").statusCode(404)
                .body("error_code", equalTo("RESOURCE_DOES_NOT_EXIST"))
                .body("message", containsString("mlflow.set_experiment"));
        String experiment = get("experiments/get-by-name?experiment_name=" + family).extract()
                .path("experiment.experiment_id");
        String run = startRun(experiment, "r1");

        refused("runs/log-metric", "{\"run_id\": \"" + run + "\", \"key\": \"loss\", \"value\": 3.1, \"step\": 10}",
                "num_params");
        refused("runs/log-batch", "{\"run_id\": \"" + run + "\", \"params\": [{\"key\": \"num_params\", "
                + "\"value\": \"big\"}]}", "'num_params'");
        post("runs/log-parameter", "{\"run_id\": \"" + run + "\", \"key\": \"num_params\", \"value\": \"1.2e8\"}")
                .statusCode(200);
        refused("runs/log-parameter", "{\"run_id\": \"" + run + "\", \"key\": \"num_params\", \"value\": \"2e8\"}",
                "Changing param values is not allowed");
        refused("runs/log-metric", "{\"run_id\": \"" + run + "\", \"key\": \"loss\", \"value\": 3.1, \"step\": 10}",
                "tokens_per_step");
        post("runs/log-parameter", "{\"run_id\": \"" + run + "\", \"key\": \"tokens_per_step\", \"value\": \"1k\"}")
                .statusCode(200);
        refused("runs/log-metric", "{\"run_id\": \"" + run + "\", \"key\": \"loss\", \"value\": \"NaN\", "
                + "\"step\": 10}", "metric 'loss' at step 10: value");
        refused("runs/log-batch", "{\"run_id\": \"" + run + "\", \"metrics\": [" + metric("loss", "3.0", 20) + ", "
                + metric("eval/hellaswag", "0.3", 20) + "]}", "eval/<benchmark>/<metric>");
        refused("runs/update", "{\"run_id\": \"" + run + "\", \"run_name\": \"renamed\"}", "'run_name'");
        post("runs/log-metric", "not json").statusCode(400).body("error_code", equalTo("INVALID_PARAMETER_VALUE"));
        get("runs/get?run_id=0123456789abcdef0123456789abcdef").statusCode(404)
                .body("error_code", equalTo("RESOURCE_DOES_NOT_EXIST"));

        post("runs/log-metric", "{\"run_id\": \"" + run + "\", \"key\": \"loss\", \"value\": 3.1, \"step\": 10}")
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(family).size() == 1);
        CheckpointRecord row = stored(family).get(0);
        assertThat(row.params).isEqualTo(1.2e8);
        assertThat(row.tokens).isEqualTo(10_000.0);
        assertThat(evalsOf(family)).as("the refused batch stored nothing").isEmpty();
    }

    /** mlflow.start_run(run_name=...) as MLflow 2.17 sends it, returning the run's id. */
    private static String startRun(String experiment, String name) {
        return post("runs/create", "{\n  \"experiment_id\": \"" + experiment + "\",\n  \"user_id\": \"alice\",\n"
                + "  \"start_time\": " + T0 + ",\n  \"tags\": [\n"
                + "    {\"key\": \"mlflow.user\", \"value\": \"alice\"},\n"
                + "    {\"key\": \"mlflow.source.name\", \"value\": \"train.py\"},\n"
                + "    {\"key\": \"mlflow.source.type\", \"value\": \"LOCAL\"},\n"
                + "    {\"key\": \"mlflow.runName\", \"value\": \"" + name + "\"}\n  ],\n"
                + "  \"run_name\": \"" + name + "\"\n}").statusCode(200)
                .body("run.info.status", equalTo("RUNNING")).body("run.info.run_name", equalTo(name))
                .body("run.info.experiment_id", equalTo(experiment))
                .extract().path("run.info.run_id");
    }

    private static String metric(String key, String value, long step) {
        return "    {\"key\": \"" + key + "\", \"value\": " + value + ", \"timestamp\": " + (T0 + step * 10)
                + ", \"step\": " + step + "}";
    }

    private static void refused(String call, String body, String message) {
        post(call, body).statusCode(400).body("error_code", equalTo("INVALID_PARAMETER_VALUE"))
                .body("message", containsString(message));
    }

    private static ValidatableResponse post(String call, String body) {
        return given().contentType("application/json").body(body).post(API + call).then();
    }

    private static ValidatableResponse get(String call) {
        return given().get(API + call).then();
    }

    private List<CheckpointRecord> stored(String family) {
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.list("lab = ?1 and family = ?2 order by step",
                LAB, family));
    }

    private List<EvalRecord> evalsOf(String family) {
        return QuarkusTransaction.requiringNew().call(() -> evals.list("lab = ?1 and family = ?2", LAB, family));
    }
}
