package io.scalecast.support.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Sends unsent outbox records to Kafka in id order and marks them sent once the broker has acknowledged them.
 *
 * <p>A crash after the send and before the commit sends a record twice; consumers are idempotent on
 * (key, revision), so that is harmless, while a crash can never lose a record. It runs on its own thread because
 * the scheduler cannot tick faster than once a second, and freshness needs well under that.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final long ACK_TIMEOUT_SECONDS = 30;
    private static final Duration KEEP_SENT = Duration.ofHours(1);

    private final OutboxRepository repository;
    private final Emitter<String> emitter;
    private final long pollMillis;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(OutboxRepository repository,
                       @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2 * BATCH)
                       Emitter<String> emitter,
                       @ConfigProperty(name = "scalecast.outbox.poll-millis", defaultValue = "100") long pollMillis) {
        this.repository = repository;
        this.emitter = emitter;
        this.pollMillis = pollMillis;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(5000);
        }
    }

    private void loop() {
        while (running) {
            try {
                while (running && relayBatch() == BATCH) {
                    // A full batch means more are waiting: go on without pausing.
                }
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
                sleepQuietly(1000);
            }
        }
    }

    /** Sends one batch in its own transaction and marks it sent; returns how many records it sent. */
    public int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxEvent> batch = repository.lockUnsent(BATCH);
            if (batch.isEmpty()) {
                return 0;
            }
            CompletableFuture<?>[] acks = batch.stream().map(this::send).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(acks).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Instant now = Instant.now();
            batch.forEach(row -> row.sentAt = now);
            repository.deleteSentBefore(now.minus(KEEP_SENT));
            return batch.size();
        });
    }

    private CompletableFuture<Void> send(OutboxEvent row) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic).withKey(row.key).build();
        emitter.send(Message.of(row.payload, Metadata.of(meta), () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acked.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        return acked;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
