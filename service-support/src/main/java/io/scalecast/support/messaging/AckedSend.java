package io.scalecast.support.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Sends keyed records through an emitter and lets the caller wait until the broker has acknowledged them all. */
public final class AckedSend {

    private AckedSend() {
    }

    /**
     * Sends one record.
     *
     * @param emitter the channel's emitter
     * @param topic the topic, or null for the channel's own
     * @param key the record key
     * @param payload the JSON value
     * @return completes when the broker acknowledged the record, or fails with the reason it did not
     */
    public static CompletableFuture<Void> send(Emitter<String> emitter, String topic, String key, String payload) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> meta =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (topic != null) {
            meta.withTopic(topic);
        }
        emitter.send(Message.of(payload, Metadata.of(meta.build()), () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acked.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        return acked;
    }

    /** Waits for every acknowledgement; throws when one failed or the time ran out. */
    public static void awaitAll(List<CompletableFuture<Void>> acks, long timeoutSeconds) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not acknowledge every record: " + e.getMessage(), e);
        }
    }
}
