package io.scalecast.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.InvalidEventException;
import io.scalecast.contracts.event.RunPlan;
import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.messaging.EventPublisher;
import io.scalecast.ingest.service.BatchRefusals;
import io.scalecast.ingest.service.EventParser;
import io.scalecast.ingest.service.RunPlanService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Declares a run's plan (its learning-rate schedule to the planned end) and reads the stored one back. A PUT is
 * validated field by field, schedule descriptor included, then published to {@code scalecast.runs} like a plan a lab
 * sends over Kafka, so both paths store and revise plans the same way.
 */
@Path("/api/v1/families/{family}/runs/{run}/plan")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RunPlanResource {

    private final EventParser parser;
    private final EventPublisher publisher;
    private final IngestConfig config;
    private final LabAccess access;
    private final RunPlanService plans;

    public RunPlanResource(EventParser parser, EventPublisher publisher, IngestConfig config, LabAccess access,
                           RunPlanService plans) {
        this.parser = parser;
        this.publisher = publisher;
        this.config = config;
        this.access = access;
        this.plans = plans;
    }

    @PUT
    @RequiresRole(Role.WRITE)
    @Operation(summary = "Declare a run's plan: a schedule descriptor (its steps= is the planned end), optional "
            + "params, tokensPerStep and time; published to scalecast.runs, stored as the run's next revision")
    public Response put(@PathParam("family") String family, @PathParam("run") String run,
                        @QueryParam("lab") String lab, String body) {
        ObjectNode node = body(body);
        String planLab = access.writableLab(lab != null ? lab : text(node, "lab"), "lab");
        samePath(node, "family", family);
        samePath(node, "run", run);
        node.put("lab", planLab).put("family", family).put("run", run);
        if (!node.has("schemaVersion")) {
            node.put("schemaVersion", EventValidator.SCHEMA_VERSION);
        }
        node.remove("revision");
        node.remove("acceptedAt");
        RunPlan plan;
        try {
            plan = parser.plan(node);
        } catch (InvalidEventException e) {
            throw BatchRefusals.invalid(null, e);
        }
        publisher.publishPlan(plan.inputKey(), parser.write(node), config.publishTimeoutSeconds());
        return Response.accepted(plan).build();
    }

    @GET
    @RequiresRole(Role.READ)
    @Operation(summary = "The run's stored plan with its revision")
    public RunPlan get(@PathParam("family") String family, @PathParam("run") String run,
                       @QueryParam("lab") String lab) {
        String planLab = access.lab(lab);
        return plans.find(planLab, family, run).orElseThrow(() -> RefusedException.notFound(
                "run '" + run + "' of family '" + family + "' has no plan"));
    }

    private ObjectNode body(String body) {
        JsonNode root;
        try {
            root = parser.tree(body == null || body.isBlank() ? "null" : body);
        } catch (InvalidEventException e) {
            throw BatchRefusals.invalid(null, e);
        }
        if (root == null || !root.isObject()) {
            throw BatchRefusals.malformed("$", "the body must be a JSON object with at least a schedule, such as "
                    + "{\"schedule\": \"cosine,peak=3e-4,final=3e-5,steps=24000,warmup=2000\"}");
        }
        return (ObjectNode) root;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** A 400 when the body names another family or run than the path. */
    private static void samePath(JsonNode node, String field, String expected) {
        String given = text(node, field);
        if (node.has(field) && !expected.equals(given)) {
            throw RefusedException.badField(field, "the body says '" + node.get(field) + "' but the path says '"
                    + expected + "'");
        }
    }
}
