package io.scalecast.auth.rest;

import io.scalecast.auth.Caller;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the request being served, set by {@link BearerAuthFilter} before the resource runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The caller; a request that reached a resource always has one. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no caller: the request did not pass BearerAuthFilter");
        }
        return caller;
    }
}
