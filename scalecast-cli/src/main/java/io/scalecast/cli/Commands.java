package io.scalecast.cli;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.RunWeighting;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.fit.ChinchillaFit;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.fit.ChinchillaPins;
import io.scalecast.core.fit.ComputeBacktest;
import io.scalecast.core.fit.HitchhikerBacktest;
import io.scalecast.core.fit.Interval;
import io.scalecast.core.fit.PowerFit;
import io.scalecast.core.fit.PowerFitter;
import io.scalecast.core.fit.RunBootstrap;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.LawCodec;
import io.scalecast.core.law.LawKind;
import io.scalecast.core.law.PowerLaw;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** The subcommands: each reads its options, runs the engine of scaling-core and returns the JSON answer. */
final class Commands {

    private static final LawCodec<ChinchillaLaw, ChinchillaLaw> CHINCHILLA = LawKind.chinchilla();
    /** Any axis's power law has the one-axis form and layout of the power law in compute. */
    private static final LawCodec<PowerLaw, PowerLaw> POWER = LawKind.powerCompute();

    static final Set<String> FIT_OPTIONS = Set.of("law", "axis", "input", "columns", "filter", "drop-highest-loss",
            "token-cut", "pin", "form", "prior", "prior-from", "bootstrap", "seed", "weighting");
    static final Set<String> PREDICT_OPTIONS = Set.of("fit", "params", "tokens", "multiplier", "flops", "loss",
            "error-fit");
    static final Set<String> BACKTEST_OPTIONS = Set.of("input", "columns", "filter", "token-cut", "pin",
            "min-train-runs", "method", "windows", "form");

    private final PrintStream progress;
    private final GadreCommands gadre;

    Commands(PrintStream progress) {
        this.progress = progress;
        this.gadre = new GadreCommands(progress);
    }

    Map<String, Object> fit(Options o) {
        String law = o.get("law").orElse("chinchilla");
        switch (law) {
            case "power" -> {
                return power(o);
            }
            case "overtraining" -> {
                return gadre.fitOvertraining(tokenCut(o, TokenCut.NONE).apply(points(o)));
            }
            case "loss-to-error" -> {
                return gadre.fitLossToError(Dataset.downstream(inputs(o), columns(o), filters(o)));
            }
            case "chinchilla" -> {
                return chinchilla(o);
            }
            default -> throw new CliException("--law must be chinchilla, overtraining, loss-to-error or power, was '"
                    + law + "'");
        }
    }

    private Map<String, Object> chinchilla(Options o) {
        List<CheckpointPoint> all = points(o);
        List<CheckpointPoint> kept = tokenCut(o).apply(Dataset.dropHighestLoss(all,
                o.integer("drop-highest-loss").orElse(0)));
        FamilyData data = FamilyData.of(kept);
        ChinchillaFitter fitter = ChinchillaFitter.epoch();
        progress.printf("fitting %d points of %d runs from the 4,500-start grid%n", data.size(), data.runs());
        RunWeighting weighting = weighting(o);
        double[] weights = weighting.weights(data);
        List<ChinchillaPins.Prior> priors = Priors.read(o.all("prior"), o.get("prior-from").map(Path::of));
        if (!priors.isEmpty()) {
            progress.printf("calibrating the priors on %s with their parameters pinned%n", priors);
        }
        ChinchillaPins pins = priors.isEmpty() ? pins(o) : calibrated(fitter, data, weights, pins(o), priors);
        ChinchillaFit fit = fitter.fit(data.params(), data.tokens(), data.loss(), weights, pins);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("law", LawKind.CHINCHILLA.wireName());
        out.put("params", CHINCHILLA.named(fit.law()));
        out.put("objective", fit.objective());
        int resamples = o.integer("bootstrap").orElse(RunBootstrap.DEFAULT_RESAMPLES);
        if (resamples > 0) {
            progress.printf("bootstrapping %d resamples of whole runs%n", resamples);
            RunBootstrap.Draws<ChinchillaLaw> draws = new RunBootstrap(resamples, o.integer("seed").orElse(1)).run(fitter, data,
                    weights, pins, fit.law());
            Map<String, Object> intervals = new LinkedHashMap<>();
            CHINCHILLA.intervals(draws.laws(), 0.95).forEach((name, i) -> intervals.put(name, range(i)));
            out.put("intervals", intervals);
            Map<String, Object> bootstrap = new LinkedHashMap<>();
            bootstrap.put("resamples", resamples);
            bootstrap.put("failed", draws.failed());
            bootstrap.put("runs", draws.runs());
            bootstrap.put("millis", draws.millis());
            bootstrap.put("draws", CHINCHILLA.draws(draws.laws()));
            out.put("bootstrap", bootstrap);
        }
        out.put("diagnostics", fit.diagnostics());
        out.put("config", Map.of("huberDelta", fit.delta(), "tokenCut", tokenCut(o).describe(),
                "pinned", fit.pinned(), "form", fit.form(), "priors", fit.priors(),
                "freeParameters", fit.freeParameters(), "droppedHighestLoss", o.integer("drop-highest-loss").orElse(0),
                "weighting", weighting.name().toLowerCase()));
        out.put("data", Map.of("points", data.size(), "runs", data.runs(), "maxParams", data.maxParams(),
                "maxTokens", data.maxTokens(), "rowsRead", all.size()));
        return out;
    }

    private static ChinchillaPins calibrated(ChinchillaFitter fitter, FamilyData data, double[] weights,
                                             ChinchillaPins pins, List<ChinchillaPins.Prior> priors) {
        try {
            return fitter.withCalibratedPriors(data.params(), data.tokens(), data.loss(), weights, pins, priors);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** L(x) = E + A·x^−α on one axis: C (default, 6ND), N or D. */
    private Map<String, Object> power(Options o) {
        String axis = o.get("axis").orElse("C");
        ToDoubleFunction<CheckpointPoint> x = switch (axis) {
            case "C" -> p -> 6 * p.params() * p.tokens();
            case "N" -> CheckpointPoint::params;
            case "D" -> CheckpointPoint::tokens;
            default -> throw new CliException("--axis must be C, N or D, was '" + axis + "'");
        };
        List<CheckpointPoint> all = points(o);
        List<CheckpointPoint> kept = tokenCut(o).apply(Dataset.dropHighestLoss(all,
                o.integer("drop-highest-loss").orElse(0)));
        progress.printf("fitting L = E + A*%s^-alpha to %d points from 150 starts%n", axis, kept.size());
        FamilyData data = FamilyData.of(kept);
        double[] xs = kept.stream().mapToDouble(x).toArray();
        PowerFit fit = PowerFitter.standard().fit(xs, data.loss());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("law", "power");
        out.put("axis", axis);
        out.put("params", POWER.named(fit.law()));
        out.put("objective", fit.objective());
        int resamples = o.integer("bootstrap").orElse(RunBootstrap.DEFAULT_RESAMPLES);
        if (resamples > 0) {
            progress.printf("bootstrapping %d resamples of whole runs%n", resamples);
            List<PowerLaw> draws = new RunBootstrap(resamples, o.integer("seed").orElse(1)).run(PowerFitter.standard(),
                    data, xs, fit.law());
            Map<String, Object> intervals = new LinkedHashMap<>();
            POWER.intervals(draws, 0.95).forEach((name, i) -> intervals.put(name, range(i)));
            out.put("intervals", intervals);
            out.put("bootstrap", Map.of("resamples", resamples, "failed", resamples - draws.size(), "runs",
                    data.runs(), "draws", POWER.draws(draws)));
        }
        out.put("diagnostics", fit.diagnostics());
        out.put("config", Map.of("huberDelta", fit.delta(), "tokenCut", tokenCut(o).describe()));
        return out;
    }

    Map<String, Object> predict(Options o) {
        FitFile fit = FitFile.read(Path.of(o.require("fit")));
        if (fit.law().equals("power")) {
            return powerPrediction(fit, o);
        }
        if (o.get("flops").isPresent()) {
            if (o.get("params").isPresent() || o.get("tokens").isPresent()) {
                throw new CliException("give either --flops, or --params and --tokens");
            }
            return allocation(fit.chinchilla(), positive(o, "flops"));
        }
        if (o.get("loss").isPresent()) {
            FitFile.ErrorModel e = fit.errorModel();
            double loss = positive(o, "loss");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("loss", loss);
            out.put("error", e.law().error(loss));
            e.interval(loss).ifPresent(i -> out.put("errorInterval", range(i)));
            return out;
        }
        double n = positive(o, "params");
        double d = tokens(o, n);
        FitFile.LossModel loss = fit.lossModel();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("params", n);
        out.put("tokens", d);
        out.put("loss", loss.loss(n, d));
        loss.interval(n, d).ifPresent(i -> out.put("interval", range(i)));
        if (o.get("error-fit").isPresent()) {
            chain(out, loss, FitFile.read(Path.of(o.require("error-fit"))).errorModel(), n, d);
        }
        return out;
    }

    /**
     * Loss to error at (N, D). The error law rises with loss, so the loss interval maps through it; the error law's
     * own half-width is added in quadrature (the two fits are independent).
     */
    private static void chain(Map<String, Object> out, FitFile.LossModel loss, FitFile.ErrorModel error,
                              double n, double d) {
        double l = loss.loss(n, d);
        double e = error.law().error(l);
        out.put("error", e);
        double below = loss.interval(n, d).map(i -> e - error.law().error(i.lower())).orElse(0.0);
        double above = loss.interval(n, d).map(i -> error.law().error(i.upper()) - e).orElse(0.0);
        double own = error.halfWidth(l);
        out.put("errorInterval", range(new Interval(e - Math.hypot(below, own), e + Math.hypot(above, own))));
        List<String> sources = new ArrayList<>();
        loss.interval(n, d).ifPresent(i -> sources.add("loss law"));
        error.covariance().ifPresent(c -> sources.add("error law"));
        out.put("errorIntervalCarries", sources);
    }

    private static Map<String, Object> allocation(FitFile.Uncertain<ChinchillaLaw> law, double c) {
        ChinchillaLaw.Allocation a = law.estimate().computeOptimal(c);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flops", c);
        out.put("params", a.params());
        out.put("tokens", a.tokens());
        out.put("loss", a.loss());
        putInterval(out, "paramsInterval", law.draws(), l -> l.computeOptimal(c).params());
        putInterval(out, "tokensInterval", law.draws(), l -> l.computeOptimal(c).tokens());
        putInterval(out, "lossInterval", law.draws(), l -> l.computeOptimal(c).loss());
        return out;
    }

    /** A one-axis law at the value of its axis: --flops for C, --params for N, --tokens for D. */
    private static Map<String, Object> powerPrediction(FitFile fit, Options o) {
        FitFile.Uncertain<PowerLaw> law = fit.power();
        String option = switch (fit.axis()) {
            case "C" -> "flops";
            case "N" -> "params";
            default -> "tokens";
        };
        double x = positive(o, option);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(option, x);
        out.put("loss", law.estimate().loss(x));
        putInterval(out, "interval", law.draws(), l -> l.loss(x));
        return out;
    }

    /** D from --tokens, or from --multiplier as M·N. */
    private static double tokens(Options o, double n) {
        if (o.get("tokens").isPresent() == o.get("multiplier").isPresent()) {
            throw new CliException("give one of --tokens or --multiplier (D = M*N)");
        }
        return o.get("tokens").isPresent() ? positive(o, "tokens") : positive(o, "multiplier") * n;
    }

    Map<String, Object> backtest(Options o) {
        String method = o.get("method").orElse("hitchhiker");
        return switch (method) {
            case "hitchhiker" -> hitchhiker(o);
            case "compute" -> computeWindows(o);
            default -> throw new CliException("--method must be hitchhiker or compute, was '" + method + "'");
        };
    }

    /** The expanding-window back-test by compute. */
    private Map<String, Object> computeWindows(Options o) {
        List<CheckpointPoint> points = points(o);
        int windows = o.integer("windows").orElse(4);
        progress.printf("back-testing on %d points: %d expanding windows by compute%n", points.size(), windows);
        ComputeBacktest.Result r = ComputeBacktest.run(ChinchillaFitter.epoch(), points, tokenCut(o), pins(o),
                windows);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ComputeBacktest.Window w : r.windows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trainCompute", w.trainCompute());
            row.put("testCompute", w.testCompute());
            row.put("extrapolation", w.extrapolation());
            row.put("trainPoints", w.trainPoints());
            row.put("trainRuns", w.trainRuns());
            row.put("testPoints", w.testPoints());
            row.put("are", w.failure() == null ? w.are() : null);
            row.put("bestLossBaseline", w.bestLossBaseline());
            if (w.failure() != null) {
                row.put("failure", w.failure());
            }
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", "compute");
        out.put("windows", rows);
        out.put("meanAre", Double.isNaN(r.meanAre()) ? null : r.meanAre());
        return out;
    }

    private Map<String, Object> hitchhiker(Options o) {
        List<CheckpointPoint> points = points(o);
        progress.printf("back-testing on %d points: fit without the largest model, predict its last 30%%%n",
                points.size());
        HitchhikerBacktest.Result r = HitchhikerBacktest.run(ChinchillaFitter.epoch(), points, tokenCut(o),
                pins(o), o.integer("min-train-runs").orElse(3));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", "hitchhiker");
        out.put("are", r.are());
        out.put("baselines", Map.of("bestLoss", r.bestLossBaseline(), "mostTrained", r.mostTrainedBaseline()));
        out.put("targetRun", r.targetRun());
        out.put("trainRuns", r.trainRuns());
        out.put("trainPoints", r.trainPoints());
        out.put("targetPoints", r.targetPoints());
        out.put("paramsRatio", r.paramsRatio());
        out.put("params", CHINCHILLA.named(r.law()));
        out.put("reference", "Choshen et al. 2024: 4% ARE is about the best typically obtained; seed noise ~3.5%");
        return out;
    }

    private static List<CheckpointPoint> points(Options o) {
        return Dataset.read(inputs(o), columns(o), filters(o));
    }

    private static List<Path> inputs(Options o) {
        return o.all("input").stream().map(Path::of).toList();
    }

    private static Map<String, String> columns(Options o) {
        return Dataset.columns(o.get("columns").orElse(null));
    }

    private static Map<String, String> filters(Options o) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String f : o.all("filter")) {
            String[] kv = f.split("=", 2);
            if (kv.length != 2) {
                throw new CliException("--filter takes column=value, got '" + f + "'");
            }
            filters.put(kv[0].trim(), kv[1].trim());
        }
        return filters;
    }

    private static RunWeighting weighting(Options o) {
        String w = o.get("weighting").orElse("point");
        return switch (w) {
            case "point" -> RunWeighting.POINT;
            case "run" -> RunWeighting.RUN;
            default -> throw new CliException("--weighting must be point or run, was '" + w + "'");
        };
    }

    private static TokenCut tokenCut(Options o) {
        return tokenCut(o, TokenCut.HITCHHIKER);
    }

    /** The --token-cut rule: hitchhiker, none, or a token count; {@code fallback} when it is not given. */
    private static TokenCut tokenCut(Options o, TokenCut fallback) {
        return o.get("token-cut").map(v -> {
            try {
                return TokenCut.parse(v);
            } catch (IllegalArgumentException e) {
                throw new CliException("--token-cut " + e.getMessage());
            }
        }).orElse(fallback);
    }

    private static ChinchillaPins pins(Options o) {
        if (o.get("form").isPresent()) {
            if (!o.all("pin").isEmpty()) {
                throw new CliException("give --pin or --form, not both");
            }
            try {
                return ChinchillaPins.form(o.get("form").get());
            } catch (IllegalArgumentException e) {
                throw new CliException("--" + e.getMessage());
            }
        }
        Map<String, Double> pinned = new LinkedHashMap<>();
        for (String p : o.all("pin")) {
            String[] kv = p.split("=", 2);
            if (kv.length != 2) {
                throw new CliException("--pin takes name=value, got '" + p + "'");
            }
            pinned.put(kv[0].trim(), Numbers.parse(kv[1], "--pin " + kv[0].trim()));
        }
        try {
            return pinned.isEmpty() ? ChinchillaPins.none() : ChinchillaPins.of(pinned);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    private static double positive(Options o, String name) {
        double v = o.number(name).orElseThrow(() -> new CliException("--" + name + " is required"));
        if (v <= 0) {
            throw new CliException("--" + name + " must be > 0, was " + v);
        }
        return v;
    }

    private static <T> void putInterval(Map<String, Object> out, String key, List<T> draws, ToDoubleFunction<T> q) {
        if (!draws.isEmpty()) {
            out.put(key, range(Interval.percentile(draws.stream().mapToDouble(q).toArray(), 0.95)));
        }
    }

    static Map<String, Double> range(Interval i) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("lower", i.lower());
        m.put("upper", i.upper());
        return m;
    }
}
