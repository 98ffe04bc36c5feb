package io.scalecast.predict.rest;

/** A query that cannot be answered: 400 for a bad field, 404 for something unknown. */
public class QueryException extends RuntimeException {

    private final int status;
    private final String field;

    private QueryException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** A 400 naming the field. */
    public static QueryException badField(String field, String message) {
        return new QueryException(400, field, field + ": " + message);
    }

    /** A 404. */
    public static QueryException notFound(String message) {
        return new QueryException(404, null, message);
    }

    /** The same failure placed inside a request body, e.g. field {@code params} at {@code queries[3]}. */
    public QueryException at(String where) {
        String inner = field == null ? where : where + "." + field;
        return new QueryException(status, inner, field == null ? where + ": " + getMessage()
                : where + "." + getMessage());
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
