package io.scalecast.eval.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.eval.model.MapFit;
import io.scalecast.eval.model.MapFitRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Shows a family's map history: every map fitted, and every benchmark left without one with the reason. */
@Path("/api/v1/families/{family}/maps")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class MapHistoryResource {

    private final MapFitRepository fits;
    private final LabAccess access;

    public MapHistoryResource(MapFitRepository fits, LabAccess access) {
        this.fits = fits;
        this.access = access;
    }

    @GET
    @Operation(summary = "The family's maps, newest first, with the reason a benchmark has none (too few models, ...)")
    public List<MapSummary> history(@PathParam("family") String family, @QueryParam("lab") String requested,
                                    @QueryParam("benchmark") String benchmark) {
        String lab = access.lab(requested);
        List<MapSummary> maps = fits.history(lab, family, benchmark).stream().map(MapSummary::of).toList();
        if (maps.isEmpty()) {
            throw RefusedException.notFound("no maps for family '" + family + "' of lab '" + lab + "'"
                    + (benchmark == null ? "" : " and benchmark '" + benchmark + "'"));
        }
        return maps;
    }

    /**
     * One fit of a benchmark's map.
     *
     * @param benchmark the benchmark or named average
     * @param version the map's version
     * @param status ok (published) or skipped
     * @param reason why no map was published, or null
     * @param form exponential or sigmoid, for a published map
     * @param reliable whether the published map is reliable (its reasons are on the map itself)
     * @param fittedAt when
     */
    public record MapSummary(String benchmark, long version, String status, String reason, String form,
                             Boolean reliable, String fittedAt) {

        static MapSummary of(MapFit f) {
            return new MapSummary(f.benchmark, f.version, f.status, f.reason, f.form, f.reliable,
                    f.fittedAt.toString());
        }
    }
}
