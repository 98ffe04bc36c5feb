package io.scalecast.cli;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which column of a table plays which role in a loss fit: N, and D or C or M, the loss, the run; -1 for a role
 * without a column.
 */
record Roles(int n, int d, int c, int m, int loss, int run, int step) {

    static Roles of(CsvTable t, Map<String, String> columns) {
        Roles r = new Roles(t.column("N", columns, true), t.column("D", columns, false), t.column("C", columns, false),
                t.column("M", columns, false), t.column("loss", columns, true), t.column("run", columns, false),
                t.column("step", columns, false));
        if (r.d < 0 && r.c < 0 && r.m < 0) {
            throw new CliException(t.file() + ": no tokens (D), FLOPs (C) or token multiplier (M) column; name one"
                    + " with --columns D=..., C=... or M=...");
        }
        return r;
    }

    /** The columns of what changes along a run, and N: never part of a run's identity. */
    Set<Integer> measures() {
        Set<Integer> out = new HashSet<>(List.of(n, d, c, m, loss, step));
        out.remove(-1);
        return out;
    }

    /** The roles as found, e.g. {@code N = 'num_params', D = 'token_num', loss = 'loss'}. */
    String describe(CsvTable t) {
        Map<String, Integer> used = new LinkedHashMap<>();
        used.put("N", n);
        used.put(d >= 0 ? "D" : c >= 0 ? "C" : "M", d >= 0 ? d : c >= 0 ? c : m);
        used.put("loss", loss);
        StringBuilder s = new StringBuilder();
        used.forEach((role, column) -> s.append(s.length() == 0 ? "" : ", ").append(role).append(" = '")
                .append(t.header().get(column)).append('\''));
        return s.toString();
    }
}
