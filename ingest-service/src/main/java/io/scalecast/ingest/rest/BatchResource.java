package io.scalecast.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalecast.auth.Role;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.contracts.event.InvalidEventException;
import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.service.BatchIntake;
import io.scalecast.ingest.service.BatchRefusals;
import io.scalecast.ingest.service.EventParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Accepts batches of events over HTTP for labs without a Kafka client: all or nothing, and a 400 names the index
 * and field of the first bad item. A write key may only send events of its own lab.
 */
@Path("/api/v1")
@RequiresRole(Role.WRITE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private final EventParser parser;
    private final BatchIntake intake;
    private final IngestConfig config;
    private final LabAccess access;

    public BatchResource(EventParser parser, BatchIntake intake, IngestConfig config, LabAccess access) {
        this.parser = parser;
        this.intake = intake;
        this.config = config;
        this.access = access;
    }

    @POST
    @Path("/checkpoints")
    @Operation(summary = "Publish a batch of CheckpointEvents to scalecast.checkpoints (all or nothing)")
    public Response checkpoints(String body) {
        return accepted(intake.checkpoints(items(body), access.caller()));
    }

    @POST
    @Path("/evals")
    @Operation(summary = "Publish a batch of EvalEvents to scalecast.evals (all or nothing)")
    public Response evals(String body) {
        return accepted(intake.evals(items(body), access.caller()));
    }

    private Response accepted(BatchIntake.Prepared batch) {
        return Response.accepted(new BatchAccepted(intake.publish(batch))).build();
    }

    /** The items of a batch body: a non-empty JSON array within the size limit. */
    private List<JsonNode> items(String body) {
        JsonNode root;
        try {
            root = parser.tree(body);
        } catch (InvalidEventException e) {
            throw BatchRefusals.invalid(null, e);
        }
        if (root == null || !root.isArray()) {
            throw BatchRefusals.malformed("$", "the body must be a JSON array of events");
        }
        if (root.isEmpty()) {
            throw BatchRefusals.malformed("$", "the batch is empty");
        }
        if (root.size() > config.maxBatchSize()) {
            throw BatchRefusals.tooLarge(root.size(), config.maxBatchSize());
        }
        List<JsonNode> items = new ArrayList<>(root.size());
        root.forEach(items::add);
        return items;
    }

    /** The answer to an accepted batch. */
    public record BatchAccepted(int accepted) {
    }
}
