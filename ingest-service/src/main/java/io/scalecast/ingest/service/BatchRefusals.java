package io.scalecast.ingest.service;

import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.event.InvalidEventException;
import io.scalecast.contracts.event.Violation;
import java.util.List;

/**
 * The refusals of a REST batch as a whole, with the index of the bad item when one item is at fault and every bad
 * field of it: 400 for a malformed batch, 403 for an event of another lab than the key's, 413 for one over the size
 * limit or one that would take a family over its limits.
 */
public final class BatchRefusals {

    private BatchRefusals() {
    }

    /** Item {@code index} (null: the batch itself) is not a valid event. */
    public static RefusedException invalid(Integer index, InvalidEventException cause) {
        return RefusedException.ofItem(400, index, cause.violations(), cause.getMessage());
    }

    /** The batch itself is malformed at {@code field}. */
    public static RefusedException malformed(String field, String message) {
        return refused(400, null, new Violation(field, message));
    }

    /** The batch would take the family of item {@code index} over a limit: 413, naming the limit and its setting. */
    public static RefusedException overLimit(int index, Violation violation) {
        return refused(413, index, violation);
    }

    /** Item {@code index} names {@code lab}, which the key may not write into: 403, naming the field. */
    public static RefusedException wrongLab(int index, String lab, String keyLab) {
        return refused(403, index, new Violation("lab", "the key belongs to lab '" + keyLab
                + "' and may not write into lab '" + lab + "'"));
    }

    /** A batch of {@code size} events over the {@code limit}: 413, naming the limit and its setting. */
    public static RefusedException tooLarge(int size, int limit) {
        return refused(413, null, new Violation("$", "the batch has " + size + " events; the limit is " + limit
                + " (scalecast.ingest.max-batch-size)"));
    }

    private static RefusedException refused(int status, Integer index, Violation violation) {
        return RefusedException.ofItem(status, index, List.of(violation), violation.toString());
    }
}
