package io.scalecast.cli;

import io.scalecast.core.data.CheckpointPoint;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Points read from CSV files. Columns are found by common names or named with {@code --columns}; D may be derived
 * from C = 6ND or from the token multiplier M = D/N. Without a run column every row is its own run (final-loss
 * tables such as Epoch's and Gadre et al.'s).
 */
final class Dataset {

    static final Map<String, List<String>> COMMON = Map.of(
            "N", List.of("n", "params", "num_params", "model size", "parameters", "model_size", "size"),
            "D", List.of("d", "tokens", "token_num", "tokens_seen", "num_tokens"),
            "C", List.of("c", "flops", "training flop", "compute", "training_flops"),
            "M", List.of("m", "token_multiplier", "multiplier", "tokens_per_param"),
            "loss", List.of("loss", "value", "val_loss", "val/loss", "eval_loss"),
            "error", List.of("error", "err", "top1_error"),
            "accuracy", List.of("accuracy", "acc"),
            "run", List.of("run", "run_id", "model", "checkpoint"),
            "step", List.of("step"));

    /** A model's loss and its downstream error, one point of a loss-to-error fit. */
    record Downstream(double loss, double error) {
    }

    private Dataset() {
    }

    /**
     * Reads loss points from every file.
     *
     * @param files the CSV files
     * @param columns explicit column names by role (N, D, C, M, loss, run, ...), from {@code --columns}
     * @param filters rows kept only where column = value (or one of {@code a|b|c}), from {@code --filter}
     */
    static List<CheckpointPoint> read(List<Path> files, Map<String, String> columns, Map<String, String> filters) {
        List<CheckpointPoint> points = new ArrayList<>();
        for (Table t : tables(files, filters)) {
            int n = t.column("N", columns, true);
            int d = t.column("D", columns, false);
            int c = t.column("C", columns, false);
            int m = t.column("M", columns, false);
            int loss = t.column("loss", columns, true);
            int run = t.column("run", columns, false);
            if (d < 0 && c < 0 && m < 0) {
                throw new CliException(t.file + ": no tokens (D), FLOPs (C) or token multiplier (M) column; name one"
                        + " with --columns D=..., C=... or M=...");
            }
            for (Row r : t.rows) {
                double params = r.positive(n);
                double tokens = d >= 0 ? r.positive(d) : c >= 0 ? r.positive(c) / (6 * params) : r.positive(m) * params;
                String runName = run >= 0 ? r.fields[run].trim() : t.file.getFileName() + "#" + r.line;
                points.add(new CheckpointPoint(runName, params, tokens, r.positive(loss)));
            }
        }
        return nonEmpty(points);
    }

    /** Reads (loss, error) pairs; error comes from an error column or as 1 − accuracy. */
    static List<Downstream> downstream(List<Path> files, Map<String, String> columns, Map<String, String> filters) {
        List<Downstream> out = new ArrayList<>();
        for (Table t : tables(files, filters)) {
            int loss = t.column("loss", columns, true);
            int error = t.column("error", columns, false);
            int accuracy = error >= 0 ? -1 : t.column("accuracy", columns, false);
            if (error < 0 && accuracy < 0) {
                throw new CliException(t.file + ": no error or accuracy column among " + t.header
                        + "; name one with --columns error=... or accuracy=...");
            }
            for (Row r : t.rows) {
                double e = error >= 0 ? r.fraction(error) : 1 - r.fraction(accuracy);
                out.add(new Downstream(r.positive(loss), e));
            }
        }
        return nonEmpty(out);
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

    private static <T> List<T> nonEmpty(List<T> rows) {
        if (rows.isEmpty()) {
            throw new CliException("no rows left to fit (check --filter)");
        }
        return rows;
    }

    private static List<Table> tables(List<Path> files, Map<String, String> filters) {
        if (files.isEmpty()) {
            throw new CliException("--input is required");
        }
        return files.stream().map(f -> Table.read(f, filters)).toList();
    }

    /** One data row with its place in the file, so that a bad value is reported by row and column. */
    private record Row(Path file, List<String> header, int line, String[] fields) {

        double positive(int column) {
            double v = Numbers.parse(fields[column], where(column));
            if (v <= 0) {
                throw new CliException(where(column) + " must be > 0, was " + fields[column].trim());
            }
            return v;
        }

        double fraction(int column) {
            double v = Numbers.parse(fields[column], where(column));
            if (v < 0 || v > 1) {
                throw new CliException(where(column) + " must lie in [0, 1], was " + fields[column].trim());
            }
            return v;
        }

        private String where(int column) {
            return file.getFileName() + " row " + line + ", column '" + header.get(column) + "'";
        }
    }

    /** The header and the rows of one file that pass the filters. */
    private record Table(Path file, List<String> header, List<Row> rows) {

        /** The byte-order mark some tools write before a UTF-8 file's first byte. */
        private static final String BOM = "\uFEFF";

        static Table read(Path file, Map<String, String> filters) {
            if (!Files.isRegularFile(file)) {
                throw new CliException("no such file: " + file);
            }
            List<CSVRecord> records = records(file);
            if (records.isEmpty()) {
                throw new CliException(file + " is empty");
            }
            List<String> header = records.get(0).stream().map(h -> h.replace(BOM, "").trim()).toList();
            Map<Integer, Set<String>> where = new LinkedHashMap<>();
            filters.forEach((col, values) -> where.put(index(file, header, col),
                    Set.copyOf(Arrays.asList(values.split("\\|")))));
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : records.subList(1, records.size())) {
                String[] f = r.values();
                if (f.length != header.size()) {
                    throw new CliException(file + " row " + r.getRecordNumber() + ": has " + f.length
                            + " fields, the header has " + header.size());
                }
                if (where.entrySet().stream().allMatch(e -> e.getValue().contains(f[e.getKey()].trim()))) {
                    rows.add(new Row(file, header, (int) r.getRecordNumber(), f));
                }
            }
            return new Table(file, header, rows);
        }

        /**
         * The file's records, the header first, as RFC 4180 reads them (a quoted field may hold commas, quotes and
         * line breaks); a byte-order mark before the header is not part of its first name.
         */
        private static List<CSVRecord> records(Path file) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(in)) {
                return parser.getRecords();
            } catch (IOException | UncheckedIOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage());
            }
        }

        int column(String role, Map<String, String> columns, boolean required) {
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
}
