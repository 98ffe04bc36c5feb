package io.scalecast.cli;

import io.scalecast.core.fit.Interval;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.PowerLaw;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./scalecast predict}: answers from a fit file: the loss at (N, D) with its interval (and the error through a
 * loss-to-error fit), the compute-optimal allocation of a FLOP budget, a power law at its axis, or the error at a loss.
 */
@Command(name = "predict", description = "Answer from a fit file: loss at N and D, compute-optimal N and D for a FLOP"
        + " budget, or error at a loss.")
final class PredictCommand implements JsonCommand {

    @Option(names = "--fit", paramLabel = "FIT.json", required = true, description = "a fit file of ./scalecast fit")
    Path fit;

    @Option(names = "--params", paramLabel = "N", description = "parameters, e.g. 7e9 or 7B")
    String params;

    @Option(names = "--tokens", paramLabel = "D", description = "training tokens")
    String tokens;

    @Option(names = "--multiplier", paramLabel = "M", description = "tokens per parameter: D = M*N")
    String multiplier;

    @Option(names = "--flops", paramLabel = "C", description = "a FLOP budget (C = 6ND)")
    String flops;

    @Option(names = "--loss", paramLabel = "L", description = "a loss, for a loss-to-error fit")
    String loss;

    @Option(names = "--error-fit", paramLabel = "ERR.json", description = "a loss-to-error fit to chain after the loss")
    Path errorFit;

    @Option(names = "--schedule-from", paramLabel = "C.csv",
            description = "an lr-schedule fit: predict at each row's step under the file's learning rates")
    Path scheduleFrom;

    @Option(names = "--schedule", paramLabel = "DESCRIPTOR", description = "an lr-schedule fit: predict under this"
            + " schedule (the --schedule-from file's, when both are given)")
    String schedule;

    @Option(names = "--steps", paramLabel = "EVERY", defaultValue = "1000",
            description = "with --schedule alone: predict every EVERY steps to the schedule's end")
    int every;

    @Option(names = "--columns", paramLabel = "step=..,lr=..,loss=..", description = "the --schedule-from file's"
            + " columns, when the common names do not find them")
    String columns;

    private final CliContext context;

    PredictCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Map<String, Object> answer() {
        FitFile file = FitFile.read(fit);
        if (file.law().equals(ScheduleCommands.LAW)) {
            return schedulePrediction(file);
        }
        if (file.law().equals("power")) {
            return restsOn(powerPrediction(file), file, List.of());
        }
        if (flops != null) {
            if (params != null || tokens != null) {
                throw new CliException("give either --flops, or --params and --tokens");
            }
            return restsOn(allocation(file.chinchilla(), Numbers.positive(flops, "--flops")), file, List.of());
        }
        if (loss != null) {
            Map<String, Object> out = errorAt(file.errorModel(), Numbers.positive(loss, "--loss"));
            return restsOn(out, file, bounded(out));
        }
        double n = Numbers.positive(params, "--params");
        double d = tokens(n);
        FitFile.LossModel model = file.lossModel();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("params", n);
        out.put("tokens", d);
        out.put("loss", model.loss(n, d));
        model.interval(n, d).ifPresent(i -> out.put("interval", Ranges.range(i)));
        List<String> more = new ArrayList<>();
        if (errorFit != null) {
            chain(out, model, FitFile.read(errorFit).errorModel(), n, d);
            more.addAll(bounded(out));
        }
        trust(out, file, n, d, more);
        return out;
    }

    private Map<String, Object> schedulePrediction(FitFile file) {
        FitFile.CurveModel law = file.curveModel();
        if (scheduleFrom != null) {
            return new ScheduleCommands(context.err()).predictFrom(law, scheduleFrom, Dataset.columns(columns),
                    schedule);
        }
        if (schedule == null) {
            throw new CliException("an lr-schedule fit predicts a curve: give --schedule-from FILE.csv or --schedule"
                    + " DESCRIPTOR");
        }
        return ScheduleCommands.predictSchedule(law, schedule, every);
    }

    private static Map<String, Object> errorAt(FitFile.ErrorModel e, double at) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loss", at);
        out.put("error", e.law().error(at));
        e.interval(at).ifPresent(i -> out.put("errorInterval", Ranges.range(i)));
        return out;
    }

    /**
     * Loss to error at (N, D). The error law rises with loss, so the loss interval maps through it; the error law's
     * own half-width is added in quadrature (the two fits are independent), and the result is cut to [0, 1]. The
     * delta method stays here because draws of a six-model map cover the truth less often (science in
     * docs/methods.md).
     */
    private static void chain(Map<String, Object> out, FitFile.LossModel loss, FitFile.ErrorModel error,
                              double n, double d) {
        double l = loss.loss(n, d);
        double e = error.law().error(l);
        out.put("error", e);
        double below = loss.interval(n, d).map(i -> e - error.law().error(i.lower())).orElse(0.0);
        double above = loss.interval(n, d).map(i -> error.law().error(i.upper()) - e).orElse(0.0);
        double own = error.halfWidth(l);
        out.put("errorInterval", Ranges.range(new Interval(e - Math.hypot(below, own), e + Math.hypot(above, own))
                .clampedTo(0, 1)));
        List<String> sources = new ArrayList<>();
        loss.interval(n, d).ifPresent(i -> sources.add("loss law"));
        error.covariance().ifPresent(c -> sources.add("error law"));
        out.put("errorIntervalCarries", sources);
    }

    /**
     * Cuts the answer's error to an error rate's [0, 1] and says so: an exponential map extrapolated far below its
     * models' losses crosses zero.
     */
    private static List<String> bounded(Map<String, Object> out) {
        double e = (Double) out.get("error");
        double cut = Math.min(Math.max(e, 0), 1);
        if (cut == e) {
            return List.of();
        }
        out.put("error", cut);
        return List.of(String.format(Locale.ROOT, "the loss-to-error law gives an error of %.4g at loss %.4g,"
                + " outside [0, 1]: the loss lies beyond the models it was fitted on; the answer is cut to %.0f", e,
                (Double) out.get("loss"), cut));
    }

    private static Map<String, Object> allocation(FitFile.Uncertain<ChinchillaLaw> law, double c) {
        ChinchillaLaw.Allocation a = law.estimate().computeOptimal(c);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flops", c);
        out.put("params", a.params());
        out.put("tokens", a.tokens());
        out.put("loss", a.loss());
        Ranges.putInterval(out, "paramsInterval", law.draws(), l -> l.computeOptimal(c).params());
        Ranges.putInterval(out, "tokensInterval", law.draws(), l -> l.computeOptimal(c).tokens());
        Ranges.putInterval(out, "lossInterval", law.draws(), l -> l.computeOptimal(c).loss());
        return out;
    }

    /**
     * What says how far to trust an answer at (N, D): how far it lies beyond the fitted data, with a warning past it,
     * and the fit's own warnings, each also on stderr.
     */
    private void trust(Map<String, Object> out, FitFile file, double n, double d, List<String> more) {
        Map<String, Object> x = new LinkedHashMap<>();
        Double paramsRatio = file.maxParams().map(max -> n / max).orElse(null);
        Double tokensRatio = file.maxTokens().map(max -> d / max).orElse(null);
        x.put("paramsRatio", paramsRatio);
        x.put("tokensRatio", tokensRatio);
        boolean beyond = (paramsRatio != null && paramsRatio > 1) || (tokensRatio != null && tokensRatio > 1);
        x.put("beyondData", beyond);
        String warning = beyond ? String.format(Locale.ROOT, "beyond the fitted data: N is %.3gx the largest"
                + " fitted model and D %.3gx the largest fitted token count; the interval is the law's, not a check"
                + " that the law holds there (./scalecast backtest shows how it extrapolated)",
                paramsRatio == null ? Double.NaN : paramsRatio, tokensRatio == null ? Double.NaN : tokensRatio)
                : null;
        x.put("warning", warning);
        out.put("extrapolation", x);
        List<String> warnings = new ArrayList<>(more);
        if (warning != null) {
            warnings.add(warning);
        }
        restsOn(out, file, warnings);
    }

    /** Adds what the answer's law rests on (runs, sizes) and the fit's warnings, then {@code more}, to {@code out}. */
    private Map<String, Object> restsOn(Map<String, Object> out, FitFile file, List<String> more) {
        out.put("restsOn", file.restsOn());
        List<String> warnings = new ArrayList<>(file.warnings());
        warnings.addAll(more);
        out.put("warnings", context.warned(warnings));
        return out;
    }

    /** A one-axis law at the value of its axis: --flops for C, --params for N, --tokens for D. */
    private Map<String, Object> powerPrediction(FitFile file) {
        FitFile.Uncertain<PowerLaw> law = file.power();
        String option;
        String value;
        switch (file.axis()) {
            case "C" -> {
                option = "flops";
                value = flops;
            }
            case "N" -> {
                option = "params";
                value = params;
            }
            default -> {
                option = "tokens";
                value = tokens;
            }
        }
        double x = Numbers.positive(value, "--" + option);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(option, x);
        out.put("loss", law.estimate().loss(x));
        Ranges.putInterval(out, "interval", law.draws(), l -> l.loss(x));
        return out;
    }

    /** D from --tokens, or from --multiplier as M·N. */
    private double tokens(double n) {
        if ((tokens != null) == (multiplier != null)) {
            throw new CliException("give one of --tokens or --multiplier (D = M*N)");
        }
        return tokens != null ? Numbers.positive(tokens, "--tokens") : Numbers.positive(multiplier, "--multiplier") * n;
    }
}
