package io.scalecast.predict.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.predict.service.Prediction;
import io.scalecast.predict.service.PredictionService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Batch predictions: many (family, N, D) queries of one lab in one request, answered all or none. */
@Path("/api/v1/predictions")
@RequiresRole(Role.READ)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PredictionResource {

    /** The most queries one request may carry. */
    static final int MAX_QUERIES = 1000;

    private final PredictionService predictions;
    private final LabAccess access;

    public PredictionResource(PredictionService predictions, LabAccess access) {
        this.predictions = predictions;
        this.access = access;
    }

    @POST
    @Operation(summary = "Loss predictions for many (family, params, tokens) queries, each as the single endpoint")
    public Answers predict(Request request) {
        if (request == null) {
            throw RefusedException.badField("body", "is required: {\"lab\": ..., \"queries\": [...]}");
        }
        String lab = access.lab(request.lab());
        List<Query> queries = request.queries();
        if (queries == null || queries.isEmpty()) {
            throw RefusedException.badField("queries", "is required and must not be empty");
        }
        if (queries.size() > MAX_QUERIES) {
            throw RefusedException.badField("queries", "carries " + queries.size() + " queries; the limit is "
                    + MAX_QUERIES);
        }
        List<Prediction> out = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            out.add(answer(lab, queries.get(i), "queries[" + i + "]"));
        }
        return new Answers(out);
    }

    private Prediction answer(String lab, Query q, String where) {
        try {
            if (q == null) {
                throw RefusedException.badField("query", "must be an object");
            }
            return predictions.predict(lab, Queries.name("family", q.family()), Queries.law(q.law()),
                    Queries.positive("params", q.params()), Queries.positive("tokens", q.tokens()));
        } catch (RefusedException e) {
            throw e.at(where);
        }
    }

    /**
     * A batch of queries.
     *
     * @param lab the lab whose families are queried; the key's own when absent
     * @param queries the queries, at most {@value #MAX_QUERIES}
     */
    public record Request(String lab, List<Query> queries) {
    }

    /**
     * One query.
     *
     * @param family the family
     * @param params N
     * @param tokens D
     * @param law the law, chinchilla when absent
     */
    public record Query(String family, Double params, Double tokens, String law) {
    }

    /**
     * The answers, in the order of the queries.
     *
     * @param predictions one prediction per query
     */
    public record Answers(List<Prediction> predictions) {
    }
}
