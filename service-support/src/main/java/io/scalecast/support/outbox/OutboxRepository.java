package io.scalecast.support.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import org.hibernate.jpa.HibernateHints;

/** Reads and writes the outbox table of the service's own schema. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEvent> {

    /**
     * The oldest unsent records, locked so that a second relay instance skips them instead of sending them too.
     */
    public List<OutboxEvent> lockUnsent(int limit) {
        return getEntityManager()
                .createQuery("from OutboxEvent where sentAt is null order by id", OutboxEvent.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                // Read-only: the relay never changes the loaded rows, so the flush need not compare 500 of them.
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Marks the records of {@code ids} sent at {@code at}, in one statement. */
    public int markSent(List<Long> ids, Instant at) {
        return update("sentAt = ?1 where id in ?2", at, ids);
    }

    /** Deletes sent records older than the cut-off, so the table does not grow without end. */
    public long deleteSentBefore(Instant cutoff) {
        return delete("sentAt is not null and sentAt < ?1", cutoff);
    }
}
