package io.scalecast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./scalecast import}: streams CSVs of past runs to ingest-service's batch REST a batch at a time (memory
 * bounded by one batch), with a progress bar on stderr; a state file beside each CSV records the rows the service
 * accepted, so an interrupted import resumes where it stopped, and ingest's idempotence stores nothing twice.
 */
@Command(name = "import", description = "Send CSVs of past runs' checkpoints to ingest-service, resumably.")
final class ImportCommand implements JsonCommand {

    private static final String DEFAULT_URL = "http://127.0.0.1:8081";
    /** Suffix of the state file written beside each input. */
    static final String STATE_SUFFIX = ".scalecast-import";

    @Option(names = "--input", paramLabel = "FILE.csv", required = true, description = "a CSV file (repeat)")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--family", paramLabel = "FAMILY", required = true, description = "the family of every row")
    String family;

    @Option(names = "--columns", paramLabel = "N=..,D=..,C=..,M=..,loss=..,run=..,step=..,lr=..",
            description = "which column is which, when the common names do not find them")
    String columns;

    @Option(names = "--params", paramLabel = "N",
            description = "N of every row, for a file without a parameters column (e.g. 2.5e7 or 25M)")
    String params;

    @Option(names = "--tokens-per-step", paramLabel = "T",
            description = "D = step x T, for a file without a tokens, FLOPs or token multiplier column")
    String tokensPerStep;

    @Option(names = "--run", paramLabel = "NAME", description = "the run of every row, for a file of one curve")
    String run;

    @Option(names = "--params-map", paramLabel = "RUN=N,...",
            description = "N by run name, for a file that names its models instead (e.g. small=125M,medium=350M)")
    String paramsMap;

    @Option(names = "--tokens-scale", paramLabel = "F", defaultValue = "1",
            description = "multiply the tokens column by F (e.g. 1e9 for billions of tokens)")
    String tokensScale;

    @Option(names = "--header", paramLabel = "NAME,...",
            description = "the column names of files without a header row (their first row is data)")
    String headerNames;

    @Option(names = "--filter", paramLabel = "column=value|value2", description = "send only matching rows (repeat)")
    List<String> filters = new ArrayList<>();

    @Option(names = "--transform", paramLabel = "ROLE=FUNCTION,...",
            description = "read a column through pow10, exp, ln or percent (e.g. D=pow10,loss=ln for log10 tokens "
                    + "and perplexities)")
    String transforms;

    @Option(names = "--evals", description = "the files hold evaluation results (benchmark, accuracy or error), "
            + "sent to /api/v1/evals")
    boolean evals;

    @Option(names = "--models", paramLabel = "FILE.csv",
            description = "with --evals: N, D and step of each run, from a checkpoint table read as import reads it")
    Path models;

    @Option(names = "--chances", paramLabel = "FILE.csv",
            description = "with --evals: each benchmark's chance accuracy (columns benchmark and chance)")
    Path chances;

    @Option(names = "--skip-bad-rows", description = "leave out (and count) rows with an unreadable value instead "
            + "of stopping")
    boolean skipBadRows;

    @Option(names = "--lab", paramLabel = "LAB", description = "the lab (default: the key's)")
    String lab;

    @Option(names = "--url", paramLabel = "INGEST_URL",
            description = "ingest-service (default $SCALECAST_INGEST_URL or " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--batch", paramLabel = "EVENTS", defaultValue = "5000", description = "events per request")
    int batch;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "8",
            description = "retries of a batch on 429, 5xx or a dropped connection, with backoff")
    int retries;

    @Option(names = "--restart", description = "ignore the state files and send every row again")
    boolean restart;

    private final CliContext context;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Map<String, Object> answer() throws Exception {
        if (batch < 1 || batch > 10_000) {
            throw new CliException("--batch must be 1 to 10000 (ingest's largest batch), was " + batch);
        }
        String key = context.env().get("SCALECAST_API_KEY");
        if (key == null || key.isBlank()) {
            throw new CliException("set SCALECAST_API_KEY to a write key of the lab");
        }
        String base = url != null ? url : context.env().getOrDefault("SCALECAST_INGEST_URL", DEFAULT_URL);
        ImportRows.Options options = options();
        Sender sender = new Sender(URI.create(base + (evals ? "/api/v1/evals" : "/api/v1/checkpoints")), key.trim());
        long started = System.nanoTime();
        List<Map<String, Object>> files = new ArrayList<>();
        long sent = 0;
        for (Path input : inputs) {
            Map<String, Object> report = importFile(input, options, sender);
            sent += (long) report.get("sent");
            files.add(report);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("family", family);
        out.put("files", files);
        out.put("sent", sent);
        out.put("seconds", Math.round(seconds * 10) / 10.0);
        out.put("rowsPerSecond", seconds > 0 ? Math.round(sent / seconds) : 0);
        return out;
    }

    /** Sends one file's rows after those its state file says were accepted. */
    private Map<String, Object> importFile(Path file, ImportRows.Options options, Sender sender) throws IOException {
        requireFile(file);
        long total = count(file);
        String selection = (evals ? "evals" : "checkpoints") + (filters.isEmpty() ? "" : " where " + filters);
        ImportState state = restart ? ImportState.fresh(file, family, lab, selection)
                : ImportState.read(file, family, lab, selection);
        long skip = state.rows();
        Progress progress = new Progress(context.err(), file.getFileName().toString(), total, skip);
        Tally tally = new Tally(file);
        try (CSVParser parser = CsvTable.parser(file)) {
            Iterator<CSVRecord> records = parser.iterator();
            ImportRows rows = ImportRows.of(file, header(file, records), evals ? ImportRows.Kind.EVALS
                    : ImportRows.Kind.CHECKPOINTS, options);
            long row = 0;
            ArrayNode events = json.createArrayNode();
            List<Long> rowsOf = new ArrayList<>();
            while (records.hasNext()) {
                String[] fields = records.next().values();
                row++;
                if (row <= skip) {
                    continue;
                }
                ObjectNode event = tally.event(rows, fields, row);
                if (event != null) {
                    events.add(event);
                    rowsOf.add(row);
                }
                if ((events.size() == batch || !records.hasNext()) && !events.isEmpty()) {
                    sender.send(events, rowsOf, file);
                    tally.sent += events.size();
                    state = state.at(row);
                    state.write();
                    progress.at(row);
                    events = json.createArrayNode();
                    rowsOf.clear();
                }
            }
        } catch (UncheckedIOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
        progress.done();
        return tally.report(total, skip);
    }

    /** An input's header: {@code --header}'s names, else the file's first row. */
    private List<String> header(Path file, Iterator<CSVRecord> records) {
        if (headerNames != null) {
            return Arrays.stream(headerNames.split(",")).map(String::trim).toList();
        }
        return firstRow(file, records);
    }

    private static List<String> firstRow(Path file, Iterator<CSVRecord> records) {
        if (!records.hasNext()) {
            throw new CliException(file + " is empty");
        }
        return records.next().stream().map(h -> h.replace("\uFEFF", "").trim()).toList();
    }

    /** What one file's rows became: sent, left out for want of a value, filtered out, or bad and skipped. */
    private final class Tally {

        private final Path file;
        private long sent;
        private long empty;
        private long filtered;
        private long bad;

        Tally(Path file) {
            this.file = file;
        }

        /** The row's event, or null when it is left out (counted). */
        ObjectNode event(ImportRows rows, String[] fields, long row) {
            if (!rows.kept(fields)) {
                filtered++;
                return null;
            }
            ObjectNode event;
            try {
                event = rows.event(fields, row, family, lab, json);
            } catch (CliException e) {
                if (!skipBadRows) {
                    throw e;
                }
                if (bad++ < 5) {
                    context.err().printf("%nscalecast: left out: %s%n", e.getMessage());
                }
                return null;
            }
            empty += event == null ? 1 : 0;
            return event;
        }

        Map<String, Object> report(long total, long skip) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("file", file.toString());
            report.put("rows", total);
            report.put("resumedAfter", skip);
            report.put("sent", sent);
            report.put("leftOut", empty);
            report.put("filteredOut", filtered);
            report.put("badRows", bad);
            if (empty > 0) {
                context.err().printf("%s: %,d rows without a value (an empty or NaN cell) or at 0 tokens were left "
                        + "out%n", file.getFileName(), empty);
            }
            if (bad > 0) {
                context.err().printf("%s: %,d rows with an unreadable value were left out (--skip-bad-rows)%n",
                        file.getFileName(), bad);
            }
            return report;
        }
    }

    /** What the options say for every file; with --evals, the models and chances files read. */
    private ImportRows.Options options() throws IOException {
        Map<String, Double> byRun = new LinkedHashMap<>();
        if (paramsMap != null) {
            for (String pair : paramsMap.split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new CliException("--params-map takes RUN=N pairs, got '" + pair + "'");
                }
                byRun.put(kv[0].trim(), Numbers.positive(kv[1], "--params-map " + kv[0].trim()));
            }
        }
        if (!evals && (models != null || chances != null)) {
            throw new CliException("--models and --chances go with --evals");
        }
        ImportRows.Options base = new ImportRows.Options(Dataset.columns(columns), Dataset.filters(filters),
                ImportRows.Transform.parse(transforms), params == null ? null : Numbers.positive(params, "--params"),
                tokensPerStep == null ? null : Numbers.positive(tokensPerStep, "--tokens-per-step"), run, byRun,
                Numbers.positive(tokensScale, "--tokens-scale"), Map.of(), Map.of());
        return base.withEvals(models(base), chances(base));
    }

    /** Each run's N, D and step in the --models file: its last row, read as a checkpoint import reads it. */
    private Map<String, ImportRows.Model> models(ImportRows.Options base) throws IOException {
        Map<String, ImportRows.Model> out = new LinkedHashMap<>();
        if (models == null) {
            return out;
        }
        requireFile(models);
        try (CSVParser parser = CsvTable.parser(models)) {
            Iterator<CSVRecord> records = parser.iterator();
            ImportRows rows = ImportRows.of(models, firstRow(models, records), ImportRows.Kind.MODELS, base);
            for (long row = 1; records.hasNext(); row++) {
                Map.Entry<String, ImportRows.Model> model = rows.model(records.next().values(), row);
                if (model != null) {
                    out.put(model.getKey(), model.getValue());
                }
            }
        }
        return out;
    }

    /** Each benchmark's chance accuracy in the --chances file, through --transform chance=... */
    private Map<String, Double> chances(ImportRows.Options base) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (chances == null) {
            return out;
        }
        CsvTable t = CsvTable.read(chances, Map.of());
        int benchmark = t.column("benchmark", Map.of(), true);
        int chance = t.column("chance", Map.of(), true);
        ImportRows.Transform transform = base.transforms().get("chance");
        for (CsvTable.Row r : t.rows()) {
            if (!r.fields()[chance].isBlank()) {
                double v = Numbers.parse(r.fields()[chance], r.where(chance));
                out.put(r.fields()[benchmark].trim(), transform == null ? v : transform.apply(v));
            }
        }
        return out;
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("no such file: " + file);
        }
    }

    /** The data rows of a file, counted in a streaming pass so that the progress bar knows its end. */
    private long count(Path file) throws IOException {
        try (CSVParser parser = CsvTable.parser(file)) {
            long n = headerNames != null ? 0 : -1;
            for (Iterator<CSVRecord> it = parser.iterator(); it.hasNext(); it.next()) {
                n++;
            }
            if (n < 1) {
                throw new CliException(file + " has no data rows");
            }
            return n;
        }
    }

    /** Posts batches, retrying what may pass later: 429 (after its Retry-After), 5xx and dropped connections. */
    private final class Sender {

        private final URI uri;
        private final String key;

        Sender(URI uri, String key) {
            this.uri = uri;
            this.key = key;
        }

        void send(ArrayNode events, List<Long> rows, Path file) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(events.toString())).build();
            for (int attempt = 0; ; attempt++) {
                String why;
                long waitMillis = Math.min(30_000, 500L << Math.min(attempt, 6));
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    int status = response.statusCode();
                    if (status < 300) {
                        return;
                    }
                    if (status != 429 && status < 500) {
                        throw refused(status, response.body(), rows, file);
                    }
                    why = "ingest-service answered " + status;
                    waitMillis = response.headers().firstValueAsLong("Retry-After").orElse(waitMillis / 1000) * 1000;
                } catch (IOException e) {
                    why = "cannot reach ingest-service at " + uri + ": " + e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                if (attempt >= retries) {
                    throw new IllegalStateException(why + "; " + (attempt + 1) + " attempts. The rows accepted so far"
                            + " are in " + file + STATE_SUFFIX + ": run the same command again to resume");
                }
                context.err().printf("%nscalecast: %s; retrying in %.1f s%n", why, waitMillis / 1000.0);
                sleep(waitMillis);
            }
        }

        /** A 4xx: bad input, named by the file's row and the service's reason. */
        private CliException refused(int status, String body, List<Long> rows, Path file) {
            String reason = body;
            try {
                var node = json.readTree(body);
                reason = node.path("error").asText(body);
                if (node.path("index").isInt()) {
                    reason = file.getFileName() + " row " + rows.get(node.path("index").asInt()) + ": " + reason;
                }
            } catch (IOException e) {
                // Not JSON: the body as it came.
            }
            return new CliException("ingest-service answered " + status + ": " + reason);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
