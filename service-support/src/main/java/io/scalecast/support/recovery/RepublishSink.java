package io.scalecast.support.recovery;

import io.scalecast.support.outbox.Outbox;

/**
 * Takes a republisher's records into the outbox, counting them and remembering the outbox ids they got, and writes
 * them out a page at a time so that a large republish holds one page of rows in memory.
 */
public final class RepublishSink {

    private static final int PAGE = 200;

    private final Outbox outbox;
    private final String topic;
    private long count;
    private long firstId = -1;
    private long lastId = -1;

    RepublishSink(Outbox outbox, String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    /** Queues a record whose value is the event as first published, already JSON. */
    public void send(String key, String json) {
        track(outbox.publishJson(topic, key, json));
    }

    /** Queues {@code event} serialised as the service serialises its events. */
    public void sendEvent(String key, Object event) {
        track(outbox.publish(topic, key, event));
    }

    private void track(long id) {
        firstId = firstId < 0 ? id : Math.min(firstId, id);
        lastId = Math.max(lastId, id);
        if (++count % PAGE == 0) {
            outbox.flushAndClear();
        }
    }

    /** How many records were queued. */
    public long count() {
        return count;
    }

    /** The smallest outbox id queued, or -1 when none was. */
    public long firstId() {
        return firstId;
    }

    /** The largest outbox id queued, or -1 when none was. */
    public long lastId() {
        return lastId;
    }
}
