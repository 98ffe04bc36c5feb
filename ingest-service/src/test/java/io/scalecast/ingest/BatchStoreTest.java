package io.scalecast.ingest;

import static io.scalecast.testing.KafkaTestClient.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.contracts.event.CheckpointEvent;
import io.scalecast.contracts.event.InvalidEventException;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.ingest.model.FamilyUsageRepository;
import io.scalecast.ingest.service.EventParser;
import io.scalecast.ingest.service.IngestService;
import io.scalecast.support.outbox.OutboxRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The batch path of ingest-service (one lookup for the batch, limits counted per family) against the event-by-event
 * path it replaces under load: the same events leave the same rows, revisions, observations and usage counts.
 */
@QuarkusTest
class BatchStoreTest {

    @Inject
    IngestService ingest;

    @Inject
    EventParser parser;

    @Inject
    CheckpointRepository checkpoints;

    @Inject
    FamilyUsageRepository usage;

    @Inject
    OutboxRepository outbox;

    @Test
    void aBatchLeavesWhatTheSameEventsOneByOneLeave() {
        String oneByOne = KafkaTestClient.uniqueLab();
        String batched = KafkaTestClient.uniqueLab();
        // Stored before: r1/0 and r1/1. Then a batch with an unchanged repeat, a changed stored point, a new point
        // sent twice with different values, a new run, and an exact duplicate of a new point.
        List<String> before = List.of("r1|0|4.0", "r1|1|3.5");
        List<String> batch = List.of("r1|0|4.0", "r1|1|3.4", "r2|0|3.9", "r2|0|3.8", "r3|5|3.0", "r3|5|3.0",
                "r1|2|3.3");
        for (String lab : List.of(oneByOne, batched)) {
            QuarkusTransaction.requiringNew().run(() -> events(lab, before).forEach(this::storeAlone));
        }
        QuarkusTransaction.requiringNew().run(() -> events(oneByOne, batch).forEach(this::storeAlone));
        QuarkusTransaction.requiringNew().run(() -> ingest.storeCheckpoints(events(batched, batch)));

        assertThat(rows(batched)).isEqualTo(rows(oneByOne)).containsEntry("r2/0", "3.8 r2")
                .containsEntry("r1/1", "3.4 r2").containsEntry("r1/0", "4.0 r1").hasSize(5);
        assertThat(observations(batched)).isEqualTo(observations(oneByOne)).isEqualTo(2 + 5);
        QuarkusTransaction.requiringNew().run(() -> {
            var a = usage.forFamily(oneByOne, "fam", "checkpoint").orElseThrow();
            var b = usage.forFamily(batched, "fam", "checkpoint").orElseThrow();
            assertThat(List.of(b.runs, b.points)).isEqualTo(List.of(a.runs, a.points)).isEqualTo(List.of(3, 5L));
        });
    }

    @Test
    void aBatchThatWouldPassALimitIsRefusedWholeSoItCanBeStoredOneByOne() {
        String lab = KafkaTestClient.uniqueLab();
        // The test profile keeps the default limits: 10,001 runs pass the 10,000 runs a family may have.
        List<String> runs = new ArrayList<>();
        for (int run = 0; run <= 10_000; run++) {
            runs.add("r" + run + "|0|3.0");
        }
        List<CheckpointEvent> events = events(lab, runs);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> ingest.storeCheckpoints(events)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("past a limit");
        assertThat(rows(lab)).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> usage.forFamily(lab, "fam", "checkpoint")))
                .isEmpty();
    }

    /** Stores one event by itself, as the consumer does when a batch is refused. */
    private void storeAlone(CheckpointEvent e) {
        ingest.storeCheckpoints(List.of(e));
    }

    private List<CheckpointEvent> events(String lab, List<String> specs) {
        return specs.stream().map(s -> s.split("\\|")).map(p -> parser.checkpoint(checkpoint(lab, "fam", p[0],
                Long.parseLong(p[1]), Double.parseDouble(p[2])))).toList();
    }

    /** run/step → "value r<revision>". */
    private Map<String, String> rows(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.list("lab", lab).stream()
                .collect(Collectors.toMap(r -> r.run + "/" + r.step, r -> r.value + " r" + r.revision)));
    }

    private long observations(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.count("key", lab + "/fam"));
    }
}
