package io.scalecast.predict.rest;

import io.scalecast.auth.rest.ErrorBody;
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
}
