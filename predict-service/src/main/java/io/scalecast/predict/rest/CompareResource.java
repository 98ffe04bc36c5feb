package io.scalecast.predict.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.predict.service.CompareService;
import io.scalecast.predict.service.Comparison;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Whether two families' laws (or two versions of one family's law) differ at a target, and which scales better. */
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
    @Operation(summary = "Two families' laws (or two versions of one family's law) at a target: the loss difference"
            + " with its 95% interval over paired bootstrap draws, a test of equal exponents, the call in words (which"
            + " scales better and from what N, or that the data cannot tell) and, for two families with a benchmark,"
            + " the difference in predicted error")
    public Comparison compare(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @QueryParam("lab") String lab,
                              @Parameter(description = "two families, the baseline first, e.g. base,recipe; or one"
                                      + " family with versions") @QueryParam("families") String families,
                              @Parameter(description = "two published versions of the one family's law, the"
                                      + " baseline first, e.g. 3,7") @QueryParam("versions") String versions,
                              @Parameter(description = "the target's N") @QueryParam("params") String params,
                              @Parameter(description = "the target's D") @QueryParam("tokens") String tokens,
                              @Parameter(description = "a benchmark both families map, e.g. avg17")
                              @QueryParam("benchmark") String benchmark,
                              @Parameter(description = "the law: chinchilla (default) or overtraining")
                              @QueryParam("law") String law) {
        if (versions != null) {
            if (benchmark != null) {
                throw RefusedException.badField("benchmark", "compares two families' current maps; it cannot be"
                        + " given with versions");
            }
            long[] pair = versions(versions);
            return comparisons.compareVersions(authorization, access.lab(lab), one(families), Queries.law(law),
                    pair[0], pair[1], Queries.positive("params", params), Queries.positive("tokens", tokens));
        }
        String[] pair = pair(families);
        return comparisons.compare(access.lab(lab), pair[0], pair[1], Queries.law(law),
                Queries.positive("params", params), Queries.positive("tokens", tokens),
                benchmark == null ? null : Queries.name("benchmark", benchmark));
    }

    /** Exactly two different family names. */
    private static String[] pair(String families) {
        String[] names = names(families);
        if (names.length != 2) {
            throw RefusedException.badField("families", "must name exactly two families (or one, with versions), was "
                    + names.length);
        }
        String first = Queries.name("families", names[0].trim());
        String second = Queries.name("families", names[1].trim());
        if (first.equals(second)) {
            throw RefusedException.badField("families", "names '" + first + "' twice; to compare two versions of"
                    + " its law, name it once with versions=OLD,NEW");
        }
        return new String[] {first, second};
    }

    /** The one family whose versions are compared. */
    private static String one(String families) {
        String[] names = names(families);
        if (names.length != 1) {
            throw RefusedException.badField("families", "must name one family with versions, was " + names.length);
        }
        return Queries.name("families", names[0].trim());
    }

    private static String[] names(String families) {
        if (families == null || families.isBlank()) {
            throw RefusedException.badField("families", "is required: two families, the baseline first, e.g."
                    + " families=base,recipe (or one, with versions)");
        }
        return families.split(",", -1);
    }

    /** Two different published versions, each a whole number of at least 1. */
    private static long[] versions(String versions) {
        String[] parts = versions.split(",", -1);
        if (parts.length != 2) {
            throw RefusedException.badField("versions", "must name exactly two versions, e.g. versions=3,7, was '"
                    + versions + "'");
        }
        long first = Queries.integer("versions", parts[0].trim(), 1, Integer.MAX_VALUE);
        long second = Queries.integer("versions", parts[1].trim(), 1, Integer.MAX_VALUE);
        if (first == second) {
            throw RefusedException.badField("versions", "names version " + first + " twice");
        }
        return new long[] {first, second};
    }
}
