package io.scalecast.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.response.ValidatableResponse;
import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.testing.KafkaTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Python client (clients/python) against the real services, broker and database: its unittest phases in
 * {@code tests/system_flow.py} log a family with evaluations in the background, query its law, spool while
 * ingest-service is stopped, send the spool on the next start once it is back (with a batch sent twice), and name the
 * field of a refused batch; between the phases this test stops and restarts ingest-service and counts the rows it
 * stored: every event once, none lost. An MLflow job on the same services becomes rows and a law.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonClientTest {

    private static final Path TESTS = ServiceProcess.ROOT.resolve("clients/python/tests");

    private static final double[] MLFLOW_SIZES = {2e7, 5e7, 1.2e8, 3e8, 7e8};
    private static final long TOKENS_PER_STEP = 1L << 20;

    private final String lab = KafkaTestClient.uniqueLab();
    private ServiceProcess ingest;
    private ServiceProcess fit;
    private ServiceProcess predict;
    private ApiKeys.Token admin;
    private Path spool;

    @BeforeAll
    void start() throws IOException, InterruptedException {
        List<ServiceProcess> all = ServiceProcess.startWithKeysOn("ingest-service", "fit-service", "predict-service");
        ingest = all.get(0);
        fit = all.get(1);
        predict = all.get(2);
        admin = new KeyCommand(ingest, predict).create(lab, "admin");
        spool = Files.createTempDirectory("scalecast-spool");
    }

    @AfterAll
    void stop() throws InterruptedException {
        ServiceProcess.stopAll(predict, fit, ingest);
    }

    @Test
    void theClientsOwnTestsPassAgainstAStubService() throws Exception {
        run("test_client", Map.of());
    }

    @Test
    void theClientLogsQueriesSpoolsAndReplaysWithEveryEventStoredOnce() throws Exception {
        python("Log");
        await().atMost(Duration.ofSeconds(60)).until(() -> checkpoints() == 50
                && Database.count("select count(*) from ingest.eval_result where lab = ?", lab) == 50);
        python("Query");

        String port = ingest.url().substring(ingest.url().lastIndexOf(':') + 1);
        ingest.stop();
        python("Spool");
        assertThat(checkpoints()).as("nothing reached a stopped ingest-service").isEqualTo(50);
        Map<String, String> config = new HashMap<>(KeyCommand.KEYS_ON);
        config.put(ServiceProcess.PORT, port);
        ingest = ServiceProcess.start("ingest-service", config);
        python("Replay");
        await().atMost(Duration.ofSeconds(60)).until(() -> checkpoints() == 70);
        // The replayed batch and the ten steps sent twice: each stored once.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> checkpoints() == 70);
        assertThat(Database.count("select count(*) from ingest.checkpoint where lab = ? and run = 'late'", lab))
                .isEqualTo(20);

        python("Refused");
        assertThat(checkpoints()).isEqualTo(70);
    }

    /**
     * A job logging to MLflow (the bodies of MLflow 2.17's client: set_experiment, start_run, log_params,
     * log_metrics, end_run) with the lab's key as MLFLOW_TRACKING_TOKEN: its runs are stored once and become a law.
     */
    @Test
    void anMlflowJobsRunsBecomeALaw() {
        String family = "mlflow";
        String experiment = mlflow("experiments/create", "{\n  \"name\": \"" + family + "\"\n}")
                .extract().path("experiment_id");
        for (double params : MLFLOW_SIZES) {
            String name = String.format(Locale.ROOT, "n%.0e", params);
            String run = mlflow("runs/create", "{\n  \"experiment_id\": \"" + experiment + "\",\n  \"user_id\": "
                    + "\"ci\",\n  \"start_time\": 1733400000000,\n  \"tags\": [{\"key\": \"mlflow.runName\", "
                    + "\"value\": \"" + name + "\"}],\n  \"run_name\": \"" + name + "\"\n}")
                    .extract().path("run.info.run_id");
            mlflow("runs/log-batch", "{\"run_id\": \"" + run + "\", \"params\": [{\"key\": \"num_params\", "
                    + "\"value\": \"" + params + "\"}, {\"key\": \"tokens_per_step\", \"value\": \""
                    + TOKENS_PER_STEP + "\"}]}");
            long last = (long) (20 * params / TOKENS_PER_STEP);
            StringBuilder metrics = new StringBuilder();
            for (int k = 1; k <= 10; k++) {
                long step = Math.max(1, last * k / 10);
                double loss = chinchilla(params, step * (double) TOKENS_PER_STEP);
                String at = ", \"timestamp\": 1733400000000, \"step\": " + step + "}";
                metrics.append(k == 1 ? "" : ",").append("{\"key\": \"loss\", \"value\": ").append(loss).append(at)
                        .append(",{\"key\": \"learning_rate\", \"value\": 0.0003").append(at)
                        .append(",{\"key\": \"grad_norm\", \"value\": 1.0").append(at);
            }
            mlflow("runs/log-batch", "{\"run_id\": \"" + run + "\", \"metrics\": [" + metrics + "]}");
            mlflow("runs/update", "{\"run_uuid\": \"" + run + "\", \"run_id\": \"" + run
                    + "\", \"status\": \"FINISHED\", \"end_time\": 1733400100000}");
        }
        String rows = "select count(*) from ingest.checkpoint where lab = ? and family = 'mlflow'";
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(rows, lab) == 50);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> given()
                .header("Authorization", "Bearer " + admin.value())
                .get(predict.url() + "/api/v1/families/" + family + "/predictions?params=7e9&tokens=1.4e11")
                .then().extract().response().path("watermark.points"), p -> Integer.valueOf(50).equals(p));
        double predicted = given().header("Authorization", "Bearer " + admin.value())
                .get(predict.url() + "/api/v1/families/" + family + "/predictions?params=7e9&tokens=1.4e11")
                .then().statusCode(200).extract().jsonPath().getDouble("loss");
        assertThat(predicted).as("the law of the logged Chinchilla curves").isCloseTo(chinchilla(7e9, 1.4e11),
                Percentage.withPercentage(2));
        assertThat(Database.count(rows, lab)).isEqualTo(50);
    }

    /**
     * Epoch's table of Chinchilla's runs imported with {@code ./scalecast import} into the real ingest-service: every
     * row stored once, a second import sends nothing, one with --restart sends every row and stores none again, and
     * the family gets a law.
     */
    @Test
    void importStoresAPastTableOnceAndItBecomesALaw() throws IOException, InterruptedException {
        Path csv = Files.copy(ServiceProcess.ROOT.resolve("data/chinchilla-epoch/svg_extracted_data.csv"),
                Files.createTempDirectory("scalecast-import").resolve("epoch.csv"));
        Map<String, String> env = Map.of("SCALECAST_API_KEY", admin.value(), "SCALECAST_INGEST_URL", ingest.url());
        String rows = "select count(*) from ingest.checkpoint where lab = ? and family = 'epoch'";

        assertThat(Cli.run(env, "import", "--input", csv.toString(), "--family", "epoch").path("sent").asLong())
                .isEqualTo(245);
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(rows, lab) == 245);
        assertThat(Cli.run(env, "import", "--input", csv.toString(), "--family", "epoch").path("sent").asLong())
                .isZero();
        assertThat(Cli.run(env, "import", "--input", csv.toString(), "--family", "epoch", "--restart")
                .path("sent").asLong()).isEqualTo(245);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> Database.count(rows, lab) == 245);
        assertThat(Database.count("select count(*) from ingest.checkpoint where lab = ? and family = 'epoch' "
                + "and revision > 1", lab)).as("sent again, stored once").isZero();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> given()
                .header("Authorization", "Bearer " + admin.value())
                .get(predict.url() + "/api/v1/families/epoch/predictions?params=7e10&tokens=1.4e12")
                .statusCode() == 200);
    }

    @Test
    void importsADownstreamTableAtItsModelsCheckpoints() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("scalecast-import");
        Path gadre = ServiceProcess.ROOT.resolve("data/gadre-overtraining");
        Path models = Files.copy(gadre.resolve("gadre_models.csv"), dir.resolve("gadre_models.csv"));
        Path results = Files.copy(gadre.resolve("gadre_downstream_long.csv"), dir.resolve("downstream.csv"));
        Map<String, String> env = Map.of("SCALECAST_API_KEY", admin.value(), "SCALECAST_INGEST_URL", ingest.url());

        assertThat(Cli.run(env, "import", "--input", models.toString(), "--family", "gadre", "--columns",
                "run=name,loss=loss_c4_val").path("sent").asLong()).isEqualTo(104);
        assertThat(Cli.run(env, "import", "--evals", "--input", results.toString(), "--family", "gadre",
                "--columns", "run=name", "--models", models.toString(), "--chances",
                gadre.resolve("eval_metadata.csv").toString(), "--transform", "chance=percent").path("sent")
                .asLong()).isEqualTo(4784);

        // Every result at the checkpoint of its model's loss, with its task's chance level.
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count("select count(*) from ingest.eval_result e "
                + "join ingest.checkpoint c using (lab, family, run, step) where e.lab = ? and e.family = 'gadre'",
                lab) == 4784);
        assertThat(Database.count("select count(*) from ingest.eval_result where lab = ? and family = 'gadre' "
                + "and benchmark = 'hellaswag_zeroshot' and chance = 0.25", lab)).isEqualTo(104);
    }

    private ValidatableResponse mlflow(String call, String body) {
        return given().header("Authorization", "Bearer " + admin.value()).contentType("application/json").body(body)
                .post(ingest.url() + "/api/2.0/mlflow/" + call).then().statusCode(200);
    }

    /** Hoffmann et al.'s fitted law, the curves the MLflow job logs. */
    private static double chinchilla(double params, double tokens) {
        return 1.69 + 406.4 / Math.pow(params, 0.34) + 410.7 / Math.pow(tokens, 0.28);
    }

    private long checkpoints() {
        return Database.count("select count(*) from ingest.checkpoint where lab = ?", lab);
    }

    /** Runs the phase's unittest class of system_flow.py against the services. */
    private void python(String phase) throws IOException, InterruptedException {
        run("system_flow." + phase, Map.of("SCALECAST_URL", predict.url(), "SCALECAST_INGEST_URL", ingest.url(),
                "SCALECAST_API_KEY", admin.value(), "SCALECAST_FAMILY", "py",
                "SCALECAST_OTHER_LAB", KafkaTestClient.uniqueLab(), "SCALECAST_SPOOL_DIR", spool.toString()));
    }

    /** Runs a unittest module or class with python3 in clients/python/tests; fails with its output when it fails. */
    private static void run(String tests, Map<String, String> env) throws IOException, InterruptedException {
        Path output = Files.createTempFile("python-" + tests, ".log");
        ProcessBuilder builder = new ProcessBuilder("python3", "-m", "unittest", "-v", tests)
                .directory(TESTS.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly().waitFor();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(log);
        assertThat(done).as("python " + tests + " within 5 minutes").isTrue();
        assertThat(process.exitValue()).as("python " + tests + ":\n" + log).isZero();
    }
}
