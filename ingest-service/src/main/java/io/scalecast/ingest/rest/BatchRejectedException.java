package io.scalecast.ingest.rest;

import io.scalecast.core.event.InvalidEventException;
import io.scalecast.core.event.Violation;
import java.util.List;

/** A REST batch that was refused as a whole, with the index of the bad item when one item is at fault. */
public class BatchRejectedException extends RuntimeException {

    private final Integer index;
    private final List<Violation> violations;

    public BatchRejectedException(Integer index, InvalidEventException cause) {
        super((index == null ? "" : "item " + index + ": ") + cause.getMessage(), cause);
        this.index = index;
        this.violations = cause.violations();
    }

    public BatchRejectedException(String field, String message) {
        super(field + ": " + message);
        this.index = null;
        this.violations = List.of(new Violation(field, message));
    }

    public Integer index() {
        return index;
    }

    public List<Violation> violations() {
        return violations;
    }
}
