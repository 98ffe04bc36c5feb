package io.scalecast.support.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

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
                .setMaxResults(limit)
                .getResultList();
    }

    /** Deletes sent records older than the cut-off, so the table does not grow without end. */
    public long deleteSentBefore(Instant cutoff) {
        return delete("sentAt is not null and sentAt < ?1", cutoff);
    }
}
