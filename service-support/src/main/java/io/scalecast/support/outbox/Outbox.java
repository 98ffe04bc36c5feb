package io.scalecast.support.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Appends events to the outbox inside the caller's transaction, which must be the one that stores the row. */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final ObjectMapper mapper;

    public Outbox(OutboxRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    /** Queues {@code event} as JSON for {@code topic} under {@code key}; returns the outbox row's id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long publish(String topic, String key, Object event) {
        return publishJson(topic, key, toJson(event));
    }

    /** Queues a record whose value is already JSON, such as a stored event sent again; returns the row's id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long publishJson(String topic, String key, String json) {
        OutboxEvent row = new OutboxEvent();
        row.topic = topic;
        row.key = key;
        row.payload = json;
        row.createdAt = Instant.now();
        repository.persist(row);
        return row.id;
    }

    /**
     * Writes the rows queued so far and forgets every entity of the transaction, so that a republish of many rows
     * holds one page of them in memory rather than all.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void flushAndClear() {
        repository.getEntityManager().flush();
        repository.getEntityManager().clear();
    }

    /** How many rows with ids in [{@code from}, {@code to}] are not sent yet. */
    @Transactional
    public long pending(long from, long to) {
        return repository.count("sentAt is null and id between ?1 and ?2", from, to);
    }

    private String toJson(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            // Our own event that does not serialise is a bug of ours, never the consumed record's fault.
            throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }
}
