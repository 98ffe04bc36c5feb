package io.scalecast.cli;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.RunWeighting;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.fit.ChinchillaFit;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.fit.ChinchillaPins;
import io.scalecast.core.fit.Identifiability;
import io.scalecast.core.fit.Interval;
import io.scalecast.core.fit.PowerFit;
import io.scalecast.core.fit.PowerFitter;
import io.scalecast.core.fit.RunBootstrap;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.LawCodec;
import io.scalecast.core.law.LawKind;
import io.scalecast.core.law.PowerLaw;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./scalecast fit}: fits a law to CSV files with the engine fit-service uses, intervals included. */
@Command(name = "fit", description = "Fit a law to CSV files of checkpoints; the fit file is the JSON on stdout.")
final class FitCommand implements JsonCommand {

    private static final LawCodec<ChinchillaLaw, ChinchillaLaw> CHINCHILLA = LawKind.chinchilla();
    /** Any axis's power law has the one-axis form and layout of the power law in compute. */
    private static final LawCodec<PowerLaw, PowerLaw> POWER = LawKind.powerCompute();
    /**
     * Above this many points the grid is searched on an even subsample of this many and its best optima refined on
     * every point, as fit-service does (docs/architecture.md, refit policy); below it, and so for every published
     * fit the CLI reproduces, the whole grid runs on every point.
     */
    static final int SEARCH_POINTS = 2_000;
    /** Starts of lowest objective that the subsample search descends from. */
    static final int SCREENED = 450;

    @Mixin
    DataOptions data;

    @Mixin
    PinOptions pins;

    @Option(names = "--law", paramLabel = "LAW", defaultValue = "chinchilla",
            completionCandidates = Laws.class, description = "chinchilla (default), overtraining, loss-to-error, power, lr-schedule")
    String law;

    @Option(names = "--schedule", paramLabel = "DESCRIPTOR", description = "an lr-schedule fit's learning-rate"
            + " schedule of each --input, in order, e.g. cosine,peak=3e-4,final=3e-5,steps=24000,warmup=2160"
            + " (default: interpolate the file's lr column)")
    List<String> schedules = new ArrayList<>();

    @Option(names = "--warmup", paramLabel = "as-trained|at-peak", defaultValue = "as-trained",
            description = "an lr-schedule fit's warm-up steps at their rates, or at the peak (Tissue et al.)")
    String warmup;

    @Option(names = "--axis", paramLabel = "C|N|D", defaultValue = "C", description = "the power law's axis")
    String axis;

    @Option(names = "--drop-highest-loss", paramLabel = "K", defaultValue = "0",
            description = "leave out the K points of highest loss")
    int dropHighestLoss;

    @Option(names = "--prior", paramLabel = "name=mean:sd", description = "a Gaussian prior on a parameter (repeat)")
    List<String> priors = new ArrayList<>();

    @Option(names = "--prior-from", paramLabel = "DONOR_FIT.json", description = "priors on A and alpha from a fit")
    Path priorFrom;

    @Option(names = "--bootstrap", paramLabel = "RESAMPLES", defaultValue = "" + RunBootstrap.DEFAULT_RESAMPLES,
            description = "run-bootstrap resamples (0: none); an lr-schedule fit takes "
                    + ScheduleCommands.TISSUE_RESAMPLES + " for tissue and " + ScheduleCommands.MULTI_POWER_RESAMPLES
                    + " for multi-power unless given")
    int bootstrap;

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "the bootstrap's seed")
    int seed;

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "1", description = "an lr-schedule fit: fit K times"
            + " in this JVM and report the last, with every fit's time (a warm JVM's time, for benchmarks)")
    int repeat;

    @Option(names = "--weighting", paramLabel = "point|run", defaultValue = "point",
            description = "every point weighs 1, or every run the same in total")
    String weighting;

    private final CliContext context;

    FitCommand(CliContext context) {
        this.context = context;
    }

    /** The laws {@code --law} takes, for shell completion. */
    static final class Laws extends ArrayList<String> {
        Laws() {
            super(List.of("chinchilla", "overtraining", "loss-to-error", "power", ScheduleCommands.LAW));
        }
    }

    @Override
    public Map<String, Object> answer() {
        if (bootstrap < 0) {
            throw new CliException("--bootstrap must be >= 0 (0: no bootstrap), was " + bootstrap);
        }
        GadreCommands gadre = new GadreCommands(context.err());
        return switch (law) {
            case "power" -> power();
            case "overtraining" -> gadre.fitOvertraining(data.tokenCut(TokenCut.NONE)
                    .apply(data.points(context.err())));
            case "loss-to-error" -> gadre.fitLossToError(Dataset.downstream(data.inputs, data.columns(),
                    data.filters()));
            case "chinchilla" -> chinchilla();
            case ScheduleCommands.LAW -> new ScheduleCommands(context.err()).fit(data.inputs, data.columns(),
                    schedules, pins.form, warmup,
                    spec.commandLine().getParseResult().hasMatchedOption("--bootstrap") ? bootstrap : null, seed,
                    repeat);
            default -> throw new CliException("--law must be chinchilla, overtraining, loss-to-error, power or"
                    + " lr-schedule, was '"
                    + law + "'");
        };
    }

    private Map<String, Object> chinchilla() {
        List<CheckpointPoint> all = data.points(context.err());
        FamilyData fitted = FamilyData.of(kept(all));
        boolean large = fitted.size() > SEARCH_POINTS;
        ChinchillaFitter fitter = large ? ChinchillaFitter.epoch().searchingOn(SEARCH_POINTS).screening(SCREENED)
                : ChinchillaFitter.epoch();
        String search = large ? String.format(Locale.ROOT, "the 4,500-start grid screened to its %d starts of lowest "
                + "objective on an even subsample of %,d points, the best optima refined on every point",
                SCREENED, SEARCH_POINTS) : "the 4,500-start grid on every point";
        context.err().printf("fitting %,d points of %d runs: %s%n", fitted.size(), fitted.runs(), search);
        RunWeighting runWeighting = runWeighting();
        double[] weights = runWeighting.weights(fitted);
        ChinchillaPins constraint = constraint(fitter, fitted, weights);
        ChinchillaFit fit = fitter.fit(fitted.params(), fitted.tokens(), fitted.loss(), weights, constraint);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("law", LawKind.CHINCHILLA.wireName());
        out.put("params", CHINCHILLA.named(fit.law()));
        out.put("objective", fit.objective());
        Map<String, Interval> intervals = Map.of();
        List<ChinchillaLaw> drawn = List.of();
        if (bootstrap > 0) {
            context.err().printf("bootstrapping %d resamples of whole runs%n", bootstrap);
            RunBootstrap.Draws<ChinchillaLaw> draws = new RunBootstrap(bootstrap, seed).run(fitter, fitted, weights,
                    constraint, fit.law());
            drawn = draws.laws();
            intervals = CHINCHILLA.intervals(drawn, 0.95);
            out.put("intervals", ranges(intervals));
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("resamples", bootstrap);
            b.put("method", RunBootstrap.linearised(fitted) ? FittedLaw.Bootstrap.RUNS_ONE_STEP
                    : FittedLaw.Bootstrap.RUNS);
            b.put("failed", draws.failed());
            b.put("runs", draws.runs());
            b.put("millis", draws.millis());
            b.put("draws", CHINCHILLA.draws(draws.laws()));
            out.put("bootstrap", b);
        }
        out.put("diagnostics", fit.diagnostics());
        out.put("search", search);
        List<String> warnings = new ArrayList<>(Identifiability.chinchilla(fitted, fit.law(), fit.diagnostics(),
                constraint, drawn, intervals));
        Identifiability.flatValley(fitted, fit).ifPresent(warnings::add);
        out.put("warnings", context.warned(warnings));
        out.put("config", Map.of("huberDelta", fit.delta(), "tokenCut", data.tokenCut(TokenCut.HITCHHIKER).describe(),
                "pinned", fit.pinned(), "form", fit.form(), "priors", fit.priors(),
                "freeParameters", fit.freeParameters(), "droppedHighestLoss", dropHighestLoss,
                "weighting", runWeighting.name().toLowerCase()));
        out.put("data", restsOn(fitted, all.size()));
        return out;
    }

    /** The points a fit keeps: the highest losses dropped, then the token cut (Hitchhiker by default). */
    private List<CheckpointPoint> kept(List<CheckpointPoint> all) {
        return data.tokenCut(TokenCut.HITCHHIKER).apply(Dataset.dropHighestLoss(all, dropHighestLoss));
    }

    /** The pins, with the priors calibrated on them when any are given. */
    private ChinchillaPins constraint(ChinchillaFitter fitter, FamilyData fitted, double[] weights) {
        List<ChinchillaPins.Prior> read = Priors.read(priors, Optional.ofNullable(priorFrom));
        if (read.isEmpty()) {
            return pins.pins();
        }
        context.err().printf("calibrating the priors on %s with their parameters pinned%n", read);
        try {
            return fitter.withCalibratedPriors(fitted.params(), fitted.tokens(), fitted.loss(), weights, pins.pins(),
                    read);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** L(x) = E + A·x^−α on one axis: C (default, 6ND), N or D. */
    private Map<String, Object> power() {
        ToDoubleFunction<CheckpointPoint> x = switch (axis) {
            case "C" -> p -> 6 * p.params() * p.tokens();
            case "N" -> CheckpointPoint::params;
            case "D" -> CheckpointPoint::tokens;
            default -> throw new CliException("--axis must be C, N or D, was '" + axis + "'");
        };
        List<CheckpointPoint> all = data.points(context.err());
        List<CheckpointPoint> kept = kept(all);
        context.err().printf("fitting L = E + A*%s^-alpha to %d points from 150 starts%n", axis, kept.size());
        FamilyData fitted = FamilyData.of(kept);
        double[] xs = kept.stream().mapToDouble(x).toArray();
        PowerFit fit = PowerFitter.standard().fit(xs, fitted.loss());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("law", "power");
        out.put("axis", axis);
        out.put("params", POWER.named(fit.law()));
        out.put("objective", fit.objective());
        List<PowerLaw> draws = List.of();
        Map<String, Interval> intervals = Map.of();
        if (bootstrap > 0) {
            context.err().printf("bootstrapping %d resamples of whole runs%n", bootstrap);
            draws = new RunBootstrap(bootstrap, seed).run(PowerFitter.standard(), fitted, xs, fit.law());
            intervals = POWER.intervals(draws, 0.95);
            out.put("intervals", ranges(intervals));
            out.put("bootstrap", Map.of("resamples", bootstrap, "failed", bootstrap - draws.size(), "runs",
                    fitted.runs(), "draws", POWER.draws(draws)));
        }
        out.put("diagnostics", fit.diagnostics());
        out.put("warnings", context.warned(Identifiability.power(fitted, fit.law(), fit.diagnostics(), draws,
                intervals)));
        out.put("config", Map.of("huberDelta", fit.delta(), "tokenCut",
                data.tokenCut(TokenCut.HITCHHIKER).describe()));
        out.put("data", restsOn(fitted, all.size()));
        return out;
    }

    /** What a law rests on: the points, runs and distinct model sizes fitted, and how far they reach. */
    private static Map<String, Object> restsOn(FamilyData fitted, int rowsRead) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("points", fitted.size());
        out.put("runs", fitted.runs());
        out.put("sizes", fitted.sizes());
        out.put("maxParams", fitted.maxParams());
        out.put("maxTokens", fitted.maxTokens());
        out.put("rowsRead", rowsRead);
        return out;
    }

    private static Map<String, Object> ranges(Map<String, Interval> intervals) {
        Map<String, Object> out = new LinkedHashMap<>();
        intervals.forEach((name, i) -> out.put(name, Ranges.range(i)));
        return out;
    }

    private RunWeighting runWeighting() {
        return switch (weighting) {
            case "point" -> RunWeighting.POINT;
            case "run" -> RunWeighting.RUN;
            default -> throw new CliException("--weighting must be point or run, was '" + weighting + "'");
        };
    }
}
