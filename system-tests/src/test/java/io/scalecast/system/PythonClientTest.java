package io.scalecast.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.testing.KafkaTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Python client (clients/python) against the real services, broker and database: its unittest phases in
 * {@code tests/system_flow.py} log a family with evaluations in the background, query its law, spool while
 * ingest-service is stopped, send the spool on the next start once it is back (with a batch sent twice), and name the
 * field of a refused batch; between the phases this test stops and restarts ingest-service and counts the rows it
 * stored: every event once, none lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonClientTest {

    private static final Path TESTS = ServiceProcess.ROOT.resolve("clients/python/tests");

    private final String lab = KafkaTestClient.uniqueLab();
    private ServiceProcess ingest;
    private ServiceProcess fit;
    private ServiceProcess predict;
    private ApiKeys.Token admin;
    private Path spool;

    @BeforeAll
    void start() throws IOException, InterruptedException {
        String fitPort = String.valueOf(ServiceProcess.freePort());
        Map<String, String> fitConfig = new HashMap<>(KeyCommand.KEYS_ON);
        fitConfig.putAll(Map.of("scalecast.fit.debounce", "300ms", ServiceProcess.PORT, fitPort));
        Map<String, String> predictConfig = new HashMap<>(KeyCommand.KEYS_ON);
        predictConfig.put("quarkus.rest-client.fit.url", "http://127.0.0.1:" + fitPort);
        List<ServiceProcess> all = ServiceProcess.startTogether(Map.entry("ingest-service", KeyCommand.KEYS_ON),
                Map.entry("fit-service", fitConfig), Map.entry("predict-service", predictConfig));
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
