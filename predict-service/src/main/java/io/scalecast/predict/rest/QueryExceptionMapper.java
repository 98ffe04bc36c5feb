package io.scalecast.predict.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns a {@link QueryException} into its status with a JSON body naming the field. */
@Provider
public class QueryExceptionMapper implements ExceptionMapper<QueryException> {

    @Override
    public Response toResponse(QueryException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.getMessage(), e.field())).build();
    }

    /**
     * The error body.
     *
     * @param error what is wrong
     * @param field the bad query field, if one is at fault
     */
    public record ErrorBody(String error, String field) {
    }
}
