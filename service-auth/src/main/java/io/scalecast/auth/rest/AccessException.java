package io.scalecast.auth.rest;

/** A request refused for access reasons, with its HTTP status and the field at fault. */
public class AccessException extends RuntimeException {

    private final int status;
    private final String field;

    public AccessException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** A 404 that does not tell whether the thing exists in another lab. */
    public static AccessException notVisible(String field, String message) {
        return new AccessException(404, field, message);
    }

    /** A 403: the key is known but may not do this. */
    public static AccessException forbidden(String field, String message) {
        return new AccessException(403, field, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
