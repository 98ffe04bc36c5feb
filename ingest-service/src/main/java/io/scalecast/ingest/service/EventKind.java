package io.scalecast.ingest.service;

import io.scalecast.contracts.event.Observation;
import io.scalecast.support.recovery.RepublishScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link IngestService} needs to store one kind of event: its row, its natural key, the lookups of stored rows
 * and the observation a new or changed row publishes.
 *
 * @param <E> the event
 * @param <R> its row
 */
interface EventKind<E, R> {

    /** The observation kind, as the limits and metrics name it. */
    String name();

    /** The event's natural key. */
    List<Object> key(E event);

    /** The row's natural key, in the order of {@link #key(Object)}. */
    List<Object> rowKey(R row);

    /** The event as a point of its family, for the limits. */
    FamilyLimitService.Point point(E event);

    /** The stored row of the event's key. */
    Optional<R> find(E event);

    /** The stored rows of the natural keys in {@code keys} (a JSON array), in one statement. */
    List<R> findAll(String keys);

    /** A new row with the event's key at revision 1, created {@code now}, not yet persisted. */
    R newRow(E event, Instant now);

    /** Whether the stored row already holds the event's values. */
    boolean sameValues(R row, E event);

    /** Raises the row's revision: its values are about to change. */
    void nextRevision(R row);

    /** Writes the event's values into the row, updated {@code now}. */
    void write(E event, R row, Instant now);

    /** Persists the row when it is new. */
    void persistIfNew(R row);

    /** The observation of the row as stored, ingested {@code now}. */
    Observation observation(R row, Instant now);

    /** The observation of the row as it was last published: ingested when the row last changed. */
    Observation published(R row);

    /** The row's id, the order rows are read back in. */
    long id(R row);

    /** Up to {@code limit} stored rows in {@code scope} with ids above {@code afterId}, in id order. */
    List<R> after(RepublishScope scope, long afterId, int limit);
}
