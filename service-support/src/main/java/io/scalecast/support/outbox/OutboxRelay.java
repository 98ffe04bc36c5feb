package io.scalecast.support.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalecast.support.messaging.AckedSend;
import io.scalecast.support.worker.WorkerLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends unsent outbox records to Kafka in id order and marks them sent once the broker has acknowledged them.
 *
 * <p>A crash after the send and before the commit sends a record twice; consumers are idempotent on
 * (key, revision), so that is harmless, while a crash can never lose a record. It runs on its own thread because
 * the scheduler cannot tick faster than once a second, and freshness needs well under that.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 500;
    private static final long ACK_TIMEOUT_SECONDS = 30;
    private static final Duration KEEP_SENT = Duration.ofHours(1);
    /** Sent rows are deleted this often, not after every batch: a profile under load found the delete in 7% of it. */
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final OutboxRepository repository;
    private final Emitter<String> emitter;
    private final WorkerLoop worker;
    private volatile Instant purgedAt = Instant.EPOCH;

    public OutboxRelay(OutboxRepository repository,
                       @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2 * BATCH)
                       Emitter<String> emitter,
                       @ConfigProperty(name = "scalecast.outbox.poll-millis", defaultValue = "100") long pollMillis) {
        this.repository = repository;
        this.emitter = emitter;
        this.worker = new WorkerLoop("outbox-relay", this::relayAll, pollMillis);
    }

    void start(@Observes StartupEvent event) {
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.stop(5000);
    }

    private void relayAll() {
        while (relayBatch() == BATCH) {
            // A full batch means more are waiting: go on without pausing.
        }
    }

    /** Sends one batch in its own transaction and marks it sent; returns how many records it sent. */
    public int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxEvent> batch = repository.lockUnsent(BATCH);
            if (batch.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<Void>> acks = batch.stream()
                    .map(row -> AckedSend.send(emitter, row.topic, row.key, row.payload)).toList();
            AckedSend.awaitAll(acks, ACK_TIMEOUT_SECONDS);
            Instant now = Instant.now();
            repository.markSent(batch.stream().map(row -> row.id).toList(), now);
            if (now.isAfter(purgedAt.plus(PURGE_EVERY))) {
                repository.deleteSentBefore(now.minus(KEEP_SENT));
                purgedAt = now;
            }
            return batch.size();
        });
    }
}
