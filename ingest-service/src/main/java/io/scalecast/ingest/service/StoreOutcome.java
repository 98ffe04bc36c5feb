package io.scalecast.ingest.service;

/** What storing one event did. */
public enum StoreOutcome {
    /** A new natural key: stored with revision 1 and published. */
    CREATED,
    /** A known key with other values: updated, revision bumped and published. */
    UPDATED,
    /** A redelivery of what is stored already: nothing changed, nothing published. */
    UNCHANGED
}
