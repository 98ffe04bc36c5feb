package io.scalecast.ingest;

import static io.scalecast.testing.KafkaTestClient.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.ingest.model.EvalRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Malformed records go to the DLQ unchanged with a reason naming the field, are not stored, and block nothing. */
@QuarkusTest
class DeadLetterTest {

    @Inject
    CheckpointRepository checkpoints;

    @Inject
    EvalRepository evals;

    @Test
    void everyKindOfMalformedCheckpointLandsOnTheDlqWithItsReason() {
        String lab = KafkaTestClient.uniqueLab();
        String ok = checkpoint(lab, "fam", "r1", 5, 3.0);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("not json at all {", "is not valid JSON");
        bad.put("[1, 2, 3]", "must be a JSON object");
        bad.put(ok.replace("\"tokens\":6000000.0,", ""), "tokens: is required");
        bad.put(ok.replace("\"tokens\":6000000.0", "\"tokens\":-6000000.0"), "tokens: must be finite and > 0");
        bad.put(ok.replace("\"value\":3.0", "\"value\":NaN"), "value: must be finite");
        bad.put(ok.replace("\"schemaVersion\":1", "\"schemaVersion\":7"), "schemaVersion: unsupported version 7");
        bad.put(ok.replace("\"lab\":\"" + lab + "\"", "\"lab\":\"Bad Lab!\""), "lab: must match");
        bad.put(ok.replace("\"params\":1.0E8", "\"params\":\"big\""), "params: has the wrong type");
        bad.put(ok.replace("\"step\":5", "\"step\":-5"), "step: must be >= 0");
        bad.put(ok.replace("\"step\":5", "\"step\":5.5"), "step: has the wrong type");
        bad.put(ok.replace("\"value\":3.0", "\"value\":0.0"), "value: a loss must be > 0");
        bad.put(ok.replace("\"learningRate\":3.0E-4", "\"learningRate\":-1"), "learningRate: must be finite and >= 0");
        bad.put(ok.replace("}", ",\"time\":\"last tuesday\"}"), "time: must be an ISO-8601");
        bad.put(ok.replace("\"run\":\"r1\",", ""), "run: is required");
        bad.put("", "the record has no payload");

        KafkaTestClient.send("scalecast.checkpoints", lab + "/fam", List.copyOf(bad.keySet()));
        // A valid record after all of them proves the stream was not stopped.
        KafkaTestClient.send("scalecast.checkpoints", lab + "/fam", List.of(ok));

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab) == 1);
        List<ConsumerRecord<String, String>> dlq = KafkaTestClient.readAll("scalecast.checkpoints.dlq",
                r -> (lab + "/fam").equals(r.key()), Duration.ofSeconds(3));
        assertThat(dlq).hasSize(bad.size());
        for (int i = 0; i < dlq.size(); i++) {
            String sent = List.copyOf(bad.keySet()).get(i);
            ConsumerRecord<String, String> record = dlq.get(i);
            assertThat(record.value()).as("the DLQ keeps the record unchanged").isEqualTo(sent);
            assertThat(KafkaTestClient.header(record, "dead-letter-reason")).as("reason for %s", sent)
                    .contains(bad.get(sent));
            assertThat(KafkaTestClient.header(record, "dead-letter-topic")).isEqualTo("scalecast.checkpoints");
        }
        assertThat(stored(lab)).isEqualTo(1);
    }

    /**
     * Records are stored a batch per transaction; a bad record amid good ones sends the batch through one record at
     * a time, so the bad one alone is dead-lettered and each good one is stored and published exactly once.
     */
    @Test
    void aBadRecordAmidAGoodBatchIsDeadLetteredAloneAndTheGoodOnesAreStoredOnce() {
        String lab = KafkaTestClient.uniqueLab();
        List<String> events = new ArrayList<>();
        for (int step = 0; step < 80; step++) {
            events.add(checkpoint(lab, "fam", "r1", step, 3.0 - step * 0.01));
            if (step == 39) {
                events.add(checkpoint(lab, "fam", "r1", 999, 3.0).replace("\"value\":3.0", "\"value\":-1.0"));
            }
        }

        KafkaTestClient.send("scalecast.checkpoints", lab + "/fam", events);

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab) == 80);
        assertThat(KafkaTestClient.readAll("scalecast.checkpoints.dlq", r -> (lab + "/fam").equals(r.key()),
                Duration.ofSeconds(3))).singleElement()
                .satisfies(r -> assertThat(KafkaTestClient.header(r, "dead-letter-reason")).contains("value:"));
        assertThat(KafkaTestClient.readAll("scalecast.observations", r -> (lab + "/fam").equals(r.key()),
                Duration.ofSeconds(3))).hasSize(80);
        assertThat(stored(lab)).isEqualTo(80);
    }

    @Test
    void malformedEvalsLandOnTheirDlq() {
        String lab = KafkaTestClient.uniqueLab();
        String ok = "{\"schemaVersion\":1,\"lab\":\"" + lab + "\",\"family\":\"fam\",\"run\":\"r1\",\"params\":1e8,"
                + "\"tokens\":1e9,\"step\":10,\"benchmark\":\"arc_easy\",\"metric\":\"accuracy\",\"value\":0.5}";
        List<String> bad = List.of(ok.replace("\"value\":0.5", "\"value\":1.5"),
                ok.replace("\"benchmark\":\"arc_easy\",", ""));

        KafkaTestClient.send("scalecast.evals", lab + "/fam", bad);
        KafkaTestClient.send("scalecast.evals", lab + "/fam", List.of(ok));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> evals.count("lab", lab)) == 1);
        List<ConsumerRecord<String, String>> dlq = KafkaTestClient.readAll("scalecast.evals.dlq",
                r -> (lab + "/fam").equals(r.key()), Duration.ofSeconds(3));
        assertThat(dlq).extracting(r -> KafkaTestClient.header(r, "dead-letter-reason"))
                .containsExactly("value: a accuracy must lie in [0, 1], was 1.5", "benchmark: is required");
    }

    private long stored(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.count("lab", lab));
    }
}
