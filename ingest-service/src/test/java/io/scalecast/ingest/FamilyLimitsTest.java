package io.scalecast.ingest;

import static io.restassured.RestAssured.given;
import static io.scalecast.testing.KafkaTestClient.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.ingest.model.EvalRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The per-family limits over the real broker and database, at 3 runs and 10 points: a new run or point over a limit
 * is dead-lettered with a reason naming the limit, revisions of stored points still pass, other families and the
 * other kind are not affected; a REST batch that would cross a limit is refused whole with a 413 naming it.
 */
@QuarkusTest
@TestProfile(FamilyLimitsTest.SmallLimits.class)
class FamilyLimitsTest {

    /** Limits small enough to reach in a test. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scalecast.ingest.max-runs-per-family", "3", "scalecast.ingest.max-points-per-family",
                    "10");
        }
    }

    @Inject
    CheckpointRepository checkpoints;

    @Inject
    EvalRepository evals;

    @Test
    void newRunsAndPointsOverTheFamilysLimitsAreDeadLetteredNamingTheLimit() {
        String lab = KafkaTestClient.uniqueLab();
        List<String> events = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            for (int step = 0; step < 3; step++) {
                events.add(checkpoint(lab, "fam", "r" + run, step, 3.0 - 0.1 * step));
            }
        }
        events.add(checkpoint(lab, "fam", "r3", 0, 3.0));
        events.add(checkpoint(lab, "fam", "r0", 3, 2.6));
        events.add(checkpoint(lab, "fam", "r1", 3, 2.6));
        events.add(checkpoint(lab, "fam", "r0", 0, 2.95));
        events.add(checkpoint(lab, "other", "r3", 0, 3.0));

        KafkaTestClient.send("scalecast.checkpoints", lab + "/fam", events.subList(0, events.size() - 1));
        KafkaTestClient.send("scalecast.checkpoints", lab + "/other", events.subList(events.size() - 1,
                events.size()));

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab, "fam") == 10 && stored(lab, "other") == 1);
        List<ConsumerRecord<String, String>> dead = deadLetters("scalecast.checkpoints.dlq", lab + "/fam", 2);
        assertThat(dead.get(0).value()).contains("\"run\":\"r3\"");
        assertThat(reason(dead.get(0))).startsWith("run: run 'r3' would be run 4 of family 'fam'")
                .contains("the limit is 3 runs per family (scalecast.ingest.max-runs-per-family)");
        assertThat(dead.get(1).value()).contains("\"run\":\"r1\"").contains("\"step\":3");
        assertThat(reason(dead.get(1))).isEqualTo("family: family 'fam' of lab '" + lab + "' already holds 10"
                + " checkpoints; the limit is 10 per family (scalecast.ingest.max-points-per-family)");
        // The revision of a stored point passed at the limit.
        assertThat(QuarkusTransaction.requiringNew().call(() -> checkpoints.findByKey(lab, "fam", "r0", "loss", 0)
                .orElseThrow().revision)).isEqualTo(2);
        assertThat(KafkaTestClient.readAll("scalecast.observations", r -> (lab + "/fam").equals(r.key()),
                Duration.ofSeconds(3))).hasSize(11);
    }

    @Test
    void evalResultsHaveLimitsOfTheirOwn() {
        String lab = KafkaTestClient.uniqueLab();
        List<String> checkpointsOfFourRuns = new ArrayList<>();
        List<String> results = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            checkpointsOfFourRuns.add(checkpoint(lab, "fam", "r" + run, 0, 3.0));
            results.add(eval(lab, "r" + run));
        }

        KafkaTestClient.send("scalecast.checkpoints", lab + "/fam", checkpointsOfFourRuns);
        KafkaTestClient.send("scalecast.evals", lab + "/fam", results);

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab, "fam") == 3 && results(lab) == 3);
        assertThat(reason(deadLetters("scalecast.evals.dlq", lab + "/fam", 1).get(0)))
                .startsWith("run: run 'r3' would be run 4 of family 'fam' with eval results");
        assertThat(reason(deadLetters("scalecast.checkpoints.dlq", lab + "/fam", 1).get(0)))
                .startsWith("run: run 'r3' would be run 4 of family 'fam' with checkpoints");
    }

    @Test
    void aRestBatchThatWouldCrossAFamilysLimitIsA413NamingItAndPublishesNothing() {
        String lab = KafkaTestClient.uniqueLab();
        List<String> nine = new ArrayList<>();
        for (int step = 0; step < 3; step++) {
            for (int run = 0; run < 3; run++) {
                nine.add(checkpoint(lab, "fam", "r" + run, step, 3.0 - 0.1 * step));
            }
        }
        post(nine).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab, "fam") == 9);

        String other = checkpoint(lab, "other", "r0", 0, 3.0);
        post(List.of(other, checkpoint(lab, "fam", "r0", 3, 2.6), checkpoint(lab, "fam", "r1", 3, 2.6)))
                .then().statusCode(413).body("index", equalTo(1)).body("field", equalTo("family"))
                .body("error", equalTo("item 1: family: family 'fam' of lab '" + lab + "' holds 9 checkpoints and"
                        + " the batch adds 2 new; the limit is 10 per family"
                        + " (scalecast.ingest.max-points-per-family)"));
        post(List.of(checkpoint(lab, "fam", "r3", 0, 3.0))).then().statusCode(413).body("field", equalTo("run"))
                .body("error", containsString("has 3 runs with checkpoints and the batch adds 1; the limit is 3 runs"
                        + " per family (scalecast.ingest.max-runs-per-family)"));

        // Revisions of stored points and one new point (twice in the batch) fit: the 10th point is accepted.
        post(List.of(checkpoint(lab, "fam", "r0", 0, 2.95), checkpoint(lab, "fam", "r2", 3, 2.6),
                checkpoint(lab, "fam", "r2", 3, 2.6))).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab, "fam") == 10);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> stored(lab, "other") == 0);
    }

    private static Response post(List<String> events) {
        return given().contentType("application/json").body("[" + String.join(",", events) + "]")
                .post("/api/v1/checkpoints");
    }

    private static String eval(String lab, String run) {
        return String.format(Locale.ROOT, "{\"schemaVersion\":1,\"lab\":\"%s\",\"family\":\"fam\",\"run\":\"%s\","
                + "\"params\":1e8,\"tokens\":2e9,\"step\":0,\"benchmark\":\"arc_easy\",\"metric\":\"accuracy\","
                + "\"value\":0.5}", lab, run);
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String topic, String key, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> KafkaTestClient.readAll(topic, r -> key.equals(r.key()),
                Duration.ofSeconds(1)).size() >= expected);
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readAll(topic, r -> key.equals(r.key()),
                Duration.ofSeconds(2));
        assertThat(dead).hasSize(expected);
        return dead;
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return KafkaTestClient.header(record, "dead-letter-reason");
    }

    private long stored(String lab, String family) {
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.count("lab = ?1 and family = ?2", lab,
                family));
    }

    private long results(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> evals.count("lab", lab));
    }
}
