package io.scalecast.eval;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.contracts.event.Observation;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BenchmarkResourceTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void keepsEvalObservationsPerBenchmarkAtTheirNewestRevision() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> records = List.of(
                eval(lab, "r1", 1e8, "arc_easy", 0.40, 1), eval(lab, "r2", 4e8, "arc_easy", 0.55, 1),
                eval(lab, "r1", 1e8, "hellaswag", 0.30, 1), eval(lab, "r1", 1e8, "arc_easy", 0.42, 2),
                eval(lab, "r1", 1e8, "arc_easy", 0.40, 1), checkpointObservation(lab));

        KafkaTestClient.send("scalecast.observations", lab + "/fam", records);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .get("/api/v1/families/fam/benchmarks").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].benchmark", equalTo("arc_easy")).body("[0].points", equalTo(2))
                .body("[0].runs", equalTo(2)).body("[0].chance", equalTo(0.25f))
                .body("[0].minValue", equalTo(0.42f)).body("[0].maxValue", equalTo(0.55f)));
        given().queryParam("lab", lab).get("/api/v1/families/fam/benchmarks/arc_easy").then().statusCode(200)
                .body("find { it.run == 'r1' }.revision", equalTo(2));
    }

    /** A result gets its checkpoint's loss whether the loss arrived before it, after it, or not yet at all. */
    @Test
    void pairsEachResultWithTheLossOfItsCheckpointWhicheverArrivesFirst() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        KafkaTestClient.send("scalecast.observations", lab + "/fam", List.of(
                eval(lab, "r1", 1e8, "arc_easy", 0.40, 1), loss(lab, "r2", 100, 2.5, 1),
                eval(lab, "r2", 4e8, "arc_easy", 0.55, 1), eval(lab, "r3", 9e8, "arc_easy", 0.60, 1),
                loss(lab, "r1", 100, 3.1, 1), loss(lab, "r1", 100, 3.0, 2), loss(lab, "r1", 50, 3.9, 1)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .get("/api/v1/families/fam/benchmarks/arc_easy").then().statusCode(200)
                .body("find { it.run == 'r1' }.loss", equalTo(3.0f))
                .body("find { it.run == 'r2' }.loss", equalTo(2.5f))
                .body("find { it.run == 'r3' }.loss", nullValue()));
    }

    @Test
    void aRecordThatIsNotAnObservationGoesToTheDlq() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        String unknownVersion = eval(lab, "r1", 1e8, "arc_easy", 0.4, 1).replace("\"schemaVersion\":1",
                "\"schemaVersion\":9");
        KafkaTestClient.send("scalecast.observations", lab + "/bad", List.of(unknownVersion));

        await().atMost(Duration.ofSeconds(30)).until(() -> !dlq(lab).isEmpty());
        assertThat(KafkaTestClient.header(dlq(lab).get(0), "dead-letter-reason"))
                .contains("schemaVersion: unsupported version 9");
    }

    @Test
    void unknownFamiliesAre404AndAMissingLabIs400() {
        given().queryParam("lab", "nobody").get("/api/v1/families/none/benchmarks").then().statusCode(404);
        given().get("/api/v1/families/none/benchmarks").then().statusCode(400);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/benchmarks"));
    }

    private List<ConsumerRecord<String, String>> dlq(String lab) {
        return KafkaTestClient.readAll("scalecast.observations.dlq", r -> (lab + "/bad").equals(r.key()),
                Duration.ofSeconds(1));
    }

    private String eval(String lab, String run, double n, String benchmark, double value, long revision)
            throws Exception {
        return eval(mapper, lab, run, n, benchmark, value, revision);
    }

    /** An accuracy result of family {@code fam} as ingest publishes it (AccessTest uses it too). */
    static String eval(ObjectMapper mapper, String lab, String run, double n, String benchmark, double value,
                       long revision) throws Exception {
        return mapper.writeValueAsString(new Observation(1, Observation.EVAL, lab, "fam", run, n, 20 * n, 100,
                "accuracy", value, null, 6 * n * 20 * n, benchmark, 0.25, 0, null, revision, Instant.now().toString()));
    }

    private String loss(String lab, String run, long step, double value, long revision) throws Exception {
        return mapper.writeValueAsString(new Observation(1, Observation.CHECKPOINT, lab, "fam", run, 1e8, 2e9, step,
                "loss", value, null, 1.2e18, null, null, null, null, revision, Instant.now().toString()));
    }

    private String checkpointObservation(String lab) throws Exception {
        return mapper.writeValueAsString(new Observation(1, Observation.CHECKPOINT, lab, "fam", "r1", 1e8, 2e9, 100,
                "loss", 3.0, null, 1.2e18, null, null, null, null, 1, Instant.now().toString()));
    }
}
