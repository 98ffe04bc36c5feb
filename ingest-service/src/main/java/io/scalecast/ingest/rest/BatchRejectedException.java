package io.scalecast.ingest.rest;

import io.scalecast.core.event.InvalidEventException;
import io.scalecast.core.event.Violation;
import java.util.List;

/**
 * A REST batch that was refused as a whole, with the index of the bad item when one item is at fault, and its HTTP
 * status: 400 for a malformed batch, 403 for an event of another lab than the key's, 413 for one over the size
 * limit or one that would take a family over its limits.
 */
public class BatchRejectedException extends RuntimeException {

    private final Integer index;
    private final List<Violation> violations;
    private final int status;

    public BatchRejectedException(Integer index, InvalidEventException cause) {
        super((index == null ? "" : "item " + index + ": ") + cause.getMessage(), cause);
        this.index = index;
        this.violations = cause.violations();
        this.status = 400;
    }

    public BatchRejectedException(String field, String message) {
        this(field, message, 400);
    }

    private BatchRejectedException(String field, String message, int status) {
        this(null, field, message, status);
    }

    private BatchRejectedException(Integer index, String field, String message, int status) {
        super((index == null ? "" : "item " + index + ": ") + field + ": " + message);
        this.index = index;
        this.violations = List.of(new Violation(field, message));
        this.status = status;
    }

    /** The batch would take the family of item {@code index} over a limit: 413, naming the limit and its setting. */
    public static BatchRejectedException overLimit(int index, Violation violation) {
        return new BatchRejectedException(index, violation.field(), violation.message(), 413);
    }

    /** Item {@code index} names {@code lab}, which the key may not write into: 403, naming the field. */
    public static BatchRejectedException wrongLab(int index, String lab, String keyLab) {
        return new BatchRejectedException(index, "lab", "the key belongs to lab '" + keyLab
                + "' and may not write into lab '" + lab + "'", 403);
    }

    /** A batch of {@code size} events over the {@code limit}: 413, naming the limit and its setting. */
    public static BatchRejectedException tooLarge(int size, int limit) {
        return new BatchRejectedException("$", "the batch has " + size + " events; the limit is " + limit
                + " (scalecast.ingest.max-batch-size)", 413);
    }

    public int status() {
        return status;
    }

    public Integer index() {
        return index;
    }

    public List<Violation> violations() {
        return violations;
    }
}
