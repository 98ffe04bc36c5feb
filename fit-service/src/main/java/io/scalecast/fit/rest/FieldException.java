package io.scalecast.fit.rest;

/** A request that names a bad field: answered 400 with the field in the body. */
public class FieldException extends RuntimeException {

    private final String field;

    public FieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
