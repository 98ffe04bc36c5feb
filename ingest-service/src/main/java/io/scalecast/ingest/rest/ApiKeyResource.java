package io.scalecast.ingest.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.rest.AccessException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.ingest.service.ApiKeyService;
import io.scalecast.ingest.service.ApiKeyService.IssuedKey;
import io.scalecast.ingest.service.ApiKeyService.KeyView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Issues, lists and revokes a lab's API keys; only an admin key of the lab (or the operator's) may. */
@Path("/api/v1/keys")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.ADMIN)
public class ApiKeyResource {

    private static final int MAX_NAME = 100;
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{12}");

    private final ApiKeyService keys;
    private final LabAccess access;

    public ApiKeyResource(ApiKeyService keys, LabAccess access) {
        this.keys = keys;
        this.access = access;
    }

    @POST
    @Operation(summary = "Issue a key for the lab with a role (read, write, admin); the answer shows its secret once")
    public Response create(KeyRequest request) {
        if (request == null) {
            throw new AccessException(400, "$", "the body must be a JSON object with a role");
        }
        String lab = access.writableLab(request.lab(), "lab");
        Role role = Role.parse(request.role()).orElseThrow(() -> new AccessException(400, "role",
                "role: must be read, write or admin, was " + quoted(request.role())));
        if (request.name() != null && request.name().length() > MAX_NAME) {
            throw new AccessException(400, "name", "name: has " + request.name().length()
                    + " characters; the limit is " + MAX_NAME);
        }
        IssuedKey issued = keys.create(lab, role, request.name(), access.caller().keyId());
        return Response.status(201).entity(issued).build();
    }

    @GET
    @Operation(summary = "The lab's keys, revoked ones included, without secrets")
    public List<KeyView> list(@QueryParam("lab") String lab) {
        return keys.list(access.lab(lab));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke one of the lab's keys; every service refuses it within seconds")
    public KeyView revoke(@PathParam("id") String id, @QueryParam("lab") String lab) {
        String ofLab = access.lab(lab);
        if (!KEY_ID.matcher(id).matches()) {
            throw new AccessException(400, "id", "id: must be a key id of 12 hex digits, was '" + id + "'");
        }
        return keys.revoke(ofLab, id).orElseThrow(() -> AccessException.notVisible("id",
                "lab '" + ofLab + "' has no key " + id));
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }

    /**
     * A request for a key.
     *
     * @param lab the lab; the caller's own when absent (the operator must name it)
     * @param role read, write or admin
     * @param name what the key is for, up to 100 characters; optional
     */
    public record KeyRequest(String lab, String role, String name) {
    }
}
