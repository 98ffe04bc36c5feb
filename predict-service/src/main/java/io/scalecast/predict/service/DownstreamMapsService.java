package io.scalecast.predict.service;

import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.event.DownstreamLaw;
import io.scalecast.core.fit.DownstreamUncertainty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Draws a family's loss-to-error maps for plots, each with its models and, at a target, the chained prediction. */
@ApplicationScoped
public class DownstreamMapsService {

    /** How far the drawn map reaches past its models' losses on either side, as a fraction of their range. */
    static final double MARGIN = 0.1;

    private final DownstreamStore maps;
    private final PredictionService predictions;

    public DownstreamMapsService(DownstreamStore maps, PredictionService predictions) {
        this.maps = maps;
        this.predictions = predictions;
    }

    /**
     * Every map of the family with {@code steps} points across its models' losses; with a target (params and tokens
     * both non-null) also the chained prediction there, and the curve reaching its loss. 404 without any map.
     */
    public DownstreamMaps maps(String lab, String family, String law, Double params, Double tokens, int steps) {
        List<DownstreamLaw> held = maps.family(lab, family).stream()
                .sorted(Comparator.comparing((DownstreamLaw m) -> !m.benchmark().startsWith("avg"))
                        .thenComparing(DownstreamLaw::benchmark)).toList();
        if (held.isEmpty()) {
            throw RefusedException.notFound("family '" + family + "' of lab '" + lab + "' has no loss-to-error map"
                    + " (yet); GET /api/v1/families/" + family + "/maps on eval-service says why");
        }
        // The loss law's prediction and its draws at the target, once for every benchmark's chained prediction.
        PredictionService.LossAtTarget loss = null;
        String lossRefused = null;
        if (params != null && tokens != null) {
            try {
                loss = predictions.lossAt(lab, family, law, params, tokens);
            } catch (RefusedException e) {
                lossRefused = e.getMessage();
            }
        }
        PredictionService.LossAtTarget atTarget = loss;
        String refusedAll = lossRefused;
        return new DownstreamMaps(family, law, held.stream().map(m -> view(lab, family, m, atTarget, refusedAll,
                steps)).toList());
    }

    private DownstreamMaps.MapView view(String lab, String family, DownstreamLaw map,
                                        PredictionService.LossAtTarget loss, String lossRefused, int steps) {
        DownstreamPrediction target = null;
        String refused = lossRefused;
        if (loss != null) {
            try {
                target = predictions.downstream(lab, family, map.benchmark(), loss);
            } catch (RefusedException e) {
                refused = e.getMessage();
            }
        }
        List<DownstreamLaw.Model> models = map.models() == null ? List.of() : map.models();
        return new DownstreamMaps.MapView(map.benchmark(), map.metric(), map.version(), map.form(), map.params(),
                map.chance(), map.reliable(), map.reasons() == null ? List.of() : map.reasons(), map.heldOut(),
                map.monotonicity(), map.lossLaw(), map.fittedAt(), models,
                curve(map, models, target == null ? null : target.loss().loss(), steps), target, refused);
    }

    /** The map at evenly spaced losses across its models' (and the target's) losses, widened by {@link #MARGIN}. */
    static List<DownstreamMaps.ErrorPoint> curve(DownstreamLaw map, List<DownstreamLaw.Model> models, Double target,
                                                 int steps) {
        double lo = models.stream().mapToDouble(DownstreamLaw.Model::loss).min().orElse(Double.NaN);
        double hi = models.stream().mapToDouble(DownstreamLaw.Model::loss).max().orElse(Double.NaN);
        if (target != null) {
            lo = Double.isNaN(lo) ? target : Math.min(lo, target);
            hi = Double.isNaN(hi) ? target : Math.max(hi, target);
        }
        if (Double.isNaN(lo)) {
            return List.of();
        }
        double margin = MARGIN * Math.max(hi - lo, 0.01 * hi);
        double from = Math.max(lo - margin, 0);
        double to = hi + margin;
        double[] point = DownstreamUncertainty.vector(map.form(), map.params());
        List<double[]> draws = map.draws() == null ? List.of() : map.draws();
        List<DownstreamMaps.ErrorPoint> out = new ArrayList<>(steps);
        for (int k = 0; k < steps; k++) {
            double loss = from + (to - from) * k / (steps - 1);
            Prediction.Band band = PredictionService.interval(draws,
                    d -> DownstreamUncertainty.error(map.form(), d, loss));
            out.add(new DownstreamMaps.ErrorPoint(loss, DownstreamUncertainty.error(map.form(), point, loss),
                    band == null ? null : band.lower(), band == null ? null : band.upper()));
        }
        return out;
    }
}
