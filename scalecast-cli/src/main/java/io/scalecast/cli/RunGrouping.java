package io.scalecast.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which run each row of a table belongs to, and how that was decided. A run is a training curve: its rows share
 * everything that describes the run and differ in how far it trained. Taking a per-row label (a checkpoint name) or
 * a model name shared by several curves as the run would merge curves, so without a column named as the run the
 * rows are grouped by every other column that stays constant along runs of rows in the file (data set, epochs, run
 * id ...), and such a grouping is used only when no group holds two rows at the same token count; otherwise each row
 * is its own run (a table of final losses).
 *
 * @param runs each row's run
 * @param count how many runs
 * @param how how the runs were found, for the report on stderr
 * @param warning a doubt about the grouping to print, or null
 */
record RunGrouping(String[] runs, int count, String how, String warning) {

    /** A column describes runs when, in file order, its value changes at most once per this many rows. */
    private static final int ROWS_PER_CHANGE = 3;

    /**
     * @param named the run column ({@code --columns run=} or a column named run, run_id or model), or -1
     * @param measures the columns of what changes along a run (D, C, M, loss, error, step) and N, never run keys
     * @param tokens each row's D, in file order
     */
    static RunGrouping of(CsvTable table, int named, Set<Integer> measures, double[] tokens) {
        List<CsvTable.Row> rows = table.rows();
        if (named >= 0) {
            String[] runs = rows.stream().map(r -> r.fields()[named].trim()).toArray(String[]::new);
            int repeats = repeatedTokens(runs, tokens);
            return grouping(runs, "runs from column '" + table.header().get(named) + "'", repeats == 0 ? null
                    : repeats + " rows repeat a token count already seen in their run: is '"
                    + table.header().get(named) + "' one curve per value? name the run column with --columns run=");
        }
        List<Integer> keys = describing(table, measures);
        if (!keys.isEmpty()) {
            String[] runs = rows.stream().map(r -> key(r, keys)).toArray(String[]::new);
            if (repeatedTokens(runs, tokens) == 0) {
                return grouping(runs, "runs grouped by the columns constant along each curve: "
                        + String.join(", ", keys.stream().map(table.header()::get).toList()), null);
            }
        }
        String[] own = rows.stream().map(r -> table.file().getFileName() + "#" + r.line()).toArray(String[]::new);
        return grouping(own, "each row its own run (no column names the run; --columns run=COLUMN names one)", null);
    }

    private static RunGrouping grouping(String[] runs, String how, String warning) {
        return new RunGrouping(runs, new HashSet<>(List.of(runs)).size(), how, warning);
    }

    /** The columns other than the measures whose value changes rarely in file order and takes several values. */
    private static List<Integer> describing(CsvTable table, Set<Integer> measures) {
        List<CsvTable.Row> rows = table.rows();
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < table.header().size(); c++) {
            if (measures.contains(c)) {
                continue;
            }
            int changes = 0;
            Set<String> values = new HashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                String v = rows.get(i).fields()[c].trim();
                values.add(v);
                changes += i > 0 && !v.equals(rows.get(i - 1).fields()[c].trim()) ? 1 : 0;
            }
            if (values.size() > 1 && changes * ROWS_PER_CHANGE <= rows.size()) {
                out.add(c);
            }
        }
        return out;
    }

    private static String key(CsvTable.Row row, List<Integer> columns) {
        StringBuilder s = new StringBuilder();
        for (int c : columns) {
            s.append(s.length() == 0 ? "" : " / ").append(row.fields()[c].trim());
        }
        return s.toString();
    }

    /** Rows whose run already has a row at the same token count. */
    private static int repeatedTokens(String[] runs, double[] tokens) {
        Map<String, Set<Double>> seen = new HashMap<>();
        int repeats = 0;
        for (int i = 0; i < runs.length; i++) {
            repeats += seen.computeIfAbsent(runs[i], k -> new HashSet<>()).add(tokens[i]) ? 0 : 1;
        }
        return repeats;
    }
}
