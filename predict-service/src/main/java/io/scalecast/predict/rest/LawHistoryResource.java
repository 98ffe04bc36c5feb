package io.scalecast.predict.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.contracts.rest.FitHistoryEntry;
import io.scalecast.predict.service.FitQueryService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** A family's law history (every version's parameters, intervals and watermark), as fit-service keeps it. */
@Path("/api/v1/families/{family}/laws/history")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class LawHistoryResource {

    private final FitQueryService history;
    private final LabAccess access;

    public LawHistoryResource(FitQueryService history, LabAccess access) {
        this.history = history;
        this.access = access;
    }

    @GET
    @Operation(summary = "The family's fits of a law, newest first, each published version with its parameters,"
            + " intervals, back-test ARE and watermark; skipped and failed fits with their reason")
    public List<FitHistoryEntry> history(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                         @PathParam("family") String family, @QueryParam("lab") String lab,
                                         @Parameter(description = "the law kind (default chinchilla)")
                                         @QueryParam("law") @DefaultValue("chinchilla") String law,
                                         @Parameter(description = "only versions below this one: the next page")
                                         @QueryParam("before") Long before,
                                         @Parameter(description = "at most this many versions, 1 to 1000")
                                         @QueryParam("limit") @DefaultValue("200") int limit) {
        // Checked here too, so that a bad limit costs no call to fit-service.
        return history.history(authorization, access.lab(lab), Queries.name("family", family),
                Queries.name("law", law), before, RefusedException.requireWithin("limit", limit, 1,
                        FitHistoryEntry.MAX_PAGE));
    }
}
