package io.scalecast.support.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.support.outbox.Outbox;
import io.scalecast.support.recovery.RepublishScope;
import io.scalecast.support.recovery.TopicRecoveryService.Republished;
import io.scalecast.support.recovery.TopicRecoveryService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Sends the rows this service owns to their topic again on an operator's request ({@code ./scalecast admin
 * republish}), and tells how many of the records queued are not sent yet.
 */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.ADMIN)
public class RepublishResource {

    private final TopicRecoveryService recovery;
    private final Outbox outbox;
    private final LabAccess access;

    public RepublishResource(TopicRecoveryService recovery, Outbox outbox, LabAccess access) {
        this.recovery = recovery;
        this.outbox = outbox;
        this.access = access;
    }

    @POST
    @Path("/republish")
    @Operation(summary = "Queue the latest event of every stored row of a kind (keys, plans, observations, laws, maps) in "
            + "the lab (every lab for the operator) or one family again; the answer names the outbox ids to follow")
    public Republished republish(@QueryParam("what") String what, @QueryParam("lab") String lab,
                                 @QueryParam("family") String family) {
        if (what == null || recovery.find(what).isEmpty()) {
            throw RefusedException.badField("what", "this service republishes " + recovery.whats() + ", was "
                    + (what == null ? "missing" : "'" + what + "'"));
        }
        String ofLab = access.labOrEvery(lab);
        if (family != null && !EventValidator.NAME.matcher(family).matches()) {
            throw RefusedException.badField("family", "must match " + EventValidator.NAME.pattern() + ", was '"
                    + family + "'");
        }
        if (family != null && ofLab == null) {
            throw RefusedException.badField("lab", "is required with family");
        }
        return recovery.republish(what, new RepublishScope(ofLab, family));
    }

    @GET
    @Path("/outbox")
    @Operation(summary = "How many outbox records with ids from..to are not sent to the broker yet")
    public Pending pending(@QueryParam("from") Long from, @QueryParam("to") Long to) {
        if (from == null) {
            throw RefusedException.badField("from", "is required (an outbox id)");
        }
        if (to == null || to < from) {
            throw RefusedException.badField("to", "must be an outbox id at least from (" + from + ")");
        }
        return new Pending(from, to, outbox.pending(from, to));
    }

    /**
     * Records of an id range not sent yet.
     *
     * @param from the first id
     * @param to the last id
     * @param pending how many are still to be sent
     */
    public record Pending(long from, long to, long pending) {
    }
}
