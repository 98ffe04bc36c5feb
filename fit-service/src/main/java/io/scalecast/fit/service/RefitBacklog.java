package io.scalecast.fit.service;

import io.scalecast.support.dirty.DebounceLoop;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many due families wait for a refit thread, so that a refit spends optional time (bootstrap draws beyond the
 * minimum) only when no other family is waiting for it.
 */
@ApplicationScoped
public class RefitBacklog implements DebounceLoop.Listener {

    private final AtomicInteger queued = new AtomicInteger();

    /** A family was handed to the refit pool. */
    @Override
    public void queued() {
        queued.incrementAndGet();
    }

    /** A refit thread took a family from the queue. */
    @Override
    public void started() {
        queued.decrementAndGet();
    }

    /** Whether families wait for a refit thread now. */
    public boolean waiting() {
        return queued.get() > 0;
    }
}
