package io.scalecast.auth.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns an {@link AccessException} into its status with a JSON body naming the field. */
@Provider
public class AccessExceptionMapper implements ExceptionMapper<AccessException> {

    @Override
    public Response toResponse(AccessException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.getMessage(), e.field())).build();
    }
}
