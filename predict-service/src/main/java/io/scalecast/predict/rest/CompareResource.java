package io.scalecast.predict.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.predict.service.CompareService;
import io.scalecast.predict.service.Comparison;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Whether two families' laws differ at a target, and which scales better. */
@Path("/api/v1/compare")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class CompareResource {

    private final CompareService comparisons;
    private final LabAccess access;

    public CompareResource(CompareService comparisons, LabAccess access) {
        this.comparisons = comparisons;
        this.access = access;
    }

    @GET
    @Operation(summary = "Two families' laws at a target: the loss difference with its 95% interval over paired"
            + " bootstrap draws, a test of equal exponents, the call in words (which scales better and from what N,"
            + " or that the data cannot tell) and, with a benchmark, the difference in predicted error")
    public Comparison compare(@QueryParam("lab") String lab,
                              @Parameter(description = "two families, the baseline first, e.g. base,recipe")
                              @QueryParam("families") String families,
                              @Parameter(description = "the target's N") @QueryParam("params") String params,
                              @Parameter(description = "the target's D") @QueryParam("tokens") String tokens,
                              @Parameter(description = "a benchmark both families map, e.g. avg17")
                              @QueryParam("benchmark") String benchmark,
                              @Parameter(description = "the law: chinchilla (default) or overtraining")
                              @QueryParam("law") String law) {
        String[] pair = pair(families);
        return comparisons.compare(access.lab(lab), pair[0], pair[1], Queries.law(law),
                Queries.positive("params", params), Queries.positive("tokens", tokens),
                benchmark == null ? null : Queries.name("benchmark", benchmark));
    }

    /** Exactly two different family names. */
    private static String[] pair(String families) {
        if (families == null || families.isBlank()) {
            throw RefusedException.badField("families", "is required: two families, the baseline first, e.g."
                    + " families=base,recipe");
        }
        String[] names = families.split(",", -1);
        if (names.length != 2) {
            throw RefusedException.badField("families", "must name exactly two families, was " + names.length);
        }
        String first = Queries.name("families", names[0].trim());
        String second = Queries.name("families", names[1].trim());
        if (first.equals(second)) {
            throw RefusedException.badField("families", "names '" + first + "' twice; a family's law compared with"
                    + " itself differs by nothing");
        }
        return new String[] {first, second};
    }
}
