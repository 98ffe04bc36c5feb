package io.scalecast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.core.fit.Covariance;
import io.scalecast.core.fit.Interval;
import io.scalecast.core.fit.OvertrainingUncertainty;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.ErrorLaw;
import io.scalecast.core.law.LawCodec;
import io.scalecast.core.law.LawKind;
import io.scalecast.core.law.OvertrainingLaw;
import io.scalecast.core.law.MultiPowerLaw;
import io.scalecast.core.law.PowerLaw;
import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.AnnealingAreas;
import io.scalecast.core.schedule.LearningRates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fit written by {@code ./scalecast fit}, read back to predict with 95% intervals: percentiles of the run
 * bootstrap's draws for Chinchilla fits, the delta method on the linearised covariance for Gadre's laws.
 */
final class FitFile {

    /** A loss law in (N, D), whichever form it was fitted in, with the interval of its prediction. */
    interface LossModel {
        double loss(double params, double tokens);

        /** Empty when the fit carries no uncertainty. */
        Optional<Interval> interval(double params, double tokens);
    }

    /** A Chinchilla law's estimate and its bootstrap draws (none when the fit ran without a bootstrap). */
    record Uncertain<T>(T estimate, List<T> draws) {
    }

    /** A loss-to-error law with its covariance. */
    record ErrorModel(ErrorLaw law, Optional<Covariance> covariance) {

        /** The delta method's interval of the error at {@code loss}, cut to an error rate's [0, 1]. */
        Optional<Interval> interval(double loss) {
            return covariance.map(c -> c.interval(law.error(loss), law.gradient(loss), LEVEL).clampedTo(0, 1));
        }

        double halfWidth(double loss) {
            return covariance.map(c -> c.halfWidth(law.gradient(loss), LEVEL)).orElse(0.0);
        }
    }

    static final double LEVEL = 0.95;
    /** Draws of a law from its covariance for prediction intervals. */
    static final int COVARIANCE_DRAWS = 4000;

    private final Path path;
    private final JsonNode json;

    private FitFile(Path path, JsonNode json) {
        this.path = path;
        this.json = json;
    }

    static FitFile read(Path path) {
        try {
            return new FitFile(path, new ObjectMapper().readTree(path.toFile()));
        } catch (IOException e) {
            throw new CliException("cannot read the fit " + path + ": " + e.getMessage());
        }
    }

    String law() {
        return json.path("law").asText();
    }

    /** The largest N the law was fitted on, when the fit file says. */
    Optional<Double> maxParams() {
        JsonNode v = json.path("data").path("maxParams");
        return v.isNumber() ? Optional.of(v.asDouble()) : Optional.empty();
    }

    /** The largest D the law was fitted on: as written, or from the largest N and token multiplier. */
    Optional<Double> maxTokens() {
        JsonNode data = json.path("data");
        if (data.path("maxTokens").isNumber()) {
            return Optional.of(data.path("maxTokens").asDouble());
        }
        return data.path("maxMultiplier").isNumber() ? maxParams().map(n -> n * data.path("maxMultiplier")
                .asDouble()) : Optional.empty();
    }

    /** The runs and distinct model sizes the law rests on, as far as the fit file says. */
    Map<String, Object> restsOn() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : List.of("runs", "sizes")) {
            JsonNode v = json.path("data").path(field);
            out.put(field, v.isInt() ? v.asInt() : null);
        }
        return out;
    }

    /** How many points of highest loss the fit left out; 0 when the file does not say. */
    int droppedHighestLoss() {
        return json.path("config").path("droppedHighestLoss").asInt(0);
    }

    /** The fit's warnings ({@code Identifiability}); none in files written before them. */
    List<String> warnings() {
        List<String> out = new ArrayList<>();
        json.path("warnings").forEach(w -> out.add(w.asText()));
        return out;
    }

    /** The Chinchilla law with its bootstrap draws (vectors in the draw order of {@link ChinchillaLaw}). */
    Uncertain<ChinchillaLaw> chinchilla() {
        expect(LawKind.CHINCHILLA.wireName());
        List<ChinchillaLaw> draws = new ArrayList<>();
        LawCodec<ChinchillaLaw, ChinchillaLaw> codec = LawKind.chinchilla();
        json.path("bootstrap").path("draws").forEach(v -> draws.add(codec.fromDraw(vector(v, codec.drawSize()))));
        return new Uncertain<>(codec.fromNamed(named(codec.names())), draws);
    }

    /** A one-axis power law with its bootstrap draws ([E, A, α] each). */
    Uncertain<PowerLaw> power() {
        expect("power");
        // Any axis's power law has the one-axis form and layout of the power law in compute.
        LawCodec<PowerLaw, PowerLaw> codec = LawKind.powerCompute();
        List<PowerLaw> draws = new ArrayList<>();
        json.path("bootstrap").path("draws").forEach(v -> draws.add(codec.fromDraw(vector(v, codec.drawSize()))));
        return new Uncertain<>(codec.fromNamed(named(codec.names())), draws);
    }

    /** The axis of a power-law fit: C, N or D. */
    String axis() {
        String axis = json.path("axis").asText();
        if (!List.of("C", "N", "D").contains(axis)) {
            throw new CliException(path + ": axis must be C, N or D, was '" + axis + "'");
        }
        return axis;
    }

    /** The loss law of a Chinchilla or over-training fit. */
    LossModel lossModel() {
        if (law().equals(LawKind.CHINCHILLA.wireName())) {
            Uncertain<ChinchillaLaw> c = chinchilla();
            return new LossModel() {
                public double loss(double n, double d) {
                    return c.estimate().loss(n, d);
                }

                public Optional<Interval> interval(double n, double d) {
                    return c.draws().isEmpty() ? Optional.empty() : Optional.of(Interval.percentile(
                            c.draws().stream().mapToDouble(l -> l.loss(n, d)).toArray(), LEVEL));
                }
            };
        }
        expect(LawKind.OVERTRAINING.wireName());
        OvertrainingLaw law = LawKind.overtraining().fromNamed(named(OvertrainingLaw.NAMES));
        // Draws of the law from its covariance as fit-service makes them: each is a law the form allows (E, a, b > 0,
        // p < 0), so the loss interval holds only losses such a law can give.
        List<OvertrainingLaw> draws = covariance(OvertrainingLaw.NAMES).map(c -> OvertrainingUncertainty
                .covarianceDraws(c, law, COVARIANCE_DRAWS, 1)).orElse(List.of());
        return new LossModel() {
            public double loss(double n, double d) {
                return law.loss(n, d / n);
            }

            public Optional<Interval> interval(double n, double d) {
                return draws.isEmpty() ? Optional.empty() : Optional.of(Interval.percentile(
                        draws.stream().mapToDouble(l -> l.loss(n, d / n)).toArray(), LEVEL));
            }
        };
    }

    /** The loss-to-error law. */
    ErrorModel errorModel() {
        expect("loss-to-error");
        return new ErrorModel(ErrorLaw.fromVector(vector(ErrorLaw.NAMES)), covariance(ErrorLaw.NAMES));
    }

    private double[] vector(List<String> names) {
        return named(names).values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private Optional<Covariance> covariance(List<String> names) {
        JsonNode u = json.path("uncertainty");
        if (!u.has("covariance")) {
            return Optional.empty();
        }
        double[][] matrix = new double[names.size()][];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = vector(u.path("covariance").path(i), names.size());
        }
        return Optional.of(new Covariance(names, matrix, u.path("dof").asInt()));
    }

    /** A whole-curve law of the learning-rate schedule: its losses at steps under given rates. */
    interface CurveModel {
        double[] losses(LearningRates rates, int[] steps);
    }

    /** The law of an lr-schedule fit, in its form and warm-up convention. */
    CurveModel curveModel() {
        expect(ScheduleCommands.LAW);
        String form = json.path("form").asText();
        boolean atPeak = json.path("warmup").asText().equals("at-peak");
        if (form.equals(ScheduleCommands.TISSUE)) {
            TissueLaw law = LawKind.annealing().fromNamed(named(LawKind.annealing().names()))
                    .withConvention(json.path("lambda").asDouble(AnnealingAreas.DEFAULT_LAMBDA), atPeak);
            return law::losses;
        }
        if (form.equals(ScheduleCommands.MULTI_POWER)) {
            MultiPowerLaw law = LawKind.multiPower().fromNamed(named(LawKind.multiPower().names()));
            return law::losses;
        }
        throw new CliException(path + " has an lr-schedule law of unknown form '" + form + "'");
    }

    private Map<String, Double> named(List<String> names) {
        JsonNode params = json.get("params");
        if (params == null || !params.isObject()) {
            throw new CliException(path + " has no 'params' object");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : names) {
            JsonNode n = params.get(name);
            if (n == null || !n.isNumber()) {
                throw new CliException(path + ": params." + name + " is missing or not a number");
            }
            out.put(name, n.asDouble());
        }
        return out;
    }

    private double[] vector(JsonNode v, int size) {
        if (!v.isArray() || v.size() != size) {
            throw new CliException(path + ": expected an array of " + size + " numbers, got " + v);
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    private void expect(String law) {
        if (!law().equals(law)) {
            throw new CliException(path + " is a '" + law() + "' fit; this needs a '" + law + "' fit");
        }
    }
}
