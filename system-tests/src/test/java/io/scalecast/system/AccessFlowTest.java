package io.scalecast.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.specification.RequestSpecification;
import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.testing.KafkaTestClient;
import io.scalecast.testing.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * API keys across the services, as a site runs them: keys issued with the documented command ({@code ./scalecast
 * keys}) through ingest-service reach predict-service over the key topic; a write key sends a family over REST, a
 * read key of the same lab gets its law, another lab's key does not find it, and a key revoked with the command
 * stops working everywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessFlowTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8, 7e8};

    private final String lab = KafkaTestClient.uniqueLab();
    private final ObjectMapper mapper = new ObjectMapper();
    private ServiceProcess ingest;
    private ServiceProcess fit;
    private ServiceProcess predict;

    @BeforeAll
    void startWithKeysOn() {
        Map<String, String> keysOn = Map.of("scalecast.auth.enabled", "true", "scalecast.auth.operator-key-sha256",
                ApiKeys.sha256(TestKeys.OPERATOR.value()));
        List<ServiceProcess> all = ServiceProcess.startTogether(Map.entry("ingest-service", keysOn),
                Map.entry("fit-service", Map.of("scalecast.fit.debounce", "300ms")),
                Map.entry("predict-service", keysOn));
        ingest = all.get(0);
        fit = all.get(1);
        predict = all.get(2);
    }

    @AfterAll
    void stop() throws InterruptedException {
        for (ServiceProcess s : new ServiceProcess[] {predict, fit, ingest}) {
            if (s != null) {
                s.stop();
            }
        }
    }

    @Test
    void keysIssuedWithTheCommandGateTheWholePath() throws Exception {
        ApiKeys.Token writer = create(lab, "write");
        ApiKeys.Token reader = create(lab, "read");
        ApiKeys.Token stranger = create(KafkaTestClient.uniqueLab(), "read");

        List<String> events = new ArrayList<>();
        for (SyntheticFamily.Checkpoint c : new SyntheticFamily(TRUTH, SIZES, 30, 10, 0.01, 7).generate()) {
            events.add(KafkaTestClient.checkpoint(lab, "fam", c.run(), c.params(), c.tokens(), c.step(), c.loss()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> as(writer).body("[" + String.join(",", events) + "]")
                .post(ingest.url() + "/api/v1/checkpoints").statusCode() == 202);

        String laws = predict.url() + "/api/v1/families/fam/laws";
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> as(reader).get(laws).then().statusCode(200)
                .body("find { it.law == 'chinchilla' }.watermark.points", equalTo(events.size())));
        as(stranger).get(laws).then().statusCode(404);
        as(stranger).get(laws + "?lab=" + lab).then().statusCode(404).body("field", equalTo("lab"));
        as(writer).get(laws).then().statusCode(403);
        given().get(laws).then().statusCode(401);

        JsonNode revoked = cli("revoke", "--id", reader.id(), "--lab", lab);
        assertThat(revoked.path("revokedAt").isNull()).isFalse();
        await().atMost(Duration.ofSeconds(15)).until(() -> as(reader).get(laws).statusCode() == 401);
        JsonNode listed = cli("list", "--lab", lab).path("keys");
        assertThat(listed).hasSize(2);
        assertThat(listed.findValuesAsText("id")).containsExactlyInAnyOrder(writer.id(), reader.id());
        assertThat(listed.toString()).doesNotContain(reader.secret()).doesNotContain(writer.secret());
    }

    /** Issues a key with {@code ./scalecast keys create} and the operator key; waits until predict-service has it. */
    private ApiKeys.Token create(String ofLab, String role) throws Exception {
        String key = cli("create", "--lab", ofLab, "--role", role, "--name", "system test").path("key").asText();
        ApiKeys.Token token = ApiKeys.parse(key).orElseThrow();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(token).get(predict.url() + "/api/v1/version").statusCode() != 401);
        return token;
    }

    /** Runs {@code ./scalecast keys <args>} against ingest-service with the operator key; its JSON answer. */
    private JsonNode cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServiceProcess.ROOT.resolve("scalecast").toString(), "keys"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("SCALECAST_API_KEY", TestKeys.OPERATOR.value());
        pb.environment().put("SCALECAST_INGEST_URL", ingest.url());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("./scalecast keys %s: %s", String.join(" ", args), out).isZero();
        return mapper.readTree(out);
    }

    private static RequestSpecification as(ApiKeys.Token token) {
        return given().header("Authorization", TestKeys.bearer(token)).contentType("application/json");
    }
}
