package io.scalecast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.support.messaging.RecordHandler;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** The retry policy of the consumers, with the real database up: transient failures retried, poison dead-lettered. */
@QuarkusTest
class RecordHandlerTest {

    @Inject
    RecordHandler handler;

    private final AtomicBoolean acked = new AtomicBoolean();
    private final AtomicReference<Throwable> nacked = new AtomicReference<>();
    private final Message<String> message = Message.of("payload", () -> {
        acked.set(true);
        return CompletableFuture.completedFuture(null);
    }, failure -> {
        nacked.set(failure);
        return CompletableFuture.completedFuture(null);
    });

    @Test
    void aRecordThatKeepsFailingWhileTheDatabaseIsUpIsDeadLetteredAsPoison() {
        AtomicInteger attempts = new AtomicInteger();

        handler.handle(message, payload -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("boom");
        }).toCompletableFuture().join();

        assertThat(attempts).hasValue(5);
        assertThat(acked).isFalse();
        assertThat(nacked.get()).hasMessageContaining("poison record: failed 5 times while the database was up")
                .hasMessageContaining("boom");
    }

    @Test
    void aFailureThatPassesIsRetriedAndTheRecordAcknowledged() {
        AtomicInteger attempts = new AtomicInteger();

        handler.handle(message, payload -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
        }).toCompletableFuture().join();

        assertThat(attempts).hasValue(3);
        assertThat(acked).isTrue();
        assertThat(nacked.get()).isNull();
    }
}
