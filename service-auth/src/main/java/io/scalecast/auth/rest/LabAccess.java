package io.scalecast.auth.rest;

import io.scalecast.auth.Caller;
import io.scalecast.contracts.event.EventValidator;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides which lab a request acts on: the key's own lab. A {@code ?lab=} naming another lab gets a 404, as if the
 * lab did not exist; the operator (and every request while authentication is off) must name the lab.
 */
@ApplicationScoped
public class LabAccess {

    private final CurrentCaller current;

    public LabAccess(CurrentCaller current) {
        this.current = current;
    }

    /** The lab this request reads or changes, given the {@code lab} query parameter (null when absent). */
    public String lab(String requested) {
        Caller caller = current.get();
        if (requested != null) {
            requireName(requested, "lab");
        }
        if (caller.anyLab()) {
            if (requested == null) {
                throw new AccessException(400, "lab", "lab: is required");
            }
            return requested;
        }
        if (requested != null && !requested.equals(caller.lab())) {
            throw AccessException.notVisible("lab", "lab '" + requested + "' has nothing this key may see");
        }
        return caller.lab();
    }

    /**
     * The lab a request about every lab it may see acts on: the named one, the key's own, or null (every lab) when
     * a caller who may act for any lab names none.
     */
    public String labOrEvery(String requested) {
        return requested == null && current.get().anyLab() ? null : lab(requested);
    }

    /**
     * The lab a write acts on, given the lab the request names in {@code field} (null when it names none): the
     * key's own lab, or a 403 when the request names another.
     */
    public String writableLab(String requested, String field) {
        if (requested == null) {
            return lab(null);
        }
        requireName(requested, field);
        requireWriteInto(requested, field);
        return requested;
    }

    /** A 400 naming {@code field} unless {@code name} is a valid lab name. */
    private static void requireName(String name, String field) {
        if (!EventValidator.NAME.matcher(name).matches()) {
            throw new AccessException(400, field, field + ": must match " + EventValidator.NAME.pattern()
                    + ", was '" + name + "'");
        }
    }

    /** Refuses (403) a write into {@code lab} by a key of another lab; {@code field} names where the lab was given. */
    public void requireWriteInto(String lab, String field) {
        Caller caller = current.get();
        if (!caller.actsFor(lab)) {
            throw AccessException.forbidden(field, field + ": the key belongs to lab '" + caller.lab()
                    + "' and may not write into lab '" + lab + "'");
        }
    }

    /** The caller of this request. */
    public Caller caller() {
        return current.get();
    }
}
