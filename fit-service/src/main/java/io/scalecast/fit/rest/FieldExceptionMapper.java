package io.scalecast.fit.rest;

import io.scalecast.auth.rest.ErrorBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns a {@link FieldException} into a 400 whose JSON body names the field. */
@Provider
public class FieldExceptionMapper implements ExceptionMapper<FieldException> {

    @Override
    public Response toResponse(FieldException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(e.getMessage(), e.field()))
                .build();
    }
}
