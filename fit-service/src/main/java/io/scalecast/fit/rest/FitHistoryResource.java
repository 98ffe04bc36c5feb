package io.scalecast.fit.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.fit.model.FitResultRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Shows a family's fit history, including fits that failed and why. */
@Path("/api/v1/families/{family}/fits")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class FitHistoryResource {

    private final FitResultRepository results;
    private final LabAccess access;

    public FitHistoryResource(FitResultRepository results, LabAccess access) {
        this.results = results;
        this.access = access;
    }

    @GET
    @Operation(summary = "The family's fits, newest first")
    public List<FitSummary> history(@PathParam("family") String family, @QueryParam("lab") String requested) {
        String lab = access.lab(requested);
        List<FitSummary> fits = results.history(lab, family).stream()
                .map(r -> new FitSummary(r.law, r.version, r.dataVersion, r.status, r.reason, r.objective,
                        r.fittedAt.toString(), r.fittedBy, r.search, r.searchReason))
                .toList();
        if (fits.isEmpty()) {
            throw RefusedException.notFound("no fits for family '" + family + "' of lab '" + lab + "'");
        }
        return fits;
    }

    /**
     * One fit of the history.
     *
     * @param law the law kind
     * @param version the law version
     * @param dataVersion the family data version it saw
     * @param status ok or failed
     * @param reason why it failed, if it did
     * @param objective the objective at the optimum
     * @param fittedAt when
     * @param fittedBy the fit-service instance that ran it (process@host)
     * @param search full (the multi-start grid) or warm (from the previous version), null when nothing was fitted
     * @param searchReason why the full search ran, or null
     */
    public record FitSummary(String law, long version, long dataVersion, String status, String reason,
                             Double objective, String fittedAt, String fittedBy, String search,
                             String searchReason) {
    }
}
