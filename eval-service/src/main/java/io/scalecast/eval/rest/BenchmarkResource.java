package io.scalecast.eval.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.eval.service.BenchmarkSummary;
import io.scalecast.eval.service.EvalPointService;
import io.scalecast.eval.service.EvalPointView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What eval-service holds per family and benchmark. */
@Path("/api/v1/families/{family}/benchmarks")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class BenchmarkResource {

    private final EvalPointService evals;
    private final LabAccess access;

    public BenchmarkResource(EvalPointService evals, LabAccess access) {
        this.evals = evals;
        this.access = access;
    }

    @GET
    @Operation(summary = "The family's benchmarks with result counts and value ranges")
    public List<BenchmarkSummary> benchmarks(@PathParam("family") String family,
                                             @QueryParam("lab") String requested) {
        String lab = access.lab(requested);
        List<BenchmarkSummary> out = evals.benchmarks(lab, family);
        if (out.isEmpty()) {
            throw RefusedException.notFound("no evaluation results for family '" + family + "' of lab '" + lab + "'");
        }
        return out;
    }

    @GET
    @Path("/{benchmark}")
    @Operation(summary = "The results of one benchmark, ready to plot")
    public List<EvalPointView> points(@PathParam("family") String family, @PathParam("benchmark") String benchmark,
                                      @QueryParam("lab") String lab) {
        List<EvalPointView> out = evals.points(access.lab(lab), family, benchmark);
        if (out.isEmpty()) {
            throw RefusedException.notFound("no results for benchmark '" + benchmark + "' of family '" + family + "'");
        }
        return out;
    }
}
