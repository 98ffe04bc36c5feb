package io.scalecast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
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
        Sender sender = new Sender(URI.create(base + "/api/v1/checkpoints"), key.trim());
        long started = System.nanoTime();
        List<Map<String, Object>> files = new ArrayList<>();
        long sent = 0;
        for (Path input : inputs) {
            Map<String, Object> report = importFile(input, sender);
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
    private Map<String, Object> importFile(Path file, Sender sender) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException("no such file: " + file);
        }
        long total = count(file);
        ImportState state = restart ? ImportState.fresh(file, family, lab) : ImportState.read(file, family, lab);
        long skip = state.rows();
        Progress progress = new Progress(context.err(), file.getFileName().toString(), total, skip);
        long sent = 0;
        long empty = 0;
        try (CSVParser parser = parser(file)) {
            Iterator<CSVRecord> records = parser.iterator();
            Columns cols = Columns.of(file, records.next(), Dataset.columns(columns), fixed());
            long row = 0;
            ArrayNode events = json.createArrayNode();
            List<Long> rowsOf = new ArrayList<>();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                row++;
                if (row <= skip) {
                    continue;
                }
                ObjectNode event = cols.event(record, row, family, lab, json);
                if (event == null) {
                    empty++;
                } else {
                    events.add(event);
                    rowsOf.add(row);
                }
                if ((events.size() == batch || !records.hasNext()) && !events.isEmpty()) {
                    sender.send(events, rowsOf, file);
                    sent += events.size();
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
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", file.toString());
        report.put("rows", total);
        report.put("resumedAfter", skip);
        report.put("sent", sent);
        report.put("leftOut", empty);
        if (empty > 0) {
            context.err().printf("%s: %,d rows without a loss (an empty or NaN cell) or at 0 tokens were left out%n",
                    file.getFileName(), empty);
        }
        return report;
    }

    /** What the options give for every row, where the file has no column for it. */
    private Fixed fixed() {
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
        return new Fixed(params == null ? null : Numbers.positive(params, "--params"),
                tokensPerStep == null ? null : Numbers.positive(tokensPerStep, "--tokens-per-step"), run, byRun,
                Numbers.positive(tokensScale, "--tokens-scale"));
    }

    /**
     * Values for every row of a file that has no column for them (null: none given).
     *
     * @param params N
     * @param tokensPerStep tokens per step, D = step × this
     * @param run the run's name
     * @param paramsByRun N by run name
     * @param tokensScale the factor of the tokens column
     */
    private record Fixed(Double params, Double tokensPerStep, String run, Map<String, Double> paramsByRun,
                         double tokensScale) {
    }

    /** The data rows of a file, counted in a streaming pass so that the progress bar knows its end. */
    private static long count(Path file) throws IOException {
        try (CSVParser parser = parser(file)) {
            long n = -1;
            for (Iterator<CSVRecord> it = parser.iterator(); it.hasNext(); it.next()) {
                n++;
            }
            if (n < 1) {
                throw new CliException(file + " has no data rows");
            }
            return n;
        }
    }

    private static CSVParser parser(Path file) throws IOException {
        String first;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = r.readLine();
        }
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return CSVFormat.RFC4180.builder().setDelimiter(CsvTable.delimiter(first == null ? "" : first))
                .setIgnoreEmptyLines(true).get().parse(reader);
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

    /** Which column holds what, found by the CLI's common names or --columns, and a row as a checkpoint event. */
    private record Columns(Path file, List<String> header, int n, int d, int c, int m, int loss, int run, int step,
                           int lr, Fixed fixed) {

        static Columns of(Path file, CSVRecord headerRecord, Map<String, String> named, Fixed fixed) {
            List<String> header = headerRecord.stream().map(h -> h.replace("\uFEFF", "").trim()).toList();
            CsvTable t = new CsvTable(file, ',', header, List.of(), 0);
            int d = t.column("D", named, false);
            int c = d >= 0 ? -1 : t.column("C", named, false);
            int m = d >= 0 || c >= 0 ? -1 : t.column("M", named, false);
            int found = t.column("step", named, fixed.tokensPerStep() != null);
            // A step column that is the tokens column (GPT-3's digitised curves) is no step.
            int step = found == d ? -1 : found;
            if (d < 0 && c < 0 && m < 0 && fixed.tokensPerStep() == null) {
                throw new CliException(file + ": no tokens column (D), compute (C) or token multiplier (M) among "
                        + header + "; name one with --columns D=..., or give --tokens-per-step for D = step x T");
            }
            boolean given = fixed.params() != null || !fixed.paramsByRun().isEmpty();
            int n = given ? -1 : t.column("N", named, false);
            if (n < 0 && !given) {
                throw new CliException(file + ": no N column among " + header + "; name it with --columns N=..., or"
                        + " give --params for a file of one model size or --params-map for named models");
            }
            return new Columns(file, header, n, d, c, m, t.column("loss", named, true),
                    fixed.run() != null ? -1 : t.column("run", named, false), step, t.column("lr", named, false),
                    fixed);
        }

        /**
         * Row {@code row} (1 = the first data row) as an event, or null when its loss cell is empty or NaN (as
         * pandas writes a missing value: wide tables of several metrics leave a metric out of some rows) or it has
         * seen no token yet.
         */
        ObjectNode event(CSVRecord record, long row, String family, String lab, ObjectMapper json) {
            String[] f = record.values();
            if (f.length != header.size()) {
                throw new CliException(file + " row " + row + ": has " + f.length + " fields, the header has "
                        + header.size());
            }
            if (f[loss].isBlank() || f[loss].trim().equalsIgnoreCase("nan")) {
                return null;
            }
            CsvTable.Row r = new CsvTable.Row(file, header, (int) Math.min(row, Integer.MAX_VALUE), f);
            String runName = fixed.run() != null ? fixed.run() : run >= 0 ? f[run].trim() : null;
            double params = n >= 0 ? r.positive(n) : params(runName, row);
            // Without a step column a run's rows are told apart by their row; a row without a run is its own run.
            long at = step >= 0 ? step(f[step], r.where(step)) : runName != null ? row : 0;
            if (d >= 0 && Numbers.parse(f[d], r.where(d)) == 0) {
                // Before the first token: no point of a law.
                return null;
            }
            double tokens = d >= 0 ? r.positive(d) * fixed.tokensScale() : c >= 0 ? r.positive(c) / (6 * params)
                    : m >= 0 ? r.positive(m) * params : at * fixed.tokensPerStep();
            ObjectNode e = json.createObjectNode();
            e.put("schemaVersion", 1);
            if (lab != null) {
                e.put("lab", lab);
            }
            e.put("family", family);
            // Without a run column each row is its own run (a table of final losses), as for ./scalecast fit.
            e.put("run", runName != null ? runName : file.getFileName() + ":" + row);
            e.put("params", params);
            e.put("tokens", tokens);
            e.put("step", at);
            e.put("value", r.positive(loss));
            if (lr >= 0 && !f[lr].isBlank()) {
                e.put("learningRate", Numbers.parse(f[lr], r.where(lr)));
            }
            return e;
        }

        /** N of a run without an N column: --params, or its entry in --params-map. */
        private double params(String runName, long row) {
            if (fixed.params() != null) {
                return fixed.params();
            }
            Double n = runName == null ? null : fixed.paramsByRun().get(runName);
            if (n == null) {
                throw new CliException(file.getFileName() + " row " + row + ": run '" + runName + "' is not in "
                        + "--params-map " + fixed.paramsByRun().keySet());
            }
            return n;
        }

        private static long step(String text, String where) {
            double v = Numbers.parse(text, where);
            if (v < 0 || v != Math.rint(v)) {
                throw new CliException(where + " must be a whole number >= 0, was " + text.trim());
            }
            return (long) v;
        }
    }
}
