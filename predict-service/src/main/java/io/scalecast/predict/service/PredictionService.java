package io.scalecast.predict.service;

import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.event.DownstreamLaw;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.fit.DownstreamUncertainty;
import io.scalecast.core.fit.Interval;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.LawCodec;
import io.scalecast.core.law.LawKind;
import io.scalecast.core.law.PowerLaw;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Answers queries from the held laws with the math of scaling-core. */
@ApplicationScoped
public class PredictionService {

    /**
     * The laws of N and D a loss query may name with {@code law=}: each answers in Chinchilla form (its codec's
     * query law), so every query applies to any of them.
     */
    public static final List<String> LOSS_LAWS = LawKind.answering(LawKind.Answers.LOSS_IN_PARAMS_AND_TOKENS);

    private final LawStore store;
    private final DownstreamStore maps;

    public PredictionService(LawStore store, DownstreamStore maps) {
        this.store = store;
        this.maps = maps;
    }

    /** Every current law of a family; 404 when there is none. */
    public List<FittedLaw> laws(String lab, String family) {
        List<FittedLaw> laws = store.family(lab, family);
        if (laws.isEmpty()) {
            throw unknown(lab, family);
        }
        return laws;
    }

    /** The loss at (N, D) of the family's law of kind {@code kind}, one of {@link #LOSS_LAWS}. */
    public Prediction predict(String lab, String family, String kind, double params, double tokens) {
        FittedLaw law = lossLaw(lab, family, kind);
        return predict(family, law, draws(law), params, tokens);
    }

    private static Prediction predict(String family, FittedLaw law, List<ChinchillaLaw> draws, double params,
                                      double tokens) {
        double loss = toLaw(law).loss(params, tokens);
        if (!Double.isFinite(loss)) {
            throw RefusedException.badField("params", "the law gives no finite loss at params=" + params
                    + ", tokens=" + tokens);
        }
        FittedLaw.Watermark w = law.watermark();
        Prediction.Extrapolation x = Prediction.Extrapolation.of(law, params, tokens);
        return new Prediction(family, law.law(), law.version(), params, tokens, 6 * params * tokens, loss,
                interval(draws, l -> l.loss(params, tokens)), x, w, Prediction.Reliability.of(law));
    }

    /**
     * A benchmark's error at (N, D): the loss of the family's law of kind {@code kind} pushed through the
     * benchmark's map; the interval pairs the i-th draw of the loss law with the i-th draw of the map (the two fits
     * are independent), so it carries both uncertainties. 404 when the family has no map of the benchmark.
     */
    public DownstreamPrediction downstream(String lab, String family, String kind, String benchmark, double params,
                                           double tokens) {
        return downstream(lab, family, benchmark, lossAt(lab, family, kind, params, tokens));
    }

    /**
     * The loss at (N, D) of the family's law of kind {@code kind} and each of its draws' losses there: what every
     * benchmark's chained prediction at that target starts from, computed once for all of them.
     */
    public LossAtTarget lossAt(String lab, String family, String kind, double params, double tokens) {
        FittedLaw law = lossLaw(lab, family, kind);
        List<ChinchillaLaw> draws = draws(law);
        return new LossAtTarget(predict(family, law, draws, params, tokens),
                draws.stream().mapToDouble(d -> d.loss(params, tokens)).toArray());
    }

    /**
     * The loss at a target and its draws' losses there.
     *
     * @param prediction the loss law's prediction at the target
     * @param drawLosses the loss of each of the law's bootstrap draws at the target
     */
    public record LossAtTarget(Prediction prediction, double[] drawLosses) {
    }

    /** A benchmark's error at the target of {@code target}, chained as the six-argument {@code downstream} says. */
    public DownstreamPrediction downstream(String lab, String family, String benchmark, LossAtTarget target) {
        Prediction loss = target.prediction();
        DownstreamLaw map = maps.map(lab, family, benchmark).orElseThrow(() -> noMap(lab, family, benchmark));
        double[] point = DownstreamUncertainty.vector(map.form(), map.params());
        double error = DownstreamUncertainty.error(map.form(), point, loss.loss());
        if (!Double.isFinite(error)) {
            throw RefusedException.badField("params", "the map gives no finite error at loss " + loss.loss());
        }
        Prediction.Band band = interval(Arrays.stream(errorDraws(map, target.drawLosses())).boxed().toList(),
                e -> e);
        // An error rate lies in [0, 1]; a map extrapolated far below its models' losses can cross zero.
        Interval cut = band == null ? null : new Interval(band.lower(), band.upper()).clampedTo(0, 1);
        Prediction.Band chained = cut == null ? null
                : new Prediction.Band(cut.lower(), cut.upper(), band.level(), DownstreamPrediction.CHAINED);
        List<String> reasons = new ArrayList<>(map.reasons() == null ? List.of() : map.reasons());
        double bounded = Math.min(Math.max(error, 0), 1);
        if (bounded != error) {
            reasons.add(String.format(Locale.ROOT, "the map gives an error of %.4g at loss %.4g, outside [0, 1]: the"
                    + " loss lies beyond the map's models; the answer is cut to %.0f", error, loss.loss(), bounded));
        }
        return new DownstreamPrediction(family, benchmark, loss, map.form(), map.version(),
                map.models() == null ? 0 : map.models().size(), bounded, 1 - bounded, chained,
                map.chance(), map.reliable() && bounded == error, reasons);
    }

    /** The compute-optimal allocation for a FLOP budget under the family's law of kind {@code kind}. */
    public ComputeOptimal computeOptimal(String lab, String family, String kind, double flops) {
        FittedLaw law = lossLaw(lab, family, kind);
        ChinchillaLaw.Allocation a = toLaw(law).computeOptimal(flops);
        if (!finite(a)) {
            throw RefusedException.badField("flops", "the law gives no finite allocation at flops=" + flops);
        }
        List<ChinchillaLaw.Allocation> allocations = draws(law).stream().map(l -> l.computeOptimal(flops)).toList();
        return new ComputeOptimal(family, law.law(), law.version(), flops, a.params(), a.tokens(),
                a.tokens() / a.params(), a.loss(), a.paramsExponent(), a.tokensExponent(),
                interval(allocations, ChinchillaLaw.Allocation::params),
                interval(allocations, ChinchillaLaw.Allocation::tokens),
                interval(allocations, ChinchillaLaw.Allocation::loss),
                Prediction.Extrapolation.of(law, a.params(), a.tokens()), law.watermark(),
                store.law(lab, family, LawKind.POWER_COMPUTE.wireName()).map(p -> Frontier.of(p).at(flops))
                        .orElse(null),
                Prediction.Reliability.of(law));
    }

    /**
     * The compute-optimal split at {@code steps} log-spaced budgets from {@code flopsMin} (default: the least compute
     * an observed checkpoint spent) to {@code flopsMax} (default: 100 times the most), with the frontier power law's
     * loss at each when the family has one.
     */
    public ComputeOptimalCurve computeOptimalCurve(String lab, String family, String kind, Double flopsMin,
                                                   Double flopsMax, int steps) {
        FittedLaw law = lossLaw(lab, family, kind);
        ChinchillaLaw point = toLaw(law);
        List<ChinchillaLaw> draws = draws(law);
        FittedLaw carrier = store.law(lab, family, FittedLaw.CHINCHILLA).orElse(law);
        List<ComputeOptimalCurve.Spent> observed = observed(carrier).stream().map(p -> new ComputeOptimalCurve.Spent(
                p.run(), 6 * p.params() * p.tokens(), p.params(), p.tokens(), p.loss(), p.fitted())).toList();
        double most = observed.stream().mapToDouble(ComputeOptimalCurve.Spent::flops).max()
                .orElse(6 * law.watermark().maxParams() * law.watermark().maxTokens());
        double lo = flopsMin != null ? flopsMin
                : observed.stream().mapToDouble(ComputeOptimalCurve.Spent::flops).min().orElse(most / 1000);
        double hi = flopsMax != null ? flopsMax : 100 * most;
        if (!(hi > lo)) {
            throw RefusedException.badField("flopsMax", "must exceed flopsMin, " + lo);
        }
        Optional<FittedLaw> power = store.law(lab, family, LawKind.POWER_COMPUTE.wireName());
        Frontier frontier = power.map(Frontier::of).orElse(null);
        List<ComputeOptimalCurve.Budget> budgets = new ArrayList<>(steps);
        for (int k = 0; k < steps; k++) {
            double c = lo * Math.pow(hi / lo, (double) k / (steps - 1));
            budget(point, draws, frontier, c).ifPresent(budgets::add);
        }
        return new ComputeOptimalCurve(family, law.law(), law.version(), law.watermark(),
                power.map(FittedLaw::version).orElse(null), budgets, observed);
    }

    /** The split of budget {@code c}; empty where the law gives no finite allocation. */
    private static Optional<ComputeOptimalCurve.Budget> budget(ChinchillaLaw point, List<ChinchillaLaw> draws,
                                                               Frontier frontier, double c) {
        ChinchillaLaw.Allocation a = point.computeOptimal(c);
        if (!finite(a)) {
            return Optional.empty();
        }
        List<ChinchillaLaw.Allocation> drawn = draws.stream().map(l -> l.computeOptimal(c)).toList();
        Prediction.Band n = interval(drawn, ChinchillaLaw.Allocation::params);
        Prediction.Band d = interval(drawn, ChinchillaLaw.Allocation::tokens);
        Prediction.Band l = interval(drawn, ChinchillaLaw.Allocation::loss);
        ComputeOptimal.Frontier f = frontier == null ? null : frontier.at(c);
        Prediction.Band fb = f == null ? null : f.interval();
        return Optional.of(new ComputeOptimalCurve.Budget(c, a.params(), lower(n), upper(n), a.tokens(), lower(d),
                upper(d), a.loss(), lower(l), upper(l), f == null ? null : f.loss(), lower(fb), upper(fb)));
    }

    private static Double lower(Prediction.Band band) {
        return band == null ? null : band.lower();
    }

    private static Double upper(Prediction.Band band) {
        return band == null ? null : band.upper();
    }

    private static boolean finite(ChinchillaLaw.Allocation a) {
        return Double.isFinite(a.loss()) && Double.isFinite(a.params()) && Double.isFinite(a.tokens());
    }

    /** A published power law in compute, decoded once with its draws, for its loss at one budget or many. */
    private record Frontier(FittedLaw law, PowerLaw point, List<PowerLaw> draws) {

        static Frontier of(FittedLaw law) {
            LawCodec<?, PowerLaw> codec = kind(law).inCompute();
            return new Frontier(law, codec.queryOf(law.params()),
                    codec.fromDraws(law.bootstrap() == null ? null : law.bootstrap().draws()));
        }

        /** The loss at {@code flops}, with the interval over the draws. */
        ComputeOptimal.Frontier at(double flops) {
            return new ComputeOptimal.Frontier(law.law(), law.version(), point.loss(flops),
                    interval(draws, l -> l.loss(flops)), law.backtest() == null ? null : law.backtest().are());
        }
    }

    /**
     * The law as curves of loss against tokens, from the smallest observed D to {@code tokensMax} (default 10 times the
     * largest observed D), for the given sizes or else every observed run's size, with the observed points.
     */
    public Curve curve(String lab, String family, String kind, List<Double> sizes, Double tokensMax, int steps) {
        FittedLaw law = lossLaw(lab, family, kind);
        ChinchillaLaw point = toLaw(law);
        // Only the Chinchilla law carries the family's points; every law of the family saw the same ones.
        FittedLaw carrier = store.law(lab, family, FittedLaw.CHINCHILLA).orElse(law);
        List<Curve.Point> observed = observed(carrier);
        double lo = observed.stream().mapToDouble(Curve.Point::tokens).min().orElse(law.watermark().maxTokens() / 100);
        double hi = tokensMax != null ? tokensMax : 10 * law.watermark().maxTokens();
        if (!(hi > lo)) {
            throw RefusedException.badField("tokensMax", "must exceed the smallest observed tokens, " + lo);
        }
        Map<Double, String> lines = new LinkedHashMap<>();
        if (sizes.isEmpty()) {
            observed.forEach(p -> lines.putIfAbsent(p.params(), p.run()));
        } else {
            sizes.forEach(n -> lines.put(n, null));
        }
        if (lines.isEmpty()) {
            lines.put(law.watermark().maxParams(), null);
        }
        List<ChinchillaLaw> draws = draws(law);
        List<Curve.Line> curves = lines.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> line(draws, point, e.getKey(), e.getValue(), lo, hi, steps)).toList();
        return new Curve(family, law.law(), law.version(), law.params(), law.watermark(), curves, observed,
                carrier.observed() == null ? 0 : carrier.observed().total());
    }

    private static Curve.Line line(List<ChinchillaLaw> draws, ChinchillaLaw point, double n, String run, double lo,
                                   double hi, int steps) {
        List<Curve.LinePoint> points = new ArrayList<>(steps);
        for (int k = 0; k < steps; k++) {
            double d = lo * Math.pow(hi / lo, (double) k / (steps - 1));
            Prediction.Band band = interval(draws, l -> l.loss(n, d));
            points.add(new Curve.LinePoint(d, point.loss(n, d), band == null ? null : band.lower(),
                    band == null ? null : band.upper()));
        }
        return new Curve.Line(n, run, points);
    }

    private static List<Curve.Point> observed(FittedLaw law) {
        if (law.observed() == null) {
            return List.of();
        }
        List<String> runs = law.observed().runs();
        return law.observed().points().stream().map(p -> new Curve.Point(runs.get((int) p[0]), p[1], p[2], p[3],
                p[4] > 0)).toList();
    }

    /**
     * The family's current law of kind {@code kind}: 404 for an unknown family or one without that law yet (the fit
     * history says why), 400 for a kind that is not a law of N and D.
     */
    FittedLaw lossLaw(String lab, String family, String kind) {
        if (!LOSS_LAWS.contains(kind)) {
            throw RefusedException.badField("law", "must be one of " + LOSS_LAWS + ", was '" + kind + "'"
                    + (LawKind.of(kind).filter(k -> k.answers() == LawKind.Answers.LOSS_IN_COMPUTE).isPresent()
                    ? "; the power law in compute answers as the frontier of compute-optimal" : ""));
        }
        return store.law(lab, family, kind).orElseThrow(() -> store.family(lab, family).isEmpty()
                ? unknown(lab, family) : RefusedException.notFound("family '" + family + "' of lab '" + lab
                + "' has no " + kind + " law; GET /api/v1/families/" + family + "/fits on fit-service says why"));
    }

    /** The 95% interval of a quantity over bootstrap draws (or what they give), or null without finite values. */
    static <T> Prediction.Band interval(List<T> draws, ToDoubleFunction<T> quantity) {
        double[] values = draws.stream().mapToDouble(quantity).filter(Double::isFinite).toArray();
        if (values.length == 0) {
            return null;
        }
        Interval i = Interval.percentile(values, 0.95);
        return new Prediction.Band(i.lower(), i.upper(), 0.95, Prediction.Band.PARAMETER_UNCERTAINTY);
    }

    /** The law's published bootstrap draws as laws in Chinchilla form; empty when it has none. */
    static List<ChinchillaLaw> draws(FittedLaw law) {
        return kind(law).inParamsAndTokens().fromDraws(law.bootstrap() == null ? null : law.bootstrap().draws());
    }

    /** Rebuilds a law of N and D in Chinchilla form from its published parameters, through its kind's codec. */
    static ChinchillaLaw toLaw(FittedLaw law) {
        return kind(law).inParamsAndTokens().queryOf(law.params());
    }

    private static LawKind kind(FittedLaw law) {
        return LawKind.of(law.law()).orElseThrow(() -> new IllegalStateException("a held law of unknown kind '"
                + law.law() + "'"));
    }

    /**
     * The error draws of a map at a loss law's draws: the i-th loss draw through the i-th map draw, so each carries
     * both fits' uncertainty (the two fits are independent); as many as the shorter of the two.
     */
    static double[] errorDraws(DownstreamLaw map, double[] drawLosses) {
        List<double[]> mapDraws = map.draws() == null ? List.of() : map.draws();
        return IntStream.range(0, Math.min(drawLosses.length, mapDraws.size()))
                .mapToDouble(i -> DownstreamUncertainty.error(map.form(), mapDraws.get(i), drawLosses[i])).toArray();
    }

    /** 404 for a family without a map of the benchmark, pointing at eval-service's reason. */
    static RefusedException noMap(String lab, String family, String benchmark) {
        return RefusedException.notFound("family '" + family + "' of lab '" + lab + "' has no map of benchmark '"
                + benchmark + "' (yet); GET /api/v1/families/" + family + "/maps?benchmark=" + benchmark
                + " on eval-service says why");
    }

    private static RefusedException unknown(String lab, String family) {
        return RefusedException.notFound("no laws for family '" + family + "' of lab '" + lab + "'");
    }
}
