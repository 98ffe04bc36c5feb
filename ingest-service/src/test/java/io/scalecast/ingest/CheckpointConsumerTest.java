package io.scalecast.ingest;

import static io.scalecast.testing.KafkaTestClient.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.contracts.event.Observation;
import io.scalecast.ingest.model.CheckpointRecord;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CheckpointConsumerTest {

    @Inject
    CheckpointRepository checkpoints;

    @Inject
    ObjectMapper mapper;

    @Test
    void storesEachCheckpointOnceAndPublishesOneObservationPerRevision() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> events = List.of(checkpoint(lab, "fam", "r1", 0, 4.0), checkpoint(lab, "fam", "r1", 1, 3.5),
                checkpoint(lab, "fam", "r2", 0, 3.9));
        KafkaTestClient.send("scalecast.checkpoints", lab + "/fam", events);
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(lab).size() == 3);

        // Redelivery of the same events changes nothing and publishes nothing.
        KafkaTestClient.send("scalecast.checkpoints", lab + "/fam", events);
        // A changed value for a stored key wins and bumps the revision.
        KafkaTestClient.send("scalecast.checkpoints", lab + "/fam", List.of(checkpoint(lab, "fam", "r1", 1, 3.4)));
        await().atMost(Duration.ofSeconds(30)).until(() -> revisionOf(lab, "r1", 1) == 2);

        List<CheckpointRecord> stored = rows(lab);
        assertThat(stored).hasSize(3);
        CheckpointRecord updated = stored.stream().filter(r -> r.run.equals("r1") && r.step == 1).findFirst()
                .orElseThrow();
        assertThat(updated.value).isEqualTo(3.4);
        assertThat(updated.metric).isEqualTo("loss");
        assertThat(updated.flops).isEqualTo(6 * updated.params * updated.tokens);

        List<ConsumerRecord<String, String>> published = KafkaTestClient.readAll("scalecast.observations",
                r -> r.key().equals(lab + "/fam"), Duration.ofSeconds(3));
        List<Observation> observations = published.stream().map(r -> parse(r.value())).toList();
        assertThat(observations).hasSize(4);
        assertThat(observations).extracting(Observation::naturalKey, Observation::revision).containsExactly(
                org.assertj.core.groups.Tuple.tuple(lab + "/fam/r1/loss/0", 1L),
                org.assertj.core.groups.Tuple.tuple(lab + "/fam/r1/loss/1", 1L),
                org.assertj.core.groups.Tuple.tuple(lab + "/fam/r2/loss/0", 1L),
                org.assertj.core.groups.Tuple.tuple(lab + "/fam/r1/loss/1", 2L));
        assertThat(observations.get(3).value()).isEqualTo(3.4);
        assertThat(observations.get(3).kind()).isEqualTo(Observation.CHECKPOINT);
        assertThat(observations.get(3).schemaVersion()).isEqualTo(1);
    }

    private Observation parse(String json) {
        try {
            return mapper.readValue(json, Observation.class);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    private List<CheckpointRecord> rows(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.list("lab", lab));
    }

    private long revisionOf(String lab, String run, long step) {
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.findByKey(lab, "fam", run, "loss", step)
                .map(r -> r.revision).orElse(0L));
    }
}
