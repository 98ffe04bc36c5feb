package io.scalecast.ingest;

import static io.scalecast.testing.KafkaTestClient.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bad record amid good ones in a batch: dead-lettered alone, the good ones stored and published once (every kind of
 * bad record is in {@link MalformedEventsTest}).
 */
@QuarkusTest
class DeadLetterTest {

    @Inject
    CheckpointRepository checkpoints;

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

    private long stored(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.count("lab", lab));
    }
}
