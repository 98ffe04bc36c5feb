package io.scalecast.ingest.rest;

import io.scalecast.auth.rest.ErrorBody;
import io.scalecast.ingest.service.MlflowException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Answers every refusal of an MLflow call in MLflow's error shape ({@code error_code}, {@code message}), which
 * MLflow's client raises as an MlflowException with that code: the resource's own refusals and those of the key
 * check, the rate limit and malformed JSON, which every other endpoint answers with an {@link ErrorBody}.
 */
public class MlflowErrors {

    private static final String PREFIX = "/api/2.0/mlflow/";

    @ServerExceptionMapper
    public Response refused(MlflowException e) {
        return body(e.status(), e.errorCode(), e.getMessage());
    }

    @ServerResponseFilter
    public void inMlflowShape(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getUriInfo().getPath().startsWith(PREFIX) && response.getStatus() >= 400
                && !(response.getEntity() instanceof MlflowMessages.Error)) {
            String message = response.getEntity() instanceof ErrorBody e ? e.error()
                    : "HTTP " + response.getStatus() + " for " + request.getUriInfo().getPath();
            response.setEntity(new MlflowMessages.Error(MlflowException.codeFor(response.getStatus()), message),
                    null, MediaType.APPLICATION_JSON_TYPE);
        }
    }

    private static Response body(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new MlflowMessages.Error(code, message)).build();
    }
}
