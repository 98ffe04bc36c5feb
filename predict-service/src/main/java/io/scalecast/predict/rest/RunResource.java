package io.scalecast.predict.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.predict.service.RunForecastService;
import io.scalecast.predict.service.RunSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The runs of a family that have a forecast, for picking one. */
@Path("/api/v1/families/{family}/runs")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private final RunForecastService forecasts;
    private final LabAccess access;

    public RunResource(RunForecastService forecasts, LabAccess access) {
        this.forecasts = forecasts;
        this.access = access;
    }

    @GET
    @Operation(summary = "The family's runs with a forecast, by name: each with its size, last step and loss, plan"
            + " and forecast end (empty when no run has a forecast yet)")
    public List<RunSummary> runs(@PathParam("family") String family, @QueryParam("lab") String lab) {
        return forecasts.runs(access.lab(lab), Queries.name("family", family));
    }
}
