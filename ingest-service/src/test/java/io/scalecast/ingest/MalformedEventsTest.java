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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The bad-input suite of docs/reliability.md: every kind of malformed event a lab's producer can send, over the real
 * broker. Each lands on its topic's DLQ unchanged, with a reason naming the field; none is stored or published, and
 * none stops the valid record sent after all of them.
 */
@QuarkusTest
class MalformedEventsTest {

    /** The number of malformed events below, reported in docs/reliability.md. */
    static final int CASES = 67;

    @Inject
    CheckpointRepository checkpoints;

    @Inject
    EvalRepository evals;

    /**
     * One malformed event.
     *
     * @param topic where it is sent
     * @param key its record key
     * @param payload its bytes
     * @param reason what its DLQ reason must contain
     */
    record Case(String topic, String key, byte[] payload, String reason) {
    }

    @Test
    void everyMalformedEventIsDeadLetteredWithItsReasonAndNothingIsStored() {
        String lab = KafkaTestClient.uniqueLab();
        String key = lab + "/fam";
        String ok = checkpoint(lab, "fam", "r1", 5, 3.0);
        String eval = "{\"schemaVersion\":1,\"lab\":\"" + lab + "\",\"family\":\"fam\",\"run\":\"r1\",\"params\":1e8,"
                + "\"tokens\":1e9,\"step\":10,\"benchmark\":\"arc_easy\",\"metric\":\"accuracy\",\"value\":0.5}";
        List<Case> cases = new ArrayList<>();
        Table c = new Table(cases, "scalecast.checkpoints", key, ok);
        // Syntax and encoding.
        c.text("not json at all {", "$: is not valid JSON");
        c.text("[1, 2, 3]", "$: must be a JSON object");
        c.text("", "$: the record has no payload");
        c.text("null", "$: must be a JSON object");
        c.text("\"a string\"", "$: must be a JSON object");
        c.text(ok + " trailing", "$: is not valid JSON");
        c.text(ok + ok, "$: is not valid JSON");
        c.edit("\"value\":3.0", "\"value\":3.0,\"value\":4.0", "$: is not valid JSON: Duplicate field 'value'");
        c.bytes(invalidUtf8(ok), "$: is not valid UTF-8");
        c.bytes(ok.getBytes(StandardCharsets.UTF_16), "$: is not valid UTF-8");
        c.bytes(withUtf8Bom(ok), "$: starts with a byte-order mark");
        c.edit("}", ",\"notes\":\"" + "x".repeat(70_000) + "\"}", "$: the record is 70");
        // Schema versions.
        c.edit("\"schemaVersion\":1", "\"schemaVersion\":7", "schemaVersion: unsupported version 7");
        c.edit("\"schemaVersion\":1", "\"schemaVersion\":0", "schemaVersion: unsupported version 0");
        c.edit("\"schemaVersion\":1,", "", "schemaVersion: is required");
        c.edit("\"schemaVersion\":1", "\"schemaVersion\":\"1\"", "schemaVersion: has the wrong type");
        c.edit("\"schemaVersion\":1", "\"schemaVersion\":1.5", "schemaVersion: has the wrong type");
        // Names.
        c.edit("\"lab\":\"" + lab + "\"", "\"lab\":\"Bad Lab!\"", "lab: must match");
        c.edit("\"lab\":\"" + lab + "\",", "", "lab: is required");
        c.edit("\"lab\":\"" + lab + "\"", "\"lab\":\"" + "a".repeat(65) + "\"", "lab: must match");
        c.edit("\"family\":\"fam\"", "\"family\":\"Fam\"", "family: must match");
        c.edit("\"family\":\"fam\",", "", "family: is required");
        c.edit("\"run\":\"r1\",", "", "run: is required");
        c.edit("\"run\":\"r1\"", "\"run\":\"\"", "run: is required");
        c.edit("\"run\":\"r1\"", "\"run\":\"" + "r".repeat(201) + "\"", "run: must be at most 200 characters");
        c.edit("\"run\":\"r1\"", "\"run\":\"r\\u0001\"", "run: must not contain control characters");
        c.edit("\"run\":\"r1\"", "\"run\":{\"a\":1}", "run: has the wrong type");
        c.edit("}", ",\"metric\":\"lo ss\"}", "metric: must match");
        // Numbers: types and ranges.
        c.edit("\"params\":1.0E8", "\"params\":\"big\"", "params: has the wrong type");
        c.edit("\"params\":1.0E8", "\"params\":0", "params: must be finite and > 0");
        c.edit("\"params\":1.0E8", "\"params\":-1.0E8", "params: must be finite and > 0");
        c.edit("\"params\":1.0E8", "\"params\":Infinity", "params: must be finite and > 0");
        c.edit("\"params\":1.0E8,", "", "params: is required");
        c.edit("\"tokens\":6000000.0,", "", "tokens: is required");
        c.edit("\"tokens\":6000000.0", "\"tokens\":-6000000.0", "tokens: must be finite and > 0");
        c.edit("\"tokens\":6000000.0", "\"tokens\":NaN", "tokens: must be finite and > 0");
        c.edit("\"step\":5", "\"step\":-5", "step: must be >= 0");
        c.edit("\"step\":5", "\"step\":5.5", "step: has the wrong type");
        c.edit("\"step\":5,", "", "step: is required");
        c.edit("\"step\":5", "\"step\":1e30", "step: has the wrong type");
        c.edit("\"step\":5", "\"step\":99999999999999999999", "step: is out of range");
        c.edit("\"value\":3.0", "\"value\":NaN", "value: must be finite");
        c.edit("\"value\":3.0", "\"value\":-Infinity", "value: must be finite");
        c.edit("\"value\":3.0", "\"value\":0.0", "value: a loss must be > 0");
        c.edit("\"value\":3.0", "\"value\":-1.0", "value: a loss must be > 0");
        c.edit("\"value\":3.0,", "", "value: is required");
        c.edit("\"value\":3.0", "\"value\":\"3.0\"", "value: has the wrong type");
        c.edit("\"learningRate\":3.0E-4", "\"learningRate\":-1", "learningRate: must be finite and >= 0");
        c.edit("\"learningRate\":3.0E-4", "\"learningRate\":NaN", "learningRate: must be finite and >= 0");
        c.edit("}", ",\"flops\":0}", "flops: must be finite and > 0");
        c.edit("}", ",\"time\":\"last tuesday\"}", "time: must be an ISO-8601");
        c.edit("}", ",\"time\":\"2026-11-30T10:00:00\"}", "time: must be an ISO-8601 date-time with offset");
        // Another lab's or family's key.
        c.keyed(lab + "x/fam", ok, "key: the record key '" + lab + "x/fam' does not match");
        c.keyed(lab + "/other", ok.replace("\"r1\"", "\"r2\""),
                "key: the record key '" + lab + "/other' does not match");
        Table e = new Table(cases, "scalecast.evals", key, eval);
        e.edit("\"value\":0.5", "\"value\":1.5", "value: a accuracy must lie in [0, 1], was 1.5");
        e.edit("\"benchmark\":\"arc_easy\",", "", "benchmark: is required");
        e.edit("\"benchmark\":\"arc_easy\"", "\"benchmark\":\"arc easy\"", "benchmark: must match");
        e.edit("\"metric\":\"accuracy\",", "", "metric: is required");
        e.edit("}", ",\"chance\":1.0}", "chance: must lie in [0, 1)");
        e.edit("}", ",\"chance\":-0.1}", "chance: must lie in [0, 1)");
        e.edit("}", ",\"shots\":-1}", "shots: must be >= 0");
        e.edit("}", ",\"shots\":1.5}", "shots: has the wrong type");
        e.edit("\"value\":0.5", "\"value\":NaN", "value: must be finite");
        e.edit("\"params\":1e8,", "", "params: is required");
        e.edit("\"tokens\":1e9", "\"tokens\":0", "tokens: must be finite and > 0");
        e.keyed(lab + "x/fam", eval, "key: the record key '" + lab + "x/fam' does not match");
        e.text("{\"schemaVersion\":1,", "$: is not valid JSON");
        assertThat(cases).hasSize(CASES);

        cases.forEach(k -> KafkaTestClient.sendBytes(k.topic(), k.key(), List.of(k.payload())));
        // Valid records after all of them prove that no partition was blocked.
        KafkaTestClient.send("scalecast.checkpoints", key, List.of(ok));
        KafkaTestClient.send("scalecast.evals", key, List.of(eval));

        await().atMost(Duration.ofSeconds(60)).until(() -> stored(lab) == 2);
        List<ConsumerRecord<String, byte[]>> dlq = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            dlq.clear();
            for (String topic : List.of("scalecast.checkpoints.dlq", "scalecast.evals.dlq")) {
                dlq.addAll(KafkaTestClient.readAllBytes(topic, r -> r.key() != null && r.key().startsWith(lab),
                        Duration.ofSeconds(2)));
            }
            assertThat(dlq).hasSize(CASES);
        });
        for (Case k : cases) {
            ConsumerRecord<String, byte[]> r = dlq.stream().filter(d -> Arrays.equals(d.value(), k.payload()))
                    .findFirst().orElseThrow(() -> new AssertionError("not on the DLQ unchanged: " + preview(k)));
            assertThat(KafkaTestClient.header(r, "dead-letter-reason")).as(preview(k)).contains(k.reason());
            assertThat(KafkaTestClient.header(r, "dead-letter-topic")).isEqualTo(k.topic());
        }
        assertThat(KafkaTestClient.readAll("scalecast.observations", r -> r.key().startsWith(lab),
                Duration.ofSeconds(3))).hasSize(2);
        assertThat(stored(lab)).isEqualTo(2);
    }

    /** Cases built from one valid event of a topic. */
    private record Table(List<Case> cases, String topic, String key, String valid) {

        void text(String payload, String reason) {
            bytes(payload.getBytes(StandardCharsets.UTF_8), reason);
        }

        void bytes(byte[] payload, String reason) {
            cases.add(new Case(topic, key, payload, reason));
        }

        /** The valid event with {@code from} replaced by {@code to}, which must change it. */
        void edit(String from, String to, String reason) {
            if (!valid.contains(from)) {
                throw new IllegalArgumentException("the valid event has no " + from);
            }
            text(valid.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)), reason);
        }

        void keyed(String otherKey, String payload, String reason) {
            cases.add(new Case(topic, otherKey, payload.getBytes(StandardCharsets.UTF_8), reason));
        }
    }

    private static byte[] invalidUtf8(String json) {
        byte[] b = json.replace("\"r1\"", "\"r?\"").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '?') {
                b[i] = (byte) 0xC3;
                break;
            }
        }
        return b;
    }

    private static byte[] withUtf8Bom(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    private static String preview(Case k) {
        String s = new String(k.payload(), StandardCharsets.UTF_8);
        return k.topic() + " " + (s.length() > 120 ? s.substring(0, 120) + "..." : s);
    }

    private long stored(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.count("lab", lab) + evals.count("lab", lab));
    }
}
