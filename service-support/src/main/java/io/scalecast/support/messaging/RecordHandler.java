package io.scalecast.support.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.runtime.ShutdownEvent;
import io.scalecast.contracts.event.InvalidEventException;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Runs a consumed record's work in its own transaction so that only a bad record reaches the dead-letter topic. A
 * record the work rejects as invalid (a parse or validation error) is nacked at once, and the channel's dead-letter
 * strategy sends it on with the reason. Any other failure is retried with backoff: while the database is down, for
 * as long as it stays down (nothing is skipped, and the datasource's readiness check reports it), so the service
 * recovers by itself; while the database is up, a few times, after which the record counts as poison and is
 * dead-lettered with the reason, so it never blocks its partition. A record in hand when the service stops is left
 * unacknowledged: its offset is never committed, it is consumed again after the restart, and the idempotent work
 * makes the second pass harmless. This is why the consumers call it instead of carrying {@code @Transactional}
 * themselves. A batch of records runs in one transaction (one commit instead of hundreds, the cost that bounds a
 * consumer's rate); if it fails while the database is up, it is redone record by record, so exactly the bad ones are
 * dead-lettered and the good ones stored.
 */
@ApplicationScoped
public class RecordHandler {

    /** The work done for one record; runs inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        void run(T payload) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(RecordHandler.class);
    /** Attempts of a record that fails while the database is up before it counts as poison. */
    private static final int ATTEMPTS = 5;
    private static final long BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final EntityManager entities;
    private final DataSource database;
    private volatile boolean stopping;

    public RecordHandler(EntityManager entities, DataSource database) {
        this.entities = entities;
        this.database = database;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Handles one record: acks it when the work succeeds, nacks a bad or poison record (to the DLQ), retries it while
     * the database is down, and leaves it pending when the service stops.
     */
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
                Retry retry = retry(attempt, cause, "a record");
                if (retry == Retry.GIVE_UP) {
                    LOG.errorf(cause, "a record failed %d times while the database was up: dead-lettered as poison",
                            attempt);
                    return message.nack(new IllegalStateException("poison record: failed " + attempt + " times"
                            + " while the database was up, a failure of the service, not of the record: " + cause,
                            cause));
                }
                if (retry == Retry.LEAVE) {
                    return CompletableFuture.completedFuture(null);
                }
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
                Retry retry = isBadRecord(cause) ? Retry.GIVE_UP
                        : retry(attempt, cause, "a batch of " + records.size());
                if (retry == Retry.GIVE_UP) {
                    LOG.debugf("a batch of %d records holds a bad one; handling them one by one", records.size());
                    return all(records.stream().map(r -> handle(r, payload -> work.run(List.of(r)))).toList());
                }
                if (retry == Retry.LEAVE) {
                    return CompletableFuture.completedFuture(null);
                }
            }
        }
    }

    /** What to do after a failed attempt that was not the record's fault. */
    private enum Retry { AGAIN, GIVE_UP, LEAVE }

    /**
     * Waits before the next attempt and says whether to make it: always while the database is down (the record is
     * not skipped), up to {@link #ATTEMPTS} while it is up; never while the service stops.
     */
    private Retry retry(int attempt, Throwable cause, String what) {
        boolean databaseDown = !databaseUp();
        if (stopping) {
            LOG.errorf(cause, "%s left unacknowledged as the service stops; it will be consumed again", what);
            return Retry.LEAVE;
        }
        if (!databaseDown && attempt >= ATTEMPTS) {
            return Retry.GIVE_UP;
        }
        // One line per outage step, not one per attempt: an outage of minutes retries hundreds of times. With the
        // database up the failure is the service's own (a bug, a full disk): an error, not a warning.
        if (attempt == 1 || attempt % 20 == 0) {
            if (databaseDown) {
                LOG.warnf("attempt %d of %s failed (the database is down), retrying: %s", attempt, what, cause);
            } else {
                LOG.errorf(cause, "attempt %d of %s failed, retrying: %s", attempt, what, cause);
            }
        }
        return pause(attempt) ? Retry.AGAIN : Retry.LEAVE;
    }

    private boolean databaseUp() {
        try (Connection c = database.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static CompletionStage<Void> all(List<CompletionStage<Void>> stages) {
        return CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Whether the failure is the record's fault: only the parsers and validators say so, with an
     * {@link InvalidEventException} (see {@code RecordReader}). Any other exception, an
     * {@link IllegalArgumentException} of our own code included, is a failure of ours: retried, logged as an error,
     * and never dead-lettered as bad input.
     */
    static boolean isBadRecord(Throwable e) {
        return e instanceof InvalidEventException;
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
            Thread.sleep(Math.min(MAX_BACKOFF_MILLIS, BACKOFF_MILLIS * attempt));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
