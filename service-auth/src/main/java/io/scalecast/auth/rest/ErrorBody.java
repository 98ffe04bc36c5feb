package io.scalecast.auth.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.event.Violation;
import java.util.List;

/**
 * The JSON body of every 4xx answer of every service.
 *
 * @param error what is wrong, as a sentence
 * @param field the header, parameter or event field at fault
 * @param index the bad item's position in a batch; absent for other requests
 * @param violations every bad field of that item; absent for other requests
 */
public record ErrorBody(String error, String field, @JsonInclude(JsonInclude.Include.NON_NULL) Integer index,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<Violation> violations) {

    /** A body naming one field. */
    public ErrorBody(String error, String field) {
        this(error, field, null, null);
    }

    /** The body of a refusal. */
    public static ErrorBody of(RefusedException e) {
        return new ErrorBody(e.getMessage(), e.field(), e.index(), e.violations());
    }
}
