package io.scalecast.ingest;

import static io.restassured.RestAssured.given;
import static io.scalecast.testing.KafkaTestClient.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.contracts.event.ApiKeyEvent;
import io.scalecast.ingest.model.ApiKeyRecord;
import io.scalecast.ingest.model.ApiKeyRepository;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.testing.KafkaTestClient;
import io.scalecast.testing.TestKeys;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * API keys on ingest-service over the real broker and database: issued by the operator or a lab's admin, stored
 * hashed, published on scalecast.api-keys and read back by the service itself; roles, labs, revocation, the request
 * rate and the logs.
 */
@QuarkusTest
@TestProfile(AccessTest.KeysOn.class)
class AccessTest {

    static final Path LOG = Path.of("target", "access-test.log");

    /** Keys on, 5 requests per second in bursts of 20, and every log line of the service (DEBUG, access log) in a file. */
    public static class KeysOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(TestKeys.accessProfile(5, 20));
            config.put("quarkus.log.file.enabled", "true");
            config.put("quarkus.log.file.path", LOG.toString());
            config.put("quarkus.log.level", "DEBUG");
            config.put("quarkus.log.min-level", "DEBUG");
            config.put("quarkus.http.access-log.enabled", "true");
            // The test's own HTTP client runs in this JVM and logs the headers it sends: it is not the service.
            config.put("quarkus.log.category.\"org.apache.http\".level", "INFO");
            return config;
        }
    }

    @Inject
    ApiKeyRepository keys;

    @Inject
    CheckpointRepository checkpoints;

    @Test
    void aRequestWithoutAValidKeyIsUnauthorizedNamingTheHeader() {
        String body = "[" + checkpoint("lab-a", "fam", "r1", 0, 4.0) + "]";
        given().contentType("application/json").body(body).post("/api/v1/checkpoints")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("field", equalTo("Authorization")).body("error", containsString("Bearer sc_<id>_<secret>"));
        given().header("Authorization", "Bearer not-a-key").contentType("application/json").body(body)
                .post("/api/v1/checkpoints").then().statusCode(401).body("error", containsString("not an API key"));
        ApiKeys.Token unknown = ApiKeys.generate(new SecureRandom());
        given().header("Authorization", TestKeys.bearer(unknown)).contentType("application/json").body(body)
                .post("/api/v1/checkpoints").then().statusCode(401)
                .body("error", equalTo("key sc_" + unknown.id() + "_*** is unknown or revoked"));
    }

    @Test
    void healthAndOpenApiNeedNoKey() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("api keys read"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/keys"));
    }

    @Test
    void theOperatorIssuesAKeyStoredHashedAndPublishedWithoutItsSecret() {
        String lab = KafkaTestClient.uniqueLab();
        Response issued = operator().body("{\"lab\":\"" + lab + "\",\"role\":\"write\",\"name\":\"trainer\"}")
                .post("/api/v1/keys");
        issued.then().statusCode(201).body("details.lab", equalTo(lab)).body("details.role", equalTo("write"))
                .body("details.createdBy", equalTo("operator")).body("details.revokedAt", equalTo(null));
        ApiKeys.Token token = ApiKeys.parse(issued.path("key")).orElseThrow();

        ApiKeyRecord row = QuarkusTransaction.requiringNew().call(() -> keys.findById(token.id()));
        assertThat(row.lab).isEqualTo(lab);
        assertThat(row.secretSha256).isEqualTo(ApiKeys.sha256(token.secret())).doesNotContain(token.secret());
        assertThat(row.name).isEqualTo("trainer");

        List<ConsumerRecord<String, String>> events = KafkaTestClient.readAll(ApiKeyEvent.TOPIC,
                r -> token.id().equals(r.key()), Duration.ofSeconds(2));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).value()).contains("\"secretSha256\":\"" + row.secretSha256 + "\"")
                .contains("\"lab\":\"" + lab + "\"").contains("\"revoked\":false").doesNotContain(token.secret());
    }

    @Test
    void aWriteKeySendsEventsOfItsOwnLabOnly() {
        String lab = KafkaTestClient.uniqueLab();
        String other = KafkaTestClient.uniqueLab();
        ApiKeys.Token writer = issue(lab, "write");

        String own = "[" + checkpoint(lab, "fam", "r1", 0, 4.0) + "]";
        as(writer).body(own).post("/api/v1/checkpoints").then().statusCode(202).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab) == 1);

        String mixed = "[" + checkpoint(lab, "fam", "r1", 1, 3.9) + "," + checkpoint(other, "fam", "r1", 0, 4.0) + "]";
        as(writer).body(mixed).post("/api/v1/checkpoints").then().statusCode(403)
                .body("index", equalTo(1)).body("field", equalTo("lab"))
                .body("error", equalTo("item 1: lab: the key belongs to lab '" + lab + "' and may not write into lab '"
                        + other + "'"));

        // An event that names no lab is the key's lab's, as a query that names none is.
        String unnamed = "[" + checkpoint(lab, "fam", "r1", 2, 3.8).replace("\"lab\":\"" + lab + "\",", "") + "]";
        assertThat(unnamed).doesNotContain(lab);
        as(writer).body(unnamed).post("/api/v1/checkpoints").then().statusCode(202).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab) == 2);
        operator().body(unnamed).post("/api/v1/checkpoints").then().statusCode(400).body("field", equalTo("lab"));

        as(writer).get("/api/v1/keys").then().statusCode(403)
                .body("error", containsString("needs a key with role admin; key " + writer.id() + " has role write"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> stored(lab) == 2 && stored(other) == 0);
    }

    @Test
    void mlflowCallsActInTheKeysLabAndAreRefusedInMlflowsShape() {
        String lab = KafkaTestClient.uniqueLab();
        ApiKeys.Token writer = issue(lab, "write");
        String mlflow = "/api/2.0/mlflow/";

        given().contentType("application/json").body("{\"name\": \"fam\"}").post(mlflow + "experiments/create")
                .then().statusCode(401).body("error_code", equalTo("UNAUTHENTICATED"))
                .body("message", containsString("Authorization"));
        as(issue(lab, "read")).body("{\"name\": \"fam\"}").post(mlflow + "experiments/create").then()
                .statusCode(403).body("error_code", equalTo("PERMISSION_DENIED"));
        String experiment = as(writer).body("{\"name\": \"fam\"}").post(mlflow + "experiments/create").then()
                .statusCode(200).extract().path("experiment_id");
        String run = as(writer).body("{\"experiment_id\": \"" + experiment + "\", \"run_name\": \"r1\"}")
                .post(mlflow + "runs/create").then().statusCode(200).extract().path("run.info.run_id");
        as(writer).body("{\"run_id\": \"" + run + "\", \"params\": [{\"key\": \"n_params\", \"value\": \"1e8\"}, "
                + "{\"key\": \"tokens_per_step\", \"value\": \"1000\"}], \"metrics\": [{\"key\": \"train_loss\", "
                + "\"value\": 3.5, \"timestamp\": 1733400000000, \"step\": 5}]}").post(mlflow + "runs/log-batch").then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab) == 1);

        // Another lab's key sees neither the experiment nor the run.
        ApiKeys.Token stranger = issue(KafkaTestClient.uniqueLab(), "write");
        as(stranger).get(mlflow + "experiments/get?experiment_id=" + experiment).then().statusCode(404)
                .body("error_code", equalTo("RESOURCE_DOES_NOT_EXIST"));
        as(stranger).body("{\"run_id\": \"" + run + "\", \"key\": \"loss\", \"value\": 3.0, \"step\": 6}")
                .post(mlflow + "runs/log-metric").then().statusCode(404)
                .body("error_code", equalTo("RESOURCE_DOES_NOT_EXIST"));
        assertThat(stored(lab)).isEqualTo(1);
    }

    @Test
    void aReadKeyCannotWrite() {
        ApiKeys.Token reader = issue(KafkaTestClient.uniqueLab(), "read");
        as(reader).body("[]").post("/api/v1/evals").then().statusCode(403)
                .body("error", containsString("needs a key with role write"));
    }

    @Test
    void aLabAdminManagesItsOwnLabsKeysOnly() {
        String lab = KafkaTestClient.uniqueLab();
        String other = KafkaTestClient.uniqueLab();
        ApiKeys.Token admin = issue(lab, "admin");
        String othersKey = ApiKeys.parse(operator().body("{\"lab\":\"" + other + "\",\"role\":\"read\"}")
                .post("/api/v1/keys").path("key")).orElseThrow().id();

        as(admin).body("{\"role\":\"read\",\"name\":\"dashboard\"}").post("/api/v1/keys").then().statusCode(201)
                .body("details.lab", equalTo(lab)).body("details.createdBy", equalTo(admin.id()));
        as(admin).body("{\"lab\":\"" + other + "\",\"role\":\"admin\"}").post("/api/v1/keys").then()
                .statusCode(403).body("field", equalTo("lab"))
                .body("error", containsString("may not write into lab '" + other + "'"));
        as(admin).get("/api/v1/keys").then().statusCode(200).body("size()", equalTo(2))
                .body("lab", everyItem(equalTo(lab)))
                .body("[0].key", equalTo(null));
        as(admin).get("/api/v1/keys?lab=" + other).then().statusCode(404).body("field", equalTo("lab"));
        as(admin).delete("/api/v1/keys/" + othersKey).then().statusCode(404).body("field", equalTo("id"));
        as(admin).body("{\"role\":\"owner\"}").post("/api/v1/keys").then().statusCode(400)
                .body("field", equalTo("role")).body("error", containsString("must be read, write or admin"));
        as(admin).body("{\"role\":\"read\",\"name\":\"" + "n".repeat(101) + "\"}").post("/api/v1/keys").then()
                .statusCode(400).body("field", equalTo("name")).body("error", containsString("the limit is 100"));
        operator().body("{\"role\":\"read\"}").post("/api/v1/keys").then().statusCode(400)
                .body("field", equalTo("lab")).body("error", equalTo("lab: is required"));
    }

    @Test
    void aRevokedKeyIsRefusedOnceTheRevocationIsRead() {
        String lab = KafkaTestClient.uniqueLab();
        ApiKeys.Token writer = issue(lab, "write");
        as(writer).body("[]").post("/api/v1/checkpoints").then().statusCode(400);

        operator().delete("/api/v1/keys/" + writer.id() + "?lab=" + lab).then().statusCode(200)
                .body("revokedAt", notNullValue());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(writer).body("[]").post("/api/v1/checkpoints").statusCode() == 401);
        assertThat(QuarkusTransaction.requiringNew().call(() -> keys.findById(writer.id()).revokedAt)).isNotNull();
        operator().delete("/api/v1/keys/" + writer.id() + "?lab=" + lab).then().statusCode(200);
    }

    @Test
    void aKeyOverItsRequestRateGets429NamingTheLimit() {
        ApiKeys.Token writer = issue(KafkaTestClient.uniqueLab(), "write");
        Response limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            Response r = as(writer).body("[]").post("/api/v1/checkpoints");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(400);
            }
        }
        assertThat(limited).as("requests at once exceed a burst of 20 at 5/s").isNotNull();
        limited.then().header("Retry-After", notNullValue())
                .body("error", containsString("scalecast.auth.requests-per-second"));
    }

    @Test
    void keysNeverReachTheLog() throws IOException {
        String lab = KafkaTestClient.uniqueLab();
        ApiKeys.Token writer = issue(lab, "write");
        as(writer).body("[" + checkpoint(lab, "fam", "r1", 0, 4.0) + "]").post("/api/v1/checkpoints")
                .then().statusCode(202);
        as(writer).get("/api/v1/keys").then().statusCode(403);
        given().header("Authorization", "Bearer " + writer.value() + "x").get("/api/v1/keys").then().statusCode(401);

        String log = Files.readString(LOG);
        assertThat(log).as("the log was written").contains("/api/v1/checkpoints");
        assertThat(log).doesNotContain(writer.secret()).doesNotContain(TestKeys.OPERATOR.secret());
    }

    /** Issues a key through the REST API with the operator key and waits until the service accepts it. */
    private ApiKeys.Token issue(String lab, String role) {
        String value = operator().body("{\"lab\":\"" + lab + "\",\"role\":\"" + role + "\"}").post("/api/v1/keys")
                .then().statusCode(201).extract().path("key");
        ApiKeys.Token token = ApiKeys.parse(value).orElseThrow();
        await().atMost(Duration.ofSeconds(15)).until(() -> as(token).get("/api/v1/keys").statusCode() != 401);
        return token;
    }

    private static RequestSpecification operator() {
        return as(TestKeys.OPERATOR);
    }

    private static RequestSpecification as(ApiKeys.Token token) {
        return given().header("Authorization", TestKeys.bearer(token)).contentType("application/json");
    }

    private long stored(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.count("lab", lab));
    }
}
