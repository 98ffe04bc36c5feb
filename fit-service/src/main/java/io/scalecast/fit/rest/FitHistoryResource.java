package io.scalecast.fit.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.contracts.rest.FitHistoryEntry;
import io.scalecast.fit.model.FitResult;
import io.scalecast.fit.model.FitResultRepository;
import io.scalecast.fit.service.StoredJson;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Shows a family's fit history, including fits that failed and why, with each published law's figures. */
@Path("/api/v1/families/{family}/fits")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class FitHistoryResource {

    private final FitResultRepository results;
    private final LabAccess access;
    private final StoredJson json;

    public FitHistoryResource(FitResultRepository results, LabAccess access, StoredJson json) {
        this.results = results;
        this.access = access;
        this.json = json;
    }

    @GET
    @Operation(summary = "The family's fits, newest first, with each published law's parameters, intervals and"
            + " watermark")
    public List<FitHistoryEntry> history(@PathParam("family") String family, @QueryParam("lab") String requested,
                                         @Parameter(description = "only this law kind, e.g. chinchilla")
                                         @QueryParam("law") String law,
                                         @Parameter(description = "only versions below this one: the next page")
                                         @QueryParam("before") Long before,
                                         @Parameter(description = "at most this many fits, 1 to 1000")
                                         @QueryParam("limit") @DefaultValue("100") int limit) {
        RefusedException.requireWithin("limit", limit, 1, FitHistoryEntry.MAX_PAGE);
        String lab = access.lab(requested);
        List<FitHistoryEntry> fits = results.page(lab, family, law, before, limit).stream().map(this::entry)
                .toList();
        if (fits.isEmpty() && before == null) {
            throw RefusedException.notFound("no " + (law == null ? "" : law + " ") + "fits for family '" + family
                    + "' of lab '" + lab + "'");
        }
        return fits;
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "One published version of the family's law as it was published, with its bootstrap draws,"
            + " while fit-service keeps it (the newest versions of each law)")
    public FittedLaw version(@PathParam("family") String family, @PathParam("version") long version,
                             @QueryParam("lab") String requested,
                             @Parameter(description = "the law kind (default chinchilla)") @QueryParam("law")
                             @DefaultValue(FittedLaw.CHINCHILLA) String law) {
        String lab = access.lab(requested);
        FitResult fit = results.version(lab, family, law, version).orElseThrow(() -> RefusedException.notFound(
                "family '" + family + "' of lab '" + lab + "' has no " + law + " fit of version " + version));
        if (!FitResult.OK.equals(fit.status)) {
            throw RefusedException.notFound("version " + version + " of the " + law + " law of family '" + family
                    + "' was not published: " + fit.status + (fit.reason == null ? "" : " (" + fit.reason + ")"));
        }
        if (fit.payload == null) {
            throw RefusedException.notFound("version " + version + " of the " + law + " law of family '" + family
                    + "' is no longer kept whole: fit-service keeps each law's newest versions (the history still"
                    + " lists its figures)");
        }
        return json.read(fit.payload, FittedLaw.class);
    }

    private FitHistoryEntry entry(FitResultRepository.HistoryRow r) {
        return new FitHistoryEntry(r.law(), r.version(), r.dataVersion(), r.status(), r.reason(), r.objective(),
                r.fittedAt().toString(), r.fittedBy(), r.search(), r.searchReason(),
                r.figures() == null ? null : json.read(r.figures(), FitHistoryEntry.Figures.class));
    }
}
