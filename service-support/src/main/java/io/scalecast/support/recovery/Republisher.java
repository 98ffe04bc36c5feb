package io.scalecast.support.recovery;

/**
 * What one service owns on one topic and can send again from its database: every stored row's latest event, exactly
 * as first published (same key, version and values), so consumers that keep the highest version take it as a
 * repeat and a topic that lost it gets it back.
 */
public interface Republisher {

    /** The name an operator asks for: {@code keys}, {@code observations}, {@code laws} or {@code maps}. */
    String what();

    /** The topic the records go to. */
    String topic();

    /**
     * Whether the service republishes by itself when the topic is not the one its rows went to. True for the
     * compacted topics that are the readers' only copy of the state; false for a stream whose consumers keep their
     * own copy, which is sent again only when asked.
     */
    boolean automatic();

    /** Queues the records of every row in {@code scope} into {@code sink}, inside the caller's transaction. */
    void queue(RepublishScope scope, RepublishSink sink);
}
