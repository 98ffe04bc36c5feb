package io.scalecast.predict.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.contracts.event.RunAlert;
import io.scalecast.predict.service.FitQueryService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The incidents of the lab's running runs, as fit-service keeps them, beside the forecasts they were judged on. */
@Path("/api/v1/alerts")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final FitQueryService fit;
    private final LabAccess access;

    public AlertResource(FitQueryService fit, LabAccess access) {
        this.fit = fit;
        this.access = access;
    }

    @GET
    @Operation(summary = "The lab's incidents raised since then, newest first (at most 1,000), open or with"
            + " recoveredAt: fit-service's alerts, asked with the caller's key")
    public List<RunAlert> alerts(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @QueryParam("lab") String lab,
                                 @Parameter(description = "only the alerts of this family")
                                 @QueryParam("family") String family,
                                 @Parameter(description = "ISO-8601 instant; only alerts raised at or after it")
                                 @QueryParam("since") String since) {
        return fit.alerts(authorization, access.lab(lab), family == null ? null : Queries.name("family", family),
                since);
    }
}
