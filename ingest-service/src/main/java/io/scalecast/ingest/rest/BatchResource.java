package io.scalecast.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalecast.auth.Caller;
import io.scalecast.auth.Role;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.contracts.event.InvalidEventException;
import io.scalecast.contracts.event.Observation;
import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.messaging.EventPublisher;
import io.scalecast.ingest.service.EventParser;
import io.scalecast.ingest.service.FamilyLimitService.Point;
import io.scalecast.ingest.service.FamilyLimitService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
    private final EventPublisher publisher;
    private final IngestConfig config;
    private final LabAccess access;
    private final FamilyLimitService limits;

    public BatchResource(EventParser parser, EventPublisher publisher, IngestConfig config, LabAccess access,
                         FamilyLimitService limits) {
        this.parser = parser;
        this.publisher = publisher;
        this.config = config;
        this.access = access;
        this.limits = limits;
    }

    @POST
    @Path("/checkpoints")
    @Operation(summary = "Publish a batch of CheckpointEvents to scalecast.checkpoints (all or nothing)")
    public Response checkpoints(String body) {
        List<Map.Entry<String, String>> records = validate(Observation.CHECKPOINT, body,
                node -> Point.of(parser.checkpoint(node)));
        publisher.publishCheckpoints(records, config.publishTimeoutSeconds());
        return Response.accepted(new BatchAccepted(records.size())).build();
    }

    @POST
    @Path("/evals")
    @Operation(summary = "Publish a batch of EvalEvents to scalecast.evals (all or nothing)")
    public Response evals(String body) {
        List<Map.Entry<String, String>> records = validate(Observation.EVAL, body,
                node -> Point.of(parser.eval(node)));
        publisher.publishEvals(records, config.publishTimeoutSeconds());
        return Response.accepted(new BatchAccepted(records.size())).build();
    }

    /**
     * Validates every item, its lab and its family's limits first, so that one bad item publishes nothing; returns
     * (key, JSON) pairs.
     */
    private List<Map.Entry<String, String>> validate(String kind, String body, Function<JsonNode, Point> validItem) {
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
        Caller caller = access.caller();
        List<Map.Entry<String, String>> records = new ArrayList<>(root.size());
        List<Point> points = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            // The key decides the lab, as for queries: an event that names none is the key's lab's.
            if (!caller.anyLab() && node.isObject() && !node.hasNonNull("lab")) {
                ((ObjectNode) node).put("lab", caller.lab());
            }
            Point item;
            try {
                item = validItem.apply(node);
            } catch (InvalidEventException e) {
                throw BatchRefusals.invalid(i, e);
            }
            if (!caller.actsFor(item.lab())) {
                throw BatchRefusals.wrongLab(i, item.lab(), caller.lab());
            }
            records.add(Map.entry(item.lab() + "/" + item.family(), parser.write(node)));
            points.add(item);
        }
        limits.checkBatch(kind, points).ifPresent(r -> {
            throw BatchRefusals.overLimit(r.index(), r.violation());
        });
        return records;
    }

    /** The answer to an accepted batch. */
    public record BatchAccepted(int accepted) {
    }
}
