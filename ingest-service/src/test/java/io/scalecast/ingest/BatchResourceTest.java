package io.scalecast.ingest;

import static io.restassured.RestAssured.given;
import static io.scalecast.testing.KafkaTestClient.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BatchResourceTest {

    @Inject
    CheckpointRepository checkpoints;

    @Test
    void acceptsAValidBatchAndStoresItThroughKafka() {
        String lab = KafkaTestClient.uniqueLab();
        String body = "[" + checkpoint(lab, "fam", "r1", 0, 4.0) + "," + checkpoint(lab, "fam", "r1", 1, 3.8) + "]";

        given().contentType("application/json").body(body).post("/api/v1/checkpoints")
                .then().statusCode(202).body("accepted", equalTo(2));

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab) == 2);
    }

    @Test
    void refusesTheWholeBatchNamingTheItemAndField() throws InterruptedException {
        String lab = KafkaTestClient.uniqueLab();
        String good = checkpoint(lab, "fam", "r1", 0, 4.0);
        String bad = checkpoint(lab, "fam", "r1", 1, 3.8).replace("\"tokens\":2000000.0", "\"tokens\":-1");
        String body = "[" + good + "," + bad + "]";

        given().contentType("application/json").body(body).post("/api/v1/checkpoints")
                .then().statusCode(400)
                .body("index", equalTo(1))
                .body("field", equalTo("tokens"))
                .body("violations[0].field", equalTo("tokens"))
                .body("error", containsString("item 1: tokens: must be finite and > 0"));

        Thread.sleep(1500);
        assertThat(stored(lab)).isZero();
    }

    @Test
    void refusesWhatIsNotABatch() {
        given().contentType("application/json").body("{\"schemaVersion\":1}").post("/api/v1/checkpoints")
                .then().statusCode(400).body("field", equalTo("$"))
                .body("error", containsString("JSON array"));
        given().contentType("application/json").body("[").post("/api/v1/evals")
                .then().statusCode(400).body("error", containsString("not valid JSON"));
        given().contentType("application/json").body("[]").post("/api/v1/evals")
                .then().statusCode(400).body("error", containsString("empty"));
    }

    @Test
    void servesHealthOpenApiAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("Kafka"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/checkpoints"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    private long stored(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.count("lab", lab));
    }
}
