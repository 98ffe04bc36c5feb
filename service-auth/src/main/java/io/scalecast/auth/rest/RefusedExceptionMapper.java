package io.scalecast.auth.rest;

import io.scalecast.auth.error.RefusedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers every refusal of every service with its status and an {@link ErrorBody} naming the field. */
@Provider
public class RefusedExceptionMapper implements ExceptionMapper<RefusedException> {

    @Override
    public Response toResponse(RefusedException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(ErrorBody.of(e)).build();
    }
}
