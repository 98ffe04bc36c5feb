package io.scalecast.ingest.rest;

import io.scalecast.core.event.Violation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** Answers a refused batch with its status (400, or 413 over the size limit) and a body naming item and fields. */
@Provider
public class BatchRejectedMapper implements ExceptionMapper<BatchRejectedException> {

    @Override
    public Response toResponse(BatchRejectedException e) {
        List<Violation> v = e.violations();
        ErrorBody body = new ErrorBody(e.getMessage(), e.index(), v.isEmpty() ? null : v.get(0).field(), v);
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /**
     * The body of a refusal.
     *
     * @param error a sentence naming the item and the fields
     * @param index the bad item's position in the batch, or null when the batch itself is at fault
     * @param field the first bad field
     * @param violations every bad field of the item
     */
    public record ErrorBody(String error, Integer index, String field, List<Violation> violations) {
    }
}
