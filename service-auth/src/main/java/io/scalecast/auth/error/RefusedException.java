package io.scalecast.auth.error;

import io.scalecast.contracts.event.Violation;
import java.util.List;

/**
 * A request refused, as the service layer says it (never a REST type): its HTTP status, the field at fault and, for
 * a batch, the item's index and every bad field. Every service answers it the same way ({@code ErrorBody}).
 */
public class RefusedException extends RuntimeException {

    private final int status;
    private final String field;
    private final Integer index;
    private final List<Violation> violations;

    /**
     * @param status the HTTP status
     * @param field the header, parameter or event field at fault, or null
     * @param message the whole sentence the caller reads
     */
    public RefusedException(int status, String field, String message) {
        this(status, field, null, null, message);
    }

    protected RefusedException(int status, String field, Integer index, List<Violation> violations,
                               String message) {
        super(message);
        this.status = status;
        this.field = field;
        this.index = index;
        this.violations = violations == null ? null : List.copyOf(violations);
    }

    /** A 400: {@code field} is bad; the message reads {@code "field: message"}. */
    public static RefusedException badField(String field, String message) {
        return new RefusedException(400, field, field + ": " + message);
    }

    /** {@code value}, or a 400 naming {@code field} when it lies outside [{@code min}, {@code max}]. */
    public static int requireWithin(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw badField(field, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** A 404 that names no field. */
    public static RefusedException notFound(String message) {
        return new RefusedException(404, null, message);
    }

    /**
     * The refusal of item {@code index} of a batch, with its bad fields; the message reads {@code "item 3: ..."}.
     */
    public static RefusedException ofItem(int status, Integer index, List<Violation> violations, String message) {
        String where = index == null ? "" : "item " + index + ": ";
        return new RefusedException(status, violations.isEmpty() ? null : violations.get(0).field(), index,
                violations, where + message);
    }

    /** The same refusal placed inside a request body, e.g. field {@code params} at {@code queries[3]}. */
    public RefusedException at(String where) {
        String inner = field == null ? where : where + "." + field;
        return new RefusedException(status, inner, index, violations, field == null ? where + ": " + getMessage()
                : where + "." + getMessage());
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** The bad item's position in a batch, or null. */
    public Integer index() {
        return index;
    }

    /** Every bad field of a batch's item, or null. */
    public List<Violation> violations() {
        return violations;
    }
}
