package io.scalecast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * How {@code ./scalecast import} reads the rows of one file: which column holds what (the CLI's common names or
 * {@code --columns}), which rows the filters keep, how a column's values are transformed, and a row as a checkpoint
 * or eval event.
 */
final class ImportRows {

    /** What a file holds. */
    enum Kind {
        /** Checkpoints: a loss at N and D. */
        CHECKPOINTS,
        /** Evaluation results: a benchmark's accuracy or error at a checkpoint. */
        EVALS,
        /** The models of an eval table: N, D and step by run, no value. */
        MODELS
    }

    /** A transform of a column's values, for tables that store another quantity than ScaleCast's. */
    enum Transform {
        /** The column holds log10 of the value (OPT's tokens). */
        POW10(x -> Math.pow(10, x)),
        /** The column holds the natural log of the value. */
        EXP(Math::exp),
        /** The column holds e to the value: a perplexity, whose log is the loss. */
        LN(Math::log),
        /** The column holds percent. */
        PERCENT(x -> x / 100);

        private final DoubleUnaryOperator f;

        Transform(DoubleUnaryOperator f) {
            this.f = f;
        }

        /** Parses {@code ROLE=NAME,...}, e.g. {@code D=pow10,loss=ln}. */
        static Map<String, Transform> parse(String spec) {
            Map<String, Transform> out = new LinkedHashMap<>();
            if (spec == null) {
                return out;
            }
            for (String part : spec.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2 || !Dataset.COMMON.containsKey(kv[0].trim())) {
                    throw new CliException("--transform takes ROLE=FUNCTION pairs with ROLE one of "
                            + Dataset.COMMON.keySet() + ", got '" + part + "'");
                }
                out.put(kv[0].trim(), of(kv[1].trim()));
            }
            return out;
        }

        double apply(double x) {
            return f.applyAsDouble(x);
        }

        private static Transform of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CliException("--transform functions are pow10, exp, ln and percent, got '" + name + "'");
            }
        }
    }

    /** A model of an eval table's models file. */
    record Model(double params, double tokens, long step) {
    }

    /**
     * What the options say for every file.
     *
     * @param named columns by role, from {@code --columns}
     * @param filters rows kept only where column = value (or one of {@code a|b}), from {@code --filter}
     * @param transforms each role's transform
     * @param params N of every row (--params), or null
     * @param tokensPerStep D = step × this (--tokens-per-step), or null
     * @param run the run of every row (--run), or null
     * @param paramsByRun N by run name (--params-map)
     * @param tokensScale the factor of the tokens column
     * @param models the models of an eval table by run (--models), or empty
     * @param chances chance accuracy by benchmark (--chances), or empty
     */
    record Options(Map<String, String> named, Map<String, String> filters, Map<String, Transform> transforms,
                   Double params, Double tokensPerStep, String run, Map<String, Double> paramsByRun,
                   double tokensScale, Map<String, Model> models, Map<String, Double> chances) {

        /** These options with an eval table's models and chances. */
        Options withEvals(Map<String, Model> byRun, Map<String, Double> byBenchmark) {
            return new Options(named, filters, transforms, params, tokensPerStep, run, paramsByRun, tokensScale, byRun,
                    byBenchmark);
        }
    }

    private final Path file;
    private final List<String> header;
    private final Kind kind;
    private final Options o;
    private final CsvTable.Where where;
    private final int n;
    private final int d;
    private final int c;
    private final int m;
    private final int run;
    private final int step;
    private final int lr;
    private final int value;
    private final String metric;
    private final int benchmark;
    private final int chance;

    private ImportRows(Path file, List<String> header, Kind kind, Options o) {
        this.file = file;
        this.header = header;
        this.kind = kind;
        this.o = o;
        this.where = CsvTable.Where.of(file, header, kind == Kind.MODELS ? Map.of() : o.filters());
        boolean joined = kind == Kind.EVALS && !o.models().isEmpty();
        this.d = joined ? -1 : role("D", false);
        this.c = joined || d >= 0 ? -1 : role("C", false);
        this.m = joined || d >= 0 || c >= 0 ? -1 : role("M", false);
        int found = joined ? -1 : role("step", o.tokensPerStep() != null);
        // A step column that is the tokens column (GPT-3's digitised curves) is no step.
        this.step = found == d ? -1 : found;
        boolean given = joined || o.params() != null || !o.paramsByRun().isEmpty();
        this.n = given ? -1 : role("N", false);
        this.run = o.run() != null ? -1 : role("run", false);
        this.lr = kind == Kind.CHECKPOINTS ? role("lr", false) : -1;
        if (!joined) {
            requireSizes(given);
        }
        if (kind == Kind.EVALS) {
            int accuracy = role("accuracy", false);
            this.value = accuracy >= 0 ? accuracy : role("error", false);
            if (value < 0) {
                throw new CliException(file + ": no accuracy or error column among " + header + "; name it with "
                        + "--columns accuracy=... or error=...");
            }
            this.metric = accuracy >= 0 ? "accuracy" : "error";
            this.benchmark = role("benchmark", true);
            this.chance = role("chance", false);
        } else {
            this.value = kind == Kind.CHECKPOINTS ? role("loss", true) : -1;
            this.metric = "loss";
            this.benchmark = -1;
            this.chance = -1;
        }
    }

    /** The reading of a file with {@code header}. */
    static ImportRows of(Path file, List<String> header, Kind kind, Options options) {
        return new ImportRows(file, header, kind, options);
    }

    private void requireSizes(boolean given) {
        if (d < 0 && c < 0 && m < 0 && o.tokensPerStep() == null) {
            throw new CliException(file + ": no tokens column (D), compute (C) or token multiplier (M) among "
                    + header + "; name one with --columns D=..., or give --tokens-per-step for D = step x T");
        }
        if (n < 0 && !given) {
            throw new CliException(file + ": no N column among " + header + "; name it with --columns N=..., or"
                    + " give --params for a file of one model size or --params-map for named models");
        }
    }

    private int role(String role, boolean required) {
        return CsvTable.column(file, header, role, o.named(), required);
    }

    /** Whether the row passes the filters. */
    boolean kept(String[] f) {
        return where.keeps(f);
    }

    /**
     * Row {@code row} (1 = the first data row) as an event, or null when its value cell is empty or NaN (as pandas
     * writes a missing value: wide tables of several metrics leave a metric out of some rows) or it has seen no
     * token yet.
     */
    ObjectNode event(String[] f, long row, String family, String lab, ObjectMapper json) {
        CsvTable.Row r = row(f, row);
        if (f[value].isBlank() || f[value].trim().equalsIgnoreCase("nan")) {
            return null;
        }
        String runName = runName(f);
        Model model = kind == Kind.EVALS && !o.models().isEmpty() ? joined(runName, row) : model(r, runName, row);
        if (model == null) {
            return null;
        }
        ObjectNode e = json.createObjectNode();
        e.put("schemaVersion", 1);
        if (lab != null) {
            e.put("lab", lab);
        }
        e.put("family", family);
        // Without a run column each row is its own run (a table of final losses), as for ./scalecast fit.
        e.put("run", runName != null ? runName : file.getFileName() + ":" + row);
        e.put("params", model.params());
        e.put("tokens", model.tokens());
        e.put("step", model.step());
        if (kind == Kind.EVALS) {
            evalFields(r, e);
        } else {
            e.put("value", positive(r, "loss", value));
            if (lr >= 0 && !f[lr].isBlank()) {
                e.put("learningRate", Numbers.parse(f[lr], r.where(lr)));
            }
        }
        return e;
    }

    /** Row {@code row} as a model of an eval table: its run, N, D and step; null when it has seen no token. */
    Map.Entry<String, Model> model(String[] f, long row) {
        String runName = runName(f);
        Model model = model(row(f, row), runName, row);
        return model == null ? null : Map.entry(runName != null ? runName : file.getFileName() + ":" + row, model);
    }

    private CsvTable.Row row(String[] f, long row) {
        if (f.length != header.size()) {
            throw new CliException(file + " row " + row + ": has " + f.length + " fields, the header has "
                    + header.size());
        }
        return new CsvTable.Row(file, header, (int) Math.min(row, Integer.MAX_VALUE), f);
    }

    private String runName(String[] f) {
        return o.run() != null ? o.run() : run >= 0 ? f[run].trim() : null;
    }

    private Model model(CsvTable.Row r, String runName, long row) {
        String[] f = r.fields();
        double params = n >= 0 ? positive(r, "N", n) : params(runName, row);
        // Without a step column a run's checkpoints are told apart by their row, and a row without a run is its own
        // run; an eval table's rows are benchmarks of one checkpoint, at step 0.
        long at = step >= 0 ? step(f[step], r.where(step)) : runName != null && kind != Kind.EVALS ? row : 0;
        if (d >= 0 && transformed("D", Numbers.parse(f[d], r.where(d))) == 0) {
            // Before the first token: no point of a law.
            return null;
        }
        double tokens = d >= 0 ? positive(r, "D", d) * o.tokensScale() : c >= 0 ? positive(r, "C", c) / (6 * params)
                : m >= 0 ? positive(r, "M", m) * params : at * o.tokensPerStep();
        return new Model(params, tokens, at);
    }

    private Model joined(String runName, long row) {
        Model model = runName == null ? null : o.models().get(runName);
        if (model == null) {
            throw new CliException(file.getFileName() + " row " + row + ": run '" + runName + "' is not in the "
                    + "--models file");
        }
        return model;
    }

    private void evalFields(CsvTable.Row r, ObjectNode e) {
        String name = r.fields()[benchmark].trim();
        e.put("benchmark", name);
        e.put("metric", metric);
        e.put("value", transformed(metric, Numbers.parse(r.fields()[value], r.where(value))));
        // Boxed on both sides: a ternary of a double and a Double unboxes, and a benchmark without a chance level
        // would throw.
        Double level = chance >= 0 && !r.fields()[chance].isBlank()
                ? Double.valueOf(transformed("chance", Numbers.parse(r.fields()[chance], r.where(chance))))
                : o.chances().get(name);
        if (level != null) {
            e.put("chance", level);
        }
    }

    /** N of a run without an N column: --params, or its entry in --params-map. */
    private double params(String runName, long row) {
        if (o.params() != null) {
            return o.params();
        }
        Double sized = runName == null ? null : o.paramsByRun().get(runName);
        if (sized == null) {
            throw new CliException(file.getFileName() + " row " + row + ": run '" + runName + "' is not in "
                    + "--params-map " + o.paramsByRun().keySet());
        }
        return sized;
    }

    private double positive(CsvTable.Row r, String role, int column) {
        double v = transformed(role, Numbers.parse(r.fields()[column], r.where(column)));
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new CliException(r.where(column) + " must be > 0, was " + r.fields()[column].trim()
                    + (o.transforms().containsKey(role) ? " (" + v + " after --transform)" : ""));
        }
        return v;
    }

    private double transformed(String role, double v) {
        Transform t = o.transforms().get(role);
        return t == null ? v : t.apply(v);
    }

    private static long step(String text, String where) {
        double v = Numbers.parse(text, where);
        if (v < 0 || v != Math.rint(v)) {
            throw new CliException(where + " must be a whole number >= 0, was " + text.trim());
        }
        return (long) v;
    }
}
