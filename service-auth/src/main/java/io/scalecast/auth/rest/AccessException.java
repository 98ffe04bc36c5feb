package io.scalecast.auth.rest;

import io.scalecast.auth.error.RefusedException;

/** A request refused for access reasons (no key, the wrong role, another lab), with its status and field. */
public class AccessException extends RefusedException {

    public AccessException(int status, String field, String message) {
        super(status, field, message);
    }

    /** A 404 that does not tell whether the thing exists in another lab. */
    public static AccessException notVisible(String field, String message) {
        return new AccessException(404, field, message);
    }

    /** A 403: the key is known but may not do this. */
    public static AccessException forbidden(String field, String message) {
        return new AccessException(403, field, message);
    }
}
