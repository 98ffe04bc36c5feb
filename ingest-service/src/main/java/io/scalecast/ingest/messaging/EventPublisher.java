package io.scalecast.ingest.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes REST batches to the same input topics Kafka producers use, keyed {@code lab/family}, and waits for the
 * broker's acknowledgement so that a 202 means the events are durable.
 */
@ApplicationScoped
public class EventPublisher {

    private final Emitter<String> checkpoints;
    private final Emitter<String> evals;

    public EventPublisher(
            @Channel("checkpoints-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20000)
            Emitter<String> checkpoints,
            @Channel("evals-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20000)
            Emitter<String> evals) {
        this.checkpoints = checkpoints;
        this.evals = evals;
    }

    /** Sends keyed JSON records to the checkpoints topic and waits for every acknowledgement. */
    public void publishCheckpoints(List<Map.Entry<String, String>> records, int timeoutSeconds) {
        publish(checkpoints, records, timeoutSeconds);
    }

    /** Sends keyed JSON records to the evals topic and waits for every acknowledgement. */
    public void publishEvals(List<Map.Entry<String, String>> records, int timeoutSeconds) {
        publish(evals, records, timeoutSeconds);
    }

    private static void publish(Emitter<String> emitter, List<Map.Entry<String, String>> records, int timeout) {
        CompletableFuture<?>[] acks = records.stream().map(r -> send(emitter, r.getKey(), r.getValue()))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(acks).get(timeout, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not acknowledge the batch: " + e.getMessage(), e);
        }
    }

    private static CompletableFuture<Void> send(Emitter<String> emitter, String key, String json) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build();
        emitter.send(Message.of(json, Metadata.of(meta), () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acked.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        return acked;
    }
}
