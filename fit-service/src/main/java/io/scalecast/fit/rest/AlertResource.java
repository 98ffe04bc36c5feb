package io.scalecast.fit.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.contracts.event.RunAlert;
import io.scalecast.fit.service.AlertService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The incidents of a lab's running runs, as last published (open, or recovered). */
@Path("/api/v1/alerts")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    /** Alerts one request answers, at most. */
    static final int LIMIT = 1000;

    private final AlertService alerts;
    private final LabAccess access;

    public AlertResource(AlertService alerts, LabAccess access) {
        this.alerts = alerts;
        this.access = access;
    }

    @GET
    @Operation(summary = "The lab's incidents raised since then, newest first: a spike, a run off its forecast or"
            + " diverging, a forecast end worse than the family's target, a run silent before its end; each with"
            + " recoveredAt once the run is back")
    public List<RunAlert> alerts(@QueryParam("lab") String lab,
                                 @Parameter(description = "only the alerts of this family")
                                 @QueryParam("family") String family,
                                 @Parameter(description = "ISO-8601 instant; only alerts raised at or after it")
                                 @QueryParam("since") String since) {
        return alerts.since(access.lab(lab), family == null || family.isBlank() ? null : family, since(since), LIMIT);
    }

    private static Instant since(String value) {
        if (value == null || value.isBlank()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw RefusedException.badField("since", "must be an ISO-8601 instant such as 2026-12-04T00:00:00Z,"
                    + " was '" + value + "'");
        }
    }
}
