package io.scalecast.predict.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.contracts.event.EventValidator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Says which service and API this is, so clients can check compatibility; it does no work, which also makes it the
 * baseline the prediction throughput benchmark measures against.
 */
@Path("/api/v1/version")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {

    private final Version version;

    public VersionResource(@ConfigProperty(name = "quarkus.application.name") String service,
                           @ConfigProperty(name = "quarkus.application.version") String release) {
        this.version = new Version(service, release, "v1", EventValidator.SCHEMA_VERSION);
    }

    @GET
    @Operation(summary = "The service, its release, the REST API version and the event schema version it reads")
    public Version version() {
        return version;
    }

    /**
     * What a client checks.
     *
     * @param service the service name
     * @param release the service's release
     * @param api the REST API version in every path
     * @param schemaVersion the event schema version it reads
     */
    public record Version(String service, String release, String api, int schemaVersion) {
    }
}
