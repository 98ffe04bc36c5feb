package io.scalecast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.contracts.event.InvalidEventException;
import io.scalecast.contracts.event.Violation;
import io.scalecast.support.messaging.RecordHandler;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * The retry policy of the consumers, with the real database up: an invalid record dead-lettered at once, transient
 * failures retried, a failure of our own code retried and then dead-lettered as poison, never as bad input.
 */
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

    @Test
    void anInvalidRecordIsDeadLetteredAtOnceWithItsReason() {
        AtomicInteger attempts = new AtomicInteger();
        InvalidEventException invalid = new InvalidEventException(List.of(new Violation("tokens", "must be > 0")));

        handler.handle(message, payload -> {
            attempts.incrementAndGet();
            throw invalid;
        }).toCompletableFuture().join();

        assertThat(attempts).hasValue(1);
        assertThat(acked).isFalse();
        assertThat(nacked.get()).isSameAs(invalid);
    }

    @Test
    void anIllegalArgumentOfOurOwnCodeIsRetriedAndNeverDeadLetteredAsBadInput() {
        AtomicInteger attempts = new AtomicInteger();

        // What the outbox threw when an event of ours would not serialise: a bug of ours, not the record's fault.
        handler.handle(message, payload -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("cannot serialise Observation");
        }).toCompletableFuture().join();

        assertThat(attempts).as("retried like any failure of ours").hasValue(5);
        assertThat(nacked.get()).isNotInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poison record: failed 5 times while the database was up, a failure of the"
                        + " service, not of the record").hasMessageContaining("cannot serialise Observation");
    }
}
