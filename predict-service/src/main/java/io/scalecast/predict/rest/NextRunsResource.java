package io.scalecast.predict.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.core.plan.Candidates;
import io.scalecast.predict.service.NextRunsAnswer;
import io.scalecast.predict.service.NextRunsService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Which runs to train next: candidate runs ranked by the expected narrowing of a target's interval per FLOP. */
@Path("/api/v1/families/{family}/next-runs")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class NextRunsResource {

    /** The most ranked candidates one answer lists. */
    static final int MAX_LIMIT = 200;

    private final NextRunsService plans;
    private final LabAccess access;

    public NextRunsResource(NextRunsService plans, LabAccess access) {
        this.plans = plans;
        this.access = access;
    }

    @GET
    @Operation(summary = "Candidate runs (N, D) ranked by how much each is expected to narrow the 95% interval of"
            + " the loss at a target (N and D, or a FLOP budget's compute-optimal point) per FLOP, each with its"
            + " cost, the width after and why it ranks there")
    public NextRunsAnswer nextRuns(@PathParam("family") String family, @QueryParam("lab") String lab,
                                   @Parameter(description = "the target's N, with tokens") @QueryParam("params")
                                   String params,
                                   @Parameter(description = "the target's D, with params") @QueryParam("tokens")
                                   String tokens,
                                   @Parameter(description = "or a FLOP budget whose compute-optimal point is the"
                                           + " target") @QueryParam("flops") String flops,
                                   @Parameter(description = "the runs the lab can train as N:D pairs, comma-separated"
                                           + " (at most " + Candidates.MAX + "); default: each observed size, 2x and"
                                           + " 4x it, at 5, 10, 20, 40 and 80 tokens per parameter")
                                   @QueryParam("candidates") String candidates,
                                   @Parameter(description = "the most FLOPs (6ND) one candidate may cost")
                                   @QueryParam("budget") String budget,
                                   @Parameter(description = "fitted checkpoints per candidate, 1 to 100; default: as"
                                           + " many as the family's runs keep, at most " + Candidates.MAX_CHECKPOINTS)
                                   @QueryParam("checkpoints") String checkpoints,
                                   @Parameter(description = "candidates to list, 1 to " + MAX_LIMIT + "; default 10")
                                   @QueryParam("limit") String limit,
                                   @Parameter(description = "the law: chinchilla (default) or overtraining")
                                   @QueryParam("law") String law) {
        return plans.plan(access.lab(lab), Queries.name("family", family), Queries.law(law),
                target(params, tokens, flops), candidates(candidates),
                budget == null ? null : Queries.positive("budget", budget),
                checkpoints == null ? null : Queries.integer("checkpoints", checkpoints, 1, 100),
                limit == null ? 10 : Queries.integer("limit", limit, 1, MAX_LIMIT));
    }

    private static NextRunsService.Target target(String params, String tokens, String flops) {
        if (flops != null) {
            if (params != null || tokens != null) {
                throw RefusedException.badField("flops", "give either flops, or params and tokens, not both");
            }
            return new NextRunsService.Target(null, null, Queries.positive("flops", flops));
        }
        if (params == null && tokens == null) {
            throw RefusedException.badField("params", "is required with tokens (or give flops)");
        }
        return new NextRunsService.Target(Queries.positive("params", params), Queries.positive("tokens", tokens),
                null);
    }

    private static List<double[]> candidates(String list) {
        if (list == null) {
            return null;
        }
        try {
            return Candidates.parse(list);
        } catch (IllegalArgumentException e) {
            throw RefusedException.badField("candidates", e.getMessage());
        }
    }
}
