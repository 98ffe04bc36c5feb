package io.scalecast.cli;

import io.scalecast.core.data.CheckpointPoint;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points read from CSV files. Columns are found by common names or named with {@code --columns}; D may be derived
 * from C = 6ND or from the token multiplier M = D/N. Runs are found as {@link RunGrouping} says.
 */
final class Dataset {

    static final Map<String, List<String>> COMMON = Map.ofEntries(
            Map.entry("N", List.of("n", "params", "num_params", "model size", "parameters", "model_size", "size")),
            Map.entry("D", List.of("d", "tokens", "token_num", "tokens_seen", "num_tokens")),
            Map.entry("C", List.of("c", "flops", "training flop", "compute", "training_flops")),
            Map.entry("M", List.of("m", "token_multiplier", "multiplier", "tokens_per_param")),
            Map.entry("loss", List.of("loss", "value", "val_loss", "val/loss", "eval_loss")),
            Map.entry("error", List.of("error", "err", "top1_error")),
            Map.entry("accuracy", List.of("accuracy", "acc")),
            // Not "checkpoint": in public tables it names a checkpoint or a repository, not a training curve.
            Map.entry("run", List.of("run", "run_id", "model")),
            Map.entry("benchmark", List.of("benchmark", "task", "eval task")),
            Map.entry("chance", List.of("chance", "random baseline")),
            Map.entry("step", List.of("step")),
            Map.entry("lr", List.of("lr", "learning_rate", "learningrate")));

    /** A model's loss and its downstream error, one point of a loss-to-error fit. */
    record Downstream(double loss, double error) {
    }

    private Dataset() {
    }

    /**
     * Reads loss points from every file, reporting on {@code progress} how each was read: its rows, which column is
     * which, and how its runs were found.
     *
     * @param files the CSV files
     * @param columns explicit column names by role (N, D, C, M, loss, run, ...), from {@code --columns}
     * @param filters rows kept only where column = value (or one of {@code a|b|c}), from {@code --filter}
     * @param checks whether values must look physical (N of at least 1,000, D of at least 1 token, ...)
     */
    static List<CheckpointPoint> read(List<Path> files, Map<String, String> columns, Map<String, String> filters,
                                      boolean checks, PrintStream progress) {
        List<CheckpointPoint> points = new ArrayList<>();
        for (CsvTable t : tables(files, filters)) {
            Roles roles = Roles.of(t, columns);
            double[] params = new double[t.rows().size()];
            double[] tokens = new double[params.length];
            double[] loss = new double[params.length];
            for (int i = 0; i < params.length; i++) {
                CsvTable.Row r = t.rows().get(i);
                params[i] = r.positive(roles.n());
                tokens[i] = roles.d() >= 0 ? r.positive(roles.d()) : roles.c() >= 0
                        ? r.positive(roles.c()) / (6 * params[i]) : r.positive(roles.m()) * params[i];
                if (checks) {
                    Sanity.checkSize(r, roles, params[i], tokens[i]);
                }
                loss[i] = r.positive(roles.loss());
                if (checks) {
                    Sanity.checkLoss(r, roles, loss[i]);
                }
            }
            RunGrouping runs = RunGrouping.of(t, roles.run(), roles.measures(), tokens);
            progress.printf("read %s; %s; %d %s%n", t.describe(), roles.describe(t), runs.count(), runs.how());
            if (runs.warning() != null) {
                progress.println("warning: " + runs.warning());
            }
            for (int i = 0; i < params.length; i++) {
                points.add(new CheckpointPoint(runs.runs()[i], params[i], tokens[i], loss[i]));
            }
        }
        return nonEmpty(points, filters);
    }

    /** Reads (loss, error) pairs; error comes from an error column or as 1 − accuracy. */
    static List<Downstream> downstream(List<Path> files, Map<String, String> columns, Map<String, String> filters) {
        List<Downstream> out = new ArrayList<>();
        for (CsvTable t : tables(files, filters)) {
            int loss = t.column("loss", columns, true);
            int error = t.column("error", columns, false);
            int accuracy = error >= 0 ? -1 : t.column("accuracy", columns, false);
            if (error < 0 && accuracy < 0) {
                throw new CliException(t.file() + ": no error or accuracy column among " + t.header()
                        + "; name one with --columns error=... or accuracy=...");
            }
            for (CsvTable.Row r : t.rows()) {
                double e = error >= 0 ? r.fraction(error) : 1 - r.fraction(accuracy);
                out.add(new Downstream(r.positive(loss), e));
            }
        }
        return nonEmpty(out, filters);
    }

    /** Drops the K highest-loss points, as Epoch drops 5 of Hoffmann's 245. */
    static List<CheckpointPoint> dropHighestLoss(List<CheckpointPoint> points, int k) {
        if (k <= 0) {
            return points;
        }
        List<CheckpointPoint> sorted = points.stream().sorted(Comparator.comparingDouble(CheckpointPoint::loss))
                .toList();
        double cut = sorted.get(Math.max(0, sorted.size() - k)).loss();
        return points.stream().filter(p -> p.loss() < cut).toList();
    }

    /** Parses {@code --filter column=value} options into a column to value map. */
    static Map<String, String> filters(List<String> filters) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : filters) {
            String[] kv = f.split("=", 2);
            if (kv.length != 2) {
                throw new CliException("--filter takes column=value, got '" + f + "'");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }

    /** Parses {@code N=size,D=tokens} into a role to column map. */
    static Map<String, String> columns(String spec) {
        Map<String, String> m = new LinkedHashMap<>();
        if (spec == null) {
            return m;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || !COMMON.containsKey(kv[0].trim())) {
                throw new CliException("--columns takes ROLE=column pairs with ROLE one of " + COMMON.keySet()
                        + ", got '" + part + "'");
            }
            m.put(kv[0].trim(), kv[1].trim());
        }
        return m;
    }

    private static <T> List<T> nonEmpty(List<T> rows, Map<String, String> filters) {
        if (rows.isEmpty()) {
            throw new CliException("no rows left to fit: no row matches --filter " + filters);
        }
        return rows;
    }

    private static List<CsvTable> tables(List<Path> files, Map<String, String> filters) {
        if (files.isEmpty()) {
            throw new CliException("--input is required");
        }
        return files.stream().map(f -> CsvTable.read(f, filters)).toList();
    }
}
