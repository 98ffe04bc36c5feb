package io.scalecast.ingest;

import static io.restassured.RestAssured.given;
import static io.scalecast.testing.KafkaTestClient.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.ingest.model.EvalRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The REST half of docs/reliability.md's bad-input suite for ingest-service: malformed batches, each a 400 (413 over
 * the size limit) whose body names the field (and the item), none publishing or storing anything.
 */
@QuarkusTest
class MalformedRequestsTest {

    /** The number of malformed requests below, reported in docs/reliability.md. */
    static final int CASES = 14;

    @Inject
    CheckpointRepository checkpoints;

    @Inject
    EvalRepository evals;

    /**
     * One malformed batch.
     *
     * @param path where it is posted
     * @param body the body
     * @param field the field the answer must name
     * @param error what the error must say
     * @param status 400, or 413 for a batch over the size limit
     */
    record Case(String path, String body, String field, String error, int status) {

        Case(String path, String body, String field, String error) {
            this(path, body, field, error, 400);
        }
    }

    @Test
    void everyMalformedBatchIsRefusedNamingItsFieldAndNothingIsPublished() {
        String lab = KafkaTestClient.uniqueLab();
        String ok = checkpoint(lab, "fam", "r1", 5, 3.0);
        String eval = "{\"schemaVersion\":1,\"lab\":\"" + lab + "\",\"family\":\"fam\",\"run\":\"r1\",\"params\":1e8,"
                + "\"tokens\":1e9,\"step\":10,\"benchmark\":\"arc_easy\",\"metric\":\"accuracy\",\"value\":0.5}";
        String checkpoints = "/api/v1/checkpoints";
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(checkpoints, "not json", "$", "not valid JSON"));
        cases.add(new Case(checkpoints, ok, "$", "JSON array"));
        cases.add(new Case(checkpoints, "[]", "$", "the batch is empty"));
        cases.add(new Case(checkpoints, "[" + String.join(",", Collections.nCopies(10_001, ok)) + "]", "$",
                "the batch has 10001 events; the limit is 10000 (scalecast.ingest.max-batch-size)", 413));
        cases.add(new Case(checkpoints, "[1]", "$", "item 0: $: must be a JSON object"));
        cases.add(new Case(checkpoints, "[" + ok + "," + ok.replace("\"value\":3.0", "\"value\":NaN") + "]", "value",
                "item 1: value: must be finite"));
        cases.add(new Case(checkpoints, "[" + ok.replace("\"lab\":\"" + lab + "\"", "\"lab\":\"Bad\"") + "]", "lab",
                "item 0: lab: must match"));
        cases.add(new Case(checkpoints, "[" + ok.replace("\"run\":\"r1\"", "\"run\":\"" + "r".repeat(201) + "\"")
                + "]", "run", "at most 200 characters"));
        cases.add(new Case(checkpoints, "[" + ok.replace("\"step\":5", "\"step\":\"5\"") + "]", "step",
                "has the wrong type"));
        cases.add(new Case(checkpoints, "[" + ok.replace("\"schemaVersion\":1", "\"schemaVersion\":2") + "]",
                "schemaVersion", "unsupported version 2"));
        cases.add(new Case(checkpoints, "[" + ok.replace("\"value\":3.0", "\"value\":3.0,\"value\":2.0") + "]", "$",
                "Duplicate field 'value'"));
        String evalsPath = "/api/v1/evals";
        cases.add(new Case(evalsPath, "[" + eval.replace("\"value\":0.5", "\"value\":1.5") + "]", "value",
                "must lie in [0, 1]"));
        cases.add(new Case(evalsPath, "[" + eval.replace("\"benchmark\":\"arc_easy\",", "") + "]", "benchmark",
                "is required"));
        cases.add(new Case(evalsPath, "[" + eval.replace("}", ",\"chance\":1.0}") + "]", "chance",
                "must lie in [0, 1)"));
        assertThat(cases).hasSize(CASES);

        for (Case c : cases) {
            given().contentType("application/json").body(c.body()).post(c.path()).then().log().ifValidationFails()
                    .statusCode(c.status()).body("field", equalTo(c.field())).body("error", containsString(c.error()));
        }
        assertThat(KafkaTestClient.readAll("scalecast.checkpoints", r -> r.key().startsWith(lab),
                Duration.ofSeconds(2))).isEmpty();
        assertThat(KafkaTestClient.readAll("scalecast.evals", r -> r.key().startsWith(lab),
                Duration.ofSeconds(2))).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> this.checkpoints.count("lab", lab)
                + evals.count("lab", lab))).isZero();
    }
}
