package io.scalecast.support.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.runtime.ShutdownEvent;
import io.scalecast.core.event.InvalidEventException;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Runs a consumed record's work in its own transaction so that only a bad record reaches the dead-letter topic. A
 * record the work rejects as invalid (a parse or validation error) is nacked, and the channel's dead-letter strategy
 * sends it on with the reason. Any other failure (the database down, the service stopping mid-record) is retried
 * with backoff and, if it persists, the record is left unacknowledged: its offset is never committed, so it is
 * consumed again after a restart or a rebalance, and the idempotent work makes the second pass harmless. This is
 * why the consumers call it instead of carrying {@code @Transactional} themselves: a failed transaction must not
 * become a dead letter. A batch of records runs in one transaction (one commit instead of hundreds, the cost that
 * bounds a consumer's rate); if a record in it is bad, the batch is redone record by record, so exactly the bad ones
 * are dead-lettered and the good ones stored.
 */
@ApplicationScoped
public class RecordHandler {

    /** The work done for one record; runs inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        void run(T payload) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(RecordHandler.class);
    private static final int ATTEMPTS = 5;
    private static final long BACKOFF_MILLIS = 200;

    private final EntityManager entities;
    private volatile boolean stopping;

    public RecordHandler(EntityManager entities) {
        this.entities = entities;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Handles one record: acks it when the work succeeds, nacks a bad record, leaves it pending otherwise. */
    public <T> CompletionStage<Void> handle(Message<T> message, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().call(() -> {
                    work.run(message.getPayload());
                    return null;
                });
                return message.ack();
            } catch (RuntimeException e) {
                Throwable cause = unwrap(e);
                if (isBadRecord(cause)) {
                    return message.nack(cause);
                }
                if (stopping || attempt >= ATTEMPTS || !pause(attempt)) {
                    LOG.errorf(cause, "record left unacknowledged after %d attempts (stopping: %s); it will be"
                            + " consumed again", attempt, stopping);
                    return CompletableFuture.completedFuture(null);
                }
                LOG.warnf("attempt %d of a record failed, retrying: %s", attempt, cause.toString());
            }
        }
    }

    /**
     * Handles a batch in one transaction, record by record, and acks every record; see {@link #handleAll}.
     */
    public <T> CompletionStage<Void> handleBatch(KafkaRecordBatch<String, T> batch,
                                                 Work<KafkaRecord<String, T>> work) {
        return handleAll(batch, records -> {
            for (KafkaRecord<String, T> r : records) {
                work.run(r);
                // Each query auto-flushes, which walks every entity the session holds: without this a batch costs
                // time quadratic in its records. The changes stay in the one transaction.
                entities.flush();
                entities.clear();
            }
        });
    }

    /**
     * Handles a batch with one call of the work in one transaction and acks every record; when a record is bad,
     * handles each record on its own instead ({@link #handle}, the work called with that record alone); on any
     * other failure retries the batch, then leaves it pending.
     */
    public <T> CompletionStage<Void> handleAll(KafkaRecordBatch<String, T> batch,
                                               Work<List<KafkaRecord<String, T>>> work) {
        List<KafkaRecord<String, T>> records = batch.getRecords();
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().call(() -> {
                    work.run(records);
                    return null;
                });
                return all(records.stream().map(Message::ack).toList());
            } catch (RuntimeException e) {
                Throwable cause = unwrap(e);
                if (isBadRecord(cause)) {
                    LOG.debugf("a batch of %d records holds a bad one; handling them one by one", records.size());
                    return all(records.stream().map(r -> handle(r, payload -> work.run(List.of(r)))).toList());
                }
                if (stopping || attempt >= ATTEMPTS || !pause(attempt)) {
                    LOG.errorf(cause, "batch of %d records left unacknowledged after %d attempts (stopping: %s);"
                            + " it will be consumed again", records.size(), attempt, stopping);
                    return CompletableFuture.completedFuture(null);
                }
                LOG.warnf("attempt %d of a batch of %d records failed, retrying: %s", attempt, records.size(),
                        cause.toString());
            }
        }
    }

    private static CompletionStage<Void> all(List<CompletionStage<Void>> stages) {
        return CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    /** Whether the failure is the record's fault: it could not be parsed or is not a valid event. */
    static boolean isBadRecord(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof JsonProcessingException
                || e instanceof InvalidEventException;
    }

    /** The exception the work threw, without the transaction wrapper around a checked one. */
    private static Throwable unwrap(RuntimeException e) {
        Throwable t = e;
        while (t.getCause() != null
                && (t instanceof QuarkusTransactionException || t.getClass() == RuntimeException.class)) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean pause(int attempt) {
        try {
            Thread.sleep(BACKOFF_MILLIS * attempt);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
