package io.scalecast.predict.service;

import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.event.DownstreamLaw;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.fit.DownstreamUncertainty;
import io.scalecast.core.fit.Interval;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.plan.LawComparison;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;

/**
 * Compares two families' current laws (or two kept versions of one family's law) at a target, wiring their published
 * draws and maps into LawComparison.
 */
@ApplicationScoped
public class CompareService {

    /** What a comparison of two versions of one law says about its draws. */
    static final String VERSIONS_NOTE = "the two versions were fitted on shared data, so their draws are dependent;"
            + " the interval and p-values treat them as independent and are wider than the truth (conservative)";

    private final PredictionService predictions;
    private final DownstreamStore maps;
    private final FitQueryService fits;

    public CompareService(PredictionService predictions, DownstreamStore maps, FitQueryService fits) {
        this.predictions = predictions;
        this.maps = maps;
        this.fits = fits;
    }

    /**
     * Compares the laws of kind {@code kind} of {@code first} (the baseline) and {@code second} at (N, D), and their
     * predicted error on {@code benchmark} when it is not null.
     */
    public Comparison compare(String lab, String first, String second, String kind, double params, double tokens,
                              String benchmark) {
        FittedLaw a = predictions.lossLaw(lab, first, kind);
        FittedLaw b = predictions.lossLaw(lab, second, kind);
        Downstream downstream = benchmark == null ? null : new Downstream(maps, lab, benchmark, first, second);
        return compare(kind, new Named(first, a), new Named(second, b), params, tokens, downstream, null);
    }

    /**
     * Compares two published versions of a family's law of kind {@code kind} at (N, D), the older the baseline, as
     * fit-service keeps them (asked with the caller's key).
     */
    public Comparison compareVersions(String authorization, String lab, String family, String kind, long older,
                                      long newer, double params, double tokens) {
        // A 400 for a kind that is no law of N and D, a 404 for a family the lab does not have, before asking.
        predictions.lossLaw(lab, family, kind);
        FittedLaw a = fits.law(authorization, lab, family, kind, older);
        FittedLaw b = fits.law(authorization, lab, family, kind, newer);
        return compare(kind, new Named(family + " v" + older, a), new Named(family + " v" + newer, b), params, tokens,
                null, VERSIONS_NOTE);
    }

    /** A law as the answer's words name it: a family, or a family's version. */
    private record Named(String name, FittedLaw law) {
    }

    private static Comparison compare(String kind, Named first, Named second, double params, double tokens,
                                      Downstream downstream, String note) {
        FittedLaw a = first.law();
        FittedLaw b = second.law();
        ChinchillaLaw lawA = PredictionService.toLaw(a);
        ChinchillaLaw lawB = PredictionService.toLaw(b);
        List<ChinchillaLaw> drawsA = PredictionService.draws(a);
        List<ChinchillaLaw> drawsB = PredictionService.draws(b);
        LawComparison.Result r;
        try {
            r = LawComparison.compare(first.name(), lawA, drawsA, second.name(), lawB, drawsB, params, tokens);
        } catch (IllegalArgumentException e) {
            throw RefusedException.badField("families", e.getMessage() + "; fit-service publishes draws when a"
                    + " family's config keeps its bootstrap on");
        }
        if (!(Double.isFinite(r.lossFirst()) && Double.isFinite(r.lossSecond()))) {
            throw RefusedException.badField("params", "a law gives no finite loss at params=" + params + ", tokens="
                    + tokens);
        }
        return new Comparison(kind, params, tokens, 6 * params * tokens,
                new Comparison.Side(a.family(), a.version(), r.lossFirst(), lawA.alpha(), lawA.beta()),
                new Comparison.Side(b.family(), b.version(), r.lossSecond(), lawB.alpha(), lawB.beta()),
                r.difference(), band(r.interval()), r.differenceP(), r.exponentsChiSquare(), r.exponentsP(),
                r.crossoverParams(), r.untilParams(), r.draws(),
                r.verdict().label(),
                note == null ? r.words() : r.words() + "; " + note, note,
                downstream == null ? null : downstream.of(lawA, drawsA, lawB, drawsB, params, tokens));
    }

    private static Prediction.Band band(Interval interval) {
        return new Prediction.Band(interval.lower(), interval.upper(), LawComparison.LEVEL, Comparison.PAIRED);
    }

    /** The two families' maps of a benchmark, which chain each family's loss draws to its error draws. */
    private static final class Downstream {

        private final String benchmark;
        private final String first;
        private final String second;
        private final DownstreamLaw mapA;
        private final DownstreamLaw mapB;

        Downstream(DownstreamStore maps, String lab, String benchmark, String first, String second) {
            this.benchmark = benchmark;
            this.first = first;
            this.second = second;
            this.mapA = maps.map(lab, first, benchmark).orElseThrow(() -> PredictionService.noMap(lab, first,
                    benchmark));
            this.mapB = maps.map(lab, second, benchmark).orElseThrow(() -> PredictionService.noMap(lab, second,
                    benchmark));
        }

        Comparison.Downstream of(ChinchillaLaw lawA, List<ChinchillaLaw> drawsA, ChinchillaLaw lawB,
                                 List<ChinchillaLaw> drawsB, double params, double tokens) {
            double errorA = error(mapA, DownstreamUncertainty.vector(mapA.form(), mapA.params()),
                    lawA.loss(params, tokens));
            double errorB = error(mapB, DownstreamUncertainty.vector(mapB.form(), mapB.params()),
                    lawB.loss(params, tokens));
            LawComparison.Paired paired = LawComparison.Paired.of(errors(mapA, drawsA, params, tokens),
                    errors(mapB, drawsB, params, tokens));
            if (paired == null || !(Double.isFinite(errorA) && Double.isFinite(errorB))) {
                throw RefusedException.badField("benchmark", "the maps of '" + benchmark + "' give no finite error"
                        + " at params=" + params + ", tokens=" + tokens);
            }
            String what = benchmark + " error";
            return new Comparison.Downstream(benchmark, errorA, errorB, mapA.version(), mapB.version(),
                    errorB - errorA, band(paired.interval()), paired.p(), paired.draws(),
                    paired.words(what, first, second, errorB - errorA));
        }

        /** The family's error draws (PredictionService's pairing of loss and map draws), each cut to [0, 1]. */
        private static double[] errors(DownstreamLaw map, List<ChinchillaLaw> draws, double params, double tokens) {
            double[] losses = draws.stream().mapToDouble(d -> d.loss(params, tokens)).toArray();
            return Arrays.stream(PredictionService.errorDraws(map, losses)).map(Downstream::bounded).toArray();
        }

        /** An error rate lies in [0, 1]: a map extrapolated past its models is cut there, as a prediction is. */
        private static double error(DownstreamLaw map, double[] vector, double loss) {
            return bounded(DownstreamUncertainty.error(map.form(), vector, loss));
        }

        private static double bounded(double error) {
            return Double.isFinite(error) ? Math.min(Math.max(error, 0), 1) : error;
        }
    }
}
