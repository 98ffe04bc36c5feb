package io.scalecast.cli;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.fit.ComputeBacktest;
import io.scalecast.core.fit.HitchhikerBacktest;
import io.scalecast.core.law.LawKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./scalecast backtest}: how well the Chinchilla law extrapolates on CSV files: the Hitchhiker protocol (fit
 * without the largest model, predict its last 30%) or expanding windows by compute.
 */
@Command(name = "backtest", description = "Back-test the Chinchilla law on CSV files of checkpoints.")
final class BacktestCommand implements JsonCommand {

    @Mixin
    DataOptions data;

    @Mixin
    PinOptions pins;

    @Option(names = "--min-train-runs", defaultValue = "3", description = "fewest runs to fit on (hitchhiker)")
    int minTrainRuns;

    @Option(names = "--method", paramLabel = "hitchhiker|compute", defaultValue = "hitchhiker",
            description = "the protocol")
    String method;

    @Option(names = "--windows", defaultValue = "4", description = "expanding windows by compute (compute)")
    int windows;

    private final CliContext context;

    BacktestCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Map<String, Object> answer() {
        return switch (method) {
            case "hitchhiker" -> hitchhiker();
            case "compute" -> computeWindows();
            default -> throw new CliException("--method must be hitchhiker or compute, was '" + method + "'");
        };
    }

    /** The expanding-window back-test by compute. */
    private Map<String, Object> computeWindows() {
        List<CheckpointPoint> points = data.points(context.err());
        context.err().printf("back-testing on %d points: %d expanding windows by compute%n", points.size(), windows);
        ComputeBacktest.Result r = ComputeBacktest.run(ChinchillaFitter.epoch(), points,
                data.tokenCut(TokenCut.HITCHHIKER), pins.pins(), windows);
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

    private Map<String, Object> hitchhiker() {
        List<CheckpointPoint> points = data.points(context.err());
        context.err().printf("back-testing on %d points: fit without the largest model, predict its last 30%%%n",
                points.size());
        HitchhikerBacktest.Result r = HitchhikerBacktest.run(ChinchillaFitter.epoch(), points,
                data.tokenCut(TokenCut.HITCHHIKER), pins.pins(), minTrainRuns);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", "hitchhiker");
        out.put("are", r.are());
        out.put("areRange", List.of(r.areRange().lower(), r.areRange().upper()));
        out.put("baselines", Map.of("bestLoss", r.bestLossBaseline(), "mostTrained", r.mostTrainedBaseline()));
        out.put("targetRun", r.targetRun());
        out.put("trainRuns", r.trainRuns());
        out.put("trainPoints", r.trainPoints());
        out.put("targetPoints", r.targetPoints());
        out.put("paramsRatio", r.paramsRatio());
        out.put("params", LawKind.chinchilla().named(r.law()));
        out.put("reference", "Choshen et al. 2024: 4% ARE is about the best typically obtained; seed noise ~3.5%");
        out.put("warnings", context.warned(r.warnings()));
        return out;
    }
}
