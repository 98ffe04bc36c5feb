package io.scalecast.predict.rest;

import io.scalecast.auth.Role;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.LabAccess;
import io.scalecast.auth.rest.RequiresRole;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.predict.service.ComputeOptimal;
import io.scalecast.predict.service.ComputeOptimalCurve;
import io.scalecast.predict.service.Curve;
import io.scalecast.predict.service.DownstreamMaps;
import io.scalecast.predict.service.DownstreamMapsService;
import io.scalecast.predict.service.DownstreamPrediction;
import io.scalecast.predict.service.FamilyListService;
import io.scalecast.predict.service.FamilySummary;
import io.scalecast.predict.service.Prediction;
import io.scalecast.predict.service.PredictionService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query API over a lab's families and their laws: the key's lab, or the one {@code ?lab=} names. */
@Path("/api/v1/families")
@RequiresRole(Role.READ)
@Produces(MediaType.APPLICATION_JSON)
public class FamilyResource {

    /** The most points one curve may have. */
    static final int MAX_STEPS = 200;

    private static final String LAW = "the law: chinchilla (default) or overtraining (Gadre et al.'s, where the"
            + " family's runs span token multipliers)";

    private final PredictionService predictions;
    private final DownstreamMapsService downstreamMaps;
    private final FamilyListService list;
    private final LabAccess access;

    public FamilyResource(PredictionService predictions, DownstreamMapsService downstreamMaps, FamilyListService list,
                          LabAccess access) {
        this.predictions = predictions;
        this.downstreamMaps = downstreamMaps;
        this.list = list;
        this.access = access;
    }

    @GET
    @Operation(summary = "The lab's families with a law or a run forecast: their run and point counts, law and map"
            + " versions and forecast runs")
    public List<FamilySummary> families(@QueryParam("lab") String lab) {
        return list.families(access.lab(lab));
    }

    @GET
    @Path("/{family}/laws")
    @Operation(summary = "The family's current laws with parameters, diagnostics and the data they saw")
    public List<FittedLaw> laws(@PathParam("family") String family, @QueryParam("lab") String lab) {
        return predictions.laws(access.lab(lab), Queries.name("family", family));
    }

    @GET
    @Path("/{family}/predictions")
    @Operation(summary = "The loss at N parameters and D tokens, with the law version and the extrapolation")
    public Prediction predict(@PathParam("family") String family, @QueryParam("lab") String lab,
                              @Parameter(description = "N, parameters") @QueryParam("params") String params,
                              @Parameter(description = "D, tokens") @QueryParam("tokens") String tokens,
                              @Parameter(description = LAW) @QueryParam("law") String law) {
        return predictions.predict(access.lab(lab), Queries.name("family", family), Queries.law(law),
                Queries.positive("params", params), Queries.positive("tokens", tokens));
    }

    @GET
    @Path("/{family}/curve")
    @Operation(summary = "The law as loss-against-tokens curves with its 95% band, and the observed points, to plot")
    public Curve curve(@PathParam("family") String family, @QueryParam("lab") String lab,
                       @Parameter(description = "model sizes N, comma-separated; default: every observed run's size")
                       @QueryParam("params") String params,
                       @Parameter(description = "the largest D on the curves; default 10x the largest observed D")
                       @QueryParam("tokensMax") String tokensMax,
                       @Parameter(description = "points per curve, 2 to " + MAX_STEPS + "; default 40")
                       @QueryParam("steps") String steps,
                       @Parameter(description = LAW) @QueryParam("law") String law) {
        return predictions.curve(access.lab(lab), Queries.name("family", family), Queries.law(law),
                Queries.positives("params", params),
                tokensMax == null ? null : Queries.positive("tokensMax", tokensMax),
                steps == null ? 40 : Queries.integer("steps", steps, 2, MAX_STEPS));
    }

    @GET
    @Path("/{family}/downstream")
    @Operation(summary = "A benchmark's predicted error at N and D: the loss law chained with the benchmark's"
            + " loss-to-error map, with an interval carrying both and the map's reliability")
    public DownstreamPrediction downstream(@PathParam("family") String family, @QueryParam("lab") String lab,
                                           @Parameter(description = "N, parameters") @QueryParam("params")
                                           String params,
                                           @Parameter(description = "D, tokens") @QueryParam("tokens") String tokens,
                                           @Parameter(description = "the benchmark or named average, e.g. avg17")
                                           @QueryParam("benchmark") String benchmark,
                                           @Parameter(description = LAW) @QueryParam("law") String law) {
        return predictions.downstream(access.lab(lab), Queries.name("family", family), Queries.law(law),
                Queries.name("benchmark", benchmark), Queries.positive("params", params),
                Queries.positive("tokens", tokens));
    }

    @GET
    @Path("/{family}/downstream/maps")
    @Operation(summary = "The family's loss-to-error maps to plot: per benchmark the models, the map across their"
            + " losses with its 95% band, chance, reliability and, with params and tokens, the chained prediction")
    public DownstreamMaps downstreamMaps(@PathParam("family") String family, @QueryParam("lab") String lab,
                                         @Parameter(description = "the target's N, with tokens") @QueryParam("params")
                                         String params,
                                         @Parameter(description = "the target's D, with params")
                                         @QueryParam("tokens") String tokens,
                                         @Parameter(description = "losses per map, 2 to " + MAX_STEPS + "; default 40")
                                         @QueryParam("steps") String steps,
                                         @Parameter(description = LAW) @QueryParam("law") String law) {
        if ((params == null) != (tokens == null)) {
            String missing = params == null ? "params" : "tokens";
            throw RefusedException.badField(missing, "is required with " + (params == null ? "tokens" : "params"));
        }
        return downstreamMaps.maps(access.lab(lab), Queries.name("family", family), Queries.law(law),
                params == null ? null : Queries.positive("params", params),
                tokens == null ? null : Queries.positive("tokens", tokens),
                steps == null ? 40 : Queries.integer("steps", steps, 2, MAX_STEPS));
    }

    @GET
    @Path("/{family}/compute-optimal")
    @Operation(summary = "The compute-optimal N and D for a FLOP budget C = 6ND, and the loss there")
    public ComputeOptimal computeOptimal(@PathParam("family") String family, @QueryParam("lab") String lab,
                                         @Parameter(description = "C, training FLOPs") @QueryParam("flops")
                                         String flops,
                                         @Parameter(description = LAW) @QueryParam("law") String law) {
        return predictions.computeOptimal(access.lab(lab), Queries.name("family", family),
                Queries.law(law), Queries.positive("flops", flops));
    }

    @GET
    @Path("/{family}/compute-optimal/curve")
    @Operation(summary = "The compute-optimal N*, D* and loss across FLOP budgets with their 95% bands, beside the "
            + "frontier power law's loss and the observed checkpoints at 6ND, to plot")
    public ComputeOptimalCurve computeOptimalCurve(
            @PathParam("family") String family, @QueryParam("lab") String lab,
            @Parameter(description = "the smallest budget C; default: the least compute (6ND) an observed checkpoint"
                    + " spent") @QueryParam("flopsMin") String flopsMin,
            @Parameter(description = "the largest budget C; default 100x the most compute an observed checkpoint"
                    + " spent") @QueryParam("flopsMax") String flopsMax,
            @Parameter(description = "budgets, log-spaced, 2 to " + MAX_STEPS + "; default 25")
            @QueryParam("steps") String steps,
            @Parameter(description = LAW) @QueryParam("law") String law) {
        return predictions.computeOptimalCurve(access.lab(lab), Queries.name("family", family), Queries.law(law),
                flopsMin == null ? null : Queries.positive("flopsMin", flopsMin),
                flopsMax == null ? null : Queries.positive("flopsMax", flopsMax),
                steps == null ? 25 : Queries.integer("steps", steps, 2, MAX_STEPS));
    }
}
