package io.scalecast.fit.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.fit.service.FamilyConfigService;
import io.scalecast.fit.service.FamilySettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A family's fit configuration: token cut, loss metric, pinned or borrowed parameters, bootstrap size, runs left out.
 * Any key of the lab reads it; only an admin key changes it.
 */
@Path("/api/v1/families/{family}/config")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FamilyConfigResource {

    private final FamilyConfigService configs;
    private final LabAccess access;

    public FamilyConfigResource(FamilyConfigService configs, LabAccess access) {
        this.configs = configs;
        this.access = access;
    }

    @GET
    @RequiresRole(Role.READ)
    @Operation(summary = "The configuration the family is fitted with (the service defaults until one is stored)")
    public View get(@PathParam("family") String family, @QueryParam("lab") String lab) {
        return view(family, configs.get(access.lab(lab), name("family", family)));
    }

    @PUT
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Replaces the family's configuration (absent fields take the defaults) and refits it")
    public View put(@PathParam("family") String family, @QueryParam("lab") String lab, Request request) {
        String ofLab = access.writableLab(lab, "lab");
        if (request == null) {
            throw RefusedException.badField("body", "is required");
        }
        if (request.bootstrapResamples() != null && request.bootstrapResamples() < 0) {
            throw RefusedException.badField("bootstrapResamples", "must be >= 0, was " + request.bootstrapResamples());
        }
        if (request.excludeRuns() != null && request.excludeRuns().contains(null)) {
            throw RefusedException.badField("excludeRuns", "must hold run names, has null");
        }
        Borrow b = request.borrow();
        FamilySettings wanted = new FamilySettings(request.metric(), request.tokenCut(),
                request.pinned() == null ? Map.of() : request.pinned(), b == null ? null : b.family(),
                b == null ? null : b.mode(), request.bootstrapResamples() == null ? -1 : request.bootstrapResamples(),
                request.excludeRuns() == null ? Set.of() : new TreeSet<>(request.excludeRuns()), request.targetLoss());
        return view(family, configs.put(ofLab, name("family", family), wanted));
    }

    private static String name(String field, String value) {
        if (value == null || !EventValidator.NAME.matcher(value).matches()) {
            throw RefusedException.badField(field, "is required and must match " + EventValidator.NAME.pattern());
        }
        return value;
    }

    private static View view(String family, FamilyConfigService.Stored s) {
        FamilySettings f = s.settings();
        return new View(family, f.metric(), f.tokenCut(), f.pinned(),
                f.borrowFrom() == null ? null : new Borrow(f.borrowFrom(), f.borrowMode()), f.bootstrapResamples(),
                new TreeSet<>(f.excludeRuns()), f.targetLoss(), s.stored(), s.updatedAt());
    }

    /**
     * A new configuration; every field is optional.
     *
     * @param metric the checkpoint metric fitted as the loss
     * @param tokenCut {@code hitchhiker}, {@code none} or a token count
     * @param pinned parameters held fixed by name (A, B, E, alpha, beta)
     * @param borrow the family whose law lends A and α
     * @param bootstrapResamples run-bootstrap resamples, 0 for none
     * @param excludeRuns runs left out of every fit of the family
     * @param targetLoss the loss its runs' forecast ends are held to: a forecast end above it is a {@code target}
     *     alert
     */
    public record Request(String metric, String tokenCut, Map<String, Double> pinned, Borrow borrow,
                          Integer bootstrapResamples, List<String> excludeRuns, Double targetLoss) {
    }

    /**
     * Borrowing from another family of the same lab (the Hitchhiker's guide for families with 1 or 2 sizes).
     *
     * @param family the donor family
     * @param mode {@code pin} holds the donor's A and α; {@code prior} adds Gaussian priors from its bootstrap draws
     */
    public record Borrow(String family, String mode) {
    }

    /**
     * The configuration in force.
     *
     * @param family the family
     * @param metric the loss metric
     * @param tokenCut the early-checkpoint rule
     * @param pinned pinned parameters
     * @param borrow borrowing, or null
     * @param bootstrapResamples run-bootstrap resamples
     * @param excludeRuns runs left out of every fit
     * @param targetLoss the loss its runs' forecast ends are held to, or null
     * @param stored whether the family has its own configuration
     * @param updatedAt when it last changed, or null
     */
    public record View(String family, String metric, String tokenCut, Map<String, Double> pinned, Borrow borrow,
                       int bootstrapResamples, Set<String> excludeRuns, Double targetLoss, boolean stored,
                       String updatedAt) {
    }
}
