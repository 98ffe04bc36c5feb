package io.scalecast.predict.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.predict.service.DecayAnswer;
import io.scalecast.predict.service.RunForecastAnswer;
import io.scalecast.predict.service.RunForecastService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * A running run's forecast to its planned end under its learning-rate schedule, what-ifs of other schedules, and the
 * best decay start of a WSD plan.
 */
@Path("/api/v1/families/{family}/runs/{run}/forecast")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class RunForecastResource {

    private final RunForecastService forecasts;
    private final LabAccess access;

    public RunForecastResource(RunForecastService forecasts, LabAccess access) {
        this.forecasts = forecasts;
        this.access = access;
    }

    @GET
    @Operation(summary = "The run's observed curve and its loss at every future checkpoint to the planned end with a"
            + " 95% band, or under a what-if schedule from its last step")
    public RunForecastAnswer forecast(@PathParam("family") String family, @PathParam("run") String run,
                                      @QueryParam("lab") String lab,
                                      @Parameter(description = "a what-if schedule descriptor, e.g. wsd,peak=3e-4,"
                                              + "final=3e-5,steps=28800,warmup=2160,decay-start=24000; its rates"
                                              + " apply after the run's last step")
                                      @QueryParam("schedule") String schedule) {
        return forecasts.forecast(access.lab(lab), Queries.name("family", family), Queries.run(run), schedule);
    }

    @GET
    @Path("/decay")
    @Operation(summary = "For a run with a WSD plan: the decay start (and length to the planned end) that minimises"
            + " its final loss under the law, beside the plan, with the gain and its 95% interval")
    public DecayAnswer decay(@PathParam("family") String family, @PathParam("run") String run,
                             @QueryParam("lab") String lab) {
        return forecasts.decay(access.lab(lab), Queries.name("family", family), Queries.run(run));
    }
}
