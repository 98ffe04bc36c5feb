package io.scalecast.cli;

import io.scalecast.core.data.CheckpointPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loss points read from CSV files. Columns are found by common names or named with {@code --columns}; D may be
 * derived from C = 6ND. Without a run column every row is its own run (final-loss tables such as Epoch's).
 */
final class Dataset {

    static final Map<String, List<String>> COMMON = Map.of(
            "N", List.of("n", "params", "num_params", "model size", "parameters", "model_size", "size"),
            "D", List.of("d", "tokens", "token_num", "tokens_seen", "num_tokens"),
            "C", List.of("c", "flops", "training flop", "compute", "training_flops"),
            "loss", List.of("loss", "value", "val_loss", "val/loss", "eval_loss"),
            "run", List.of("run", "run_id", "model", "checkpoint"),
            "step", List.of("step"));

    private Dataset() {
    }

    /**
     * Reads every file.
     *
     * @param files the CSV files
     * @param columns explicit column names by role (N, D, C, loss, run, step), from {@code --columns}
     * @param filters rows kept only where column = value, from {@code --filter}
     */
    static List<CheckpointPoint> read(List<Path> files, Map<String, String> columns, Map<String, String> filters) {
        if (files.isEmpty()) {
            throw new CliException("--input is required");
        }
        List<CheckpointPoint> points = new ArrayList<>();
        for (Path f : files) {
            points.addAll(readOne(f, columns, filters));
        }
        if (points.isEmpty()) {
            throw new CliException("no rows left to fit (check --filter)");
        }
        return points;
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

    private static List<CheckpointPoint> readOne(Path file, Map<String, String> columns, Map<String, String> filters) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("no such file: " + file);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new CliException(file + " is empty");
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(String::trim).toList();
        int n = column(file, header, "N", columns, true);
        int d = column(file, header, "D", columns, false);
        int c = column(file, header, "C", columns, false);
        int loss = column(file, header, "loss", columns, true);
        int run = column(file, header, "run", columns, false);
        if (d < 0 && c < 0) {
            throw new CliException(file + ": no tokens (D) or FLOPs (C) column; name one with --columns D=... or C=...");
        }
        Map<Integer, String> where = new LinkedHashMap<>();
        filters.forEach((col, value) -> where.put(index(file, header, col), value));
        List<CheckpointPoint> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split(",", -1);
            if (f.length < header.size()) {
                throw new CliException(file + " row " + (i + 1) + ": has " + f.length + " fields, the header has "
                        + header.size());
            }
            if (where.entrySet().stream().anyMatch(e -> !f[e.getKey()].trim().equals(e.getValue()))) {
                continue;
            }
            String at = file.getFileName() + " row " + (i + 1) + ", column '";
            double params = positive(f[n], at + header.get(n) + "'");
            double tokens = d >= 0 ? positive(f[d], at + header.get(d) + "'")
                    : positive(f[c], at + header.get(c) + "'") / (6 * params);
            String runName = run >= 0 ? f[run].trim() : file.getFileName() + "#" + (i + 1);
            out.add(new CheckpointPoint(runName, params, tokens, positive(f[loss], at + header.get(loss) + "'")));
        }
        return out;
    }

    private static double positive(String text, String where) {
        double v = Numbers.parse(text, where);
        if (v <= 0) {
            throw new CliException(where + " must be > 0, was " + text.trim());
        }
        return v;
    }

    private static int column(Path file, List<String> header, String role, Map<String, String> columns,
                              boolean required) {
        if (columns.containsKey(role)) {
            return index(file, header, columns.get(role));
        }
        for (String name : COMMON.get(role)) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).toLowerCase(Locale.ROOT).equals(name)) {
                    return i;
                }
            }
        }
        if (required) {
            throw new CliException(file + ": no " + role + " column among " + header + "; name it with --columns "
                    + role + "=...");
        }
        return -1;
    }

    private static int index(Path file, List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new CliException(file + ": no column '" + name + "' among " + header);
        }
        return i;
    }
}
