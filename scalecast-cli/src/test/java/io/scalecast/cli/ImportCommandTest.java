package io.scalecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./scalecast import} against a stub ingest-service that stores events by natural key, as ingest does. */
class ImportCommandTest {

    private final ObjectMapper json = new ObjectMapper();
    /** Events by natural key (run, step): a key sent twice is stored once. */
    private final Map<String, JsonNode> stored = new ConcurrentHashMap<>();
    /** Eval results by natural key (run, step, benchmark). */
    private final Map<String, JsonNode> evals = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    /** Requests answered 202 before the stub answers 503 to every other. */
    private volatile int acceptBeforeOutage = Integer.MAX_VALUE;
    private HttpServer server;
    private Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/checkpoints", this::checkpoints);
        server.createContext("/api/v1/evals", this::evals);
        server.start();
        env = Map.of("SCALECAST_API_KEY", "sc_test_key", "SCALECAST_INGEST_URL",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsEveryRowInBatchesWithAProgressBarAndASecondImportSendsNothing() throws Exception {
        Path csv = curves(3, 4000);

        CliRun first = CliRun.run(env, "import", "--input", csv.toString(), "--family", "sweep", "--batch", "5000");

        assertThat(first.answer()).containsEntry("sent", 12_000);
        assertThat(requests.get()).isEqualTo(3);
        assertThat(stored).hasSize(12_000);
        JsonNode e = stored.get("n2/17");
        assertThat(e.get("family").asText()).isEqualTo("sweep");
        assertThat(e.has("lab")).as("the key decides the lab").isFalse();
        assertThat(e.get("params").asDouble()).isEqualTo(3e8);
        assertThat(e.get("tokens").asDouble()).isEqualTo(17 * 1e6);
        assertThat(e.get("value").asDouble()).isEqualTo(loss(3e8, 17e6));
        assertThat(e.get("learningRate").asDouble()).isEqualTo(3e-4);
        assertThat(first.err()).contains("100%").contains("12,000/12,000 rows");

        CliRun second = CliRun.run(env, "import", "--input", csv.toString(), "--family", "sweep");
        assertThat(second.answer()).containsEntry("sent", 0);
        assertThat(requests.get()).isEqualTo(3);
        CliRun again = CliRun.run(env, "import", "--input", csv.toString(), "--family", "sweep", "--restart");
        assertThat(again.answer()).containsEntry("sent", 12_000);
        assertThat(stored).as("sent twice, stored once").hasSize(12_000);
    }

    @Test
    void anInterruptedImportResumesAfterTheLastAcceptedBatch() throws Exception {
        Path csv = curves(3, 4000);
        acceptBeforeOutage = 1;

        CliRun cut = CliRun.run(env, "import", "--input", csv.toString(), "--family", "sweep", "--batch", "5000",
                "--retries", "1");

        assertThat(cut.code()).isEqualTo(1);
        assertThat(cut.err()).contains("ingest-service answered 503").contains("retrying")
                .contains("run the same command again to resume");
        assertThat(stored).hasSize(5000);
        assertThat(Files.readString(dir.resolve("curves.csv" + ImportCommand.STATE_SUFFIX))).contains("\"rows\":5000");

        acceptBeforeOutage = Integer.MAX_VALUE;
        CliRun resumed = CliRun.run(env, "import", "--input", csv.toString(), "--family", "sweep", "--batch", "5000");
        Map<String, Object> answer = resumed.answer();
        assertThat(answer).containsEntry("sent", 7000);
        assertThat(resumed.err()).contains("resuming after row 5,000 of 12,000");
        assertThat(stored).hasSize(12_000);
    }

    @Test
    void aBadRowIsNamedAndNothingOfItsBatchIsSent() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "run,params,tokens,step,loss\nr1,1e8,1e6,1,3.0\nr1,1e8,2e6,2,oops\n");

        CliRun bad = CliRun.run(env, "import", "--input", csv.toString(), "--family", "f");

        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.csv row 2, column 'loss'");
        assertThat(requests.get()).isZero();
    }

    @Test
    void aRowWithoutALossIsLeftOutAndCounted() throws Exception {
        Path csv = dir.resolve("wide.csv");
        Files.writeString(csv, "run,params,tokens,step,loss,other\nr1,1e8,1e6,1,3.0,1\nr1,1e8,2e6,2,,2\n"
                + "r1,1e8,3e6,3,2.9,\n");

        Map<String, Object> answer = CliRun.run(env, "import", "--input", csv.toString(), "--family", "f").answer();

        assertThat(answer).containsEntry("sent", 2);
        assertThat(stored.keySet()).containsExactlyInAnyOrder("r1/1", "r1/3");
    }

    @Test
    void namedModelsGetTheirSizesFromAMapAndTokensInBillionsAreScaled() throws Exception {
        Path gpt3 = Files.copy(Path.of("../data/hitchhiker-colpret/gpt3_extracted.csv"), dir.resolve("gpt3.csv"));
        String sizes = "small=125M,medium=350M,large=760M,xl=1.3B,2.7b=2.7B,6.7b=6.7B,13b=13B,175b=175B";

        Map<String, Object> answer = CliRun.run(env, "import", "--input", gpt3.toString(), "--family", "gpt3",
                "--columns", "D=step,loss=train_loss", "--tokens-scale", "1e9", "--params-map", sizes).answer();

        // The rows of validation losses only have no train_loss: left out, not refused.
        assertThat(answer).containsEntry("sent", 5591);
        JsonNode first = stored.get("small/1");
        assertThat(first.get("params").asDouble()).isEqualTo(1.25e8);
        assertThat(first.get("tokens").asDouble()).isCloseTo(11.66757962e9, Offset.offset(1.0));
        assertThat(first.get("value").asDouble()).isEqualTo(3.479039818);

        CliRun unknown = CliRun.run(env, "import", "--input", gpt3.toString(), "--family", "gpt3", "--restart",
                "--columns", "D=step,loss=train_loss", "--params-map", "small=125M");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("run 'medium' is not in --params-map [small]");
    }

    @Test
    void importsTheBundledTablesByTheirCommonColumnNames() throws Exception {
        // A copy, since the import writes its state beside the file.
        Path epoch = Files.copy(Path.of("../data/chinchilla-epoch/svg_extracted_data.csv"),
                dir.resolve("svg_extracted_data.csv"));

        CliRun run = CliRun.run(env, "import", "--input", epoch.toString(), "--family", "chinchilla");

        assertThat(run.answer()).containsEntry("sent", 245);
        JsonNode row = stored.get("svg_extracted_data.csv:1/0");
        assertThat(row.get("tokens").asDouble() * row.get("params").asDouble() * 6).isPositive();
    }

    @Test
    void aCurveFileOfOneRunTakesItsSizeRunAndTokensPerStepFromOptions() throws Exception {
        Path wsd = Files.copy(Path.of("../data/multipower-lr-schedules/csv_25/wsd_20000_24000.csv"),
                dir.resolve("wsd.csv"));
        CliRun missing = CliRun.run(env, "import", "--input", wsd.toString(), "--family", "mpl");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--tokens-per-step");

        CliRun run = CliRun.run(env, "import", "--input", wsd.toString(), "--family", "mpl", "--params", "25M",
                "--tokens-per-step", "1048576", "--run", "wsd");

        long rows = Files.lines(wsd).count() - 1;
        assertThat(run.answer()).containsEntry("sent", (int) rows);
        JsonNode first = stored.get("wsd/2176");
        assertThat(first.get("params").asDouble()).isEqualTo(2.5e7);
        assertThat(first.get("tokens").asDouble()).isEqualTo(2176 * 1048576.0);
        assertThat(first.get("learningRate").asDouble()).isEqualTo(3e-4);
        assertThat(first.get("value").asDouble()).isEqualTo(4.0723);
    }

    @Test
    void logTokensAndPerplexitiesAreReadThroughTransforms() throws Exception {
        Path opt = copy("hitchhiker-colpret/opt_trajectories.csv");

        Map<String, Object> answer = CliRun.run(env, "import", "--input", opt.toString(), "--family", "opt",
                "--columns", "N=model_size,run=model_size,step=steps,D=num_token,loss=ppl",
                "--transform", "D=pow10,loss=ln").answer();

        assertThat(answer).containsEntry("sent", 142);
        // OPT,125m,2000,9.0,17.87...,67.52265444265277: log10 tokens and a perplexity.
        JsonNode first = stored.get("125m/2000");
        assertThat(first.get("params").asDouble()).isEqualTo(1.25e8);
        assertThat(first.get("tokens").asDouble()).isCloseTo(1e9, Offset.offset(1e-3));
        assertThat(first.get("value").asDouble()).isCloseTo(Math.log(67.52265444265277), Offset.offset(1e-12));

        CliRun unknown = CliRun.run(env, "import", "--input", opt.toString(), "--family", "opt", "--restart",
                "--transform", "D=log2");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--transform functions are pow10, exp, ln and percent, got 'log2'");
    }

    @Test
    void aFileWithoutAHeaderRowTakesItsColumnNamesFromTheCommand() throws Exception {
        Path redpajama = copy("hitchhiker-colpret/redpajama_incite_2.4B_train_loss.csv");

        Map<String, Object> answer = CliRun.run(env, "import", "--input", redpajama.toString(), "--family", "rp",
                "--header", "tokens,loss", "--tokens-scale", "1e9", "--params", "2.4B", "--run", "incite-2.4b")
                .answer();

        assertThat(answer).containsEntry("sent", 72);
        // 63.50160256410254, 2.3911838370579788: the first row is data, billions of tokens; step = row.
        JsonNode first = stored.get("incite-2.4b/1");
        assertThat(first.get("tokens").asDouble()).isCloseTo(63.50160256410254e9, Offset.offset(1.0));
        assertThat(first.get("value").asDouble()).isEqualTo(2.3911838370579788);
        assertThat(first.get("params").asDouble()).isEqualTo(2.4e9);
    }

    @Test
    void filtersKeepOneDataSetAndUnreadableRowsAreLeftOutOnlyWhenAsked() throws Exception {
        Path moe = copy("hitchhiker-colpret/IBM_MoE.csv");
        String[] args = {"import", "--input", moe.toString(), "--family", "moe", "--filter", "data=Pile",
            "--columns", "run=Model,loss=wikitext ppl", "--transform", "loss=ln"};

        CliRun strict = CliRun.run(env, args);
        assertThat(strict.code()).isEqualTo(2);
        // ST-k2,Pile,4B,,Pile,...: its final evaluation names the data set instead of the tokens.
        assertThat(strict.err()).contains("IBM_MoE.csv row 11, column 'tokens_seen' is not a number: 'Pile'");

        List<String> skipping = new ArrayList<>(List.of(args));
        skipping.addAll(List.of("--restart", "--skip-bad-rows"));
        Map<String, Object> answer = CliRun.run(env, skipping.toArray(String[]::new)).answer();
        Map<?, ?> file = (Map<?, ?>) ((List<?>) answer.get("files")).get(0);
        assertThat(file.get("filteredOut")).as("IBM Pile and the blank separator rows").isEqualTo(15);
        assertThat(file.get("badRows")).isEqualTo(4);
        assertThat(answer).containsEntry("sent", 54);
        JsonNode first = stored.get("ST-k2/1");
        assertThat(first.get("params").asDouble()).isEqualTo(4e9);
        assertThat(first.get("tokens").asDouble()).isEqualTo(64e9);
        assertThat(first.get("value").asDouble()).isCloseTo(Math.log(18.6648), Offset.offset(1e-12));
        Map<String, Object> other = CliRun.run(env, "import", "--input", moe.toString(), "--family", "moe",
                "--filter", "data=IBM Pile", "--columns", "run=Model,loss=wikitext ppl", "--transform", "loss=ln",
                "--skip-bad-rows").answer();
        assertThat(other).as("another filter is another import of the file").containsEntry("sent", 7);

        Path revisiting = copy("hitchhiker-colpret/revisiting_lang.csv");
        Map<String, Object> lm = CliRun.run(env, "import", "--input", revisiting.toString(), "--family", "lm",
                "--filter", "Domain=LM", "--columns", "N=Model,run=Model,D=Seen Examples,loss=Loss").answer();
        assertThat(lm).containsEntry("sent", 916);
    }

    @Test
    void evalTablesTakeTheirModelsCheckpointsAndTheirTasksChanceLevels() throws Exception {
        Path models = copy("gadre-overtraining/gadre_models.csv");
        Path results = copy("gadre-overtraining/gadre_downstream_long.csv");
        Path tasks = copy("gadre-overtraining/eval_metadata.csv");
        Map<String, Object> losses = CliRun.run(env, "import", "--input", models.toString(), "--family", "gadre",
                "--columns", "run=name,loss=loss_c4_val").answer();
        assertThat(losses).containsEntry("sent", 104);

        Map<String, Object> answer = CliRun.run(env, "import", "--evals", "--input", results.toString(),
                "--family", "gadre", "--columns", "run=name", "--models", models.toString(), "--chances",
                tasks.toString(), "--transform", "chance=percent").answer();

        assertThat(answer).containsEntry("sent", 4784);
        String model = "c4_original-d=1024_l=24_h=8-0.25";
        JsonNode loss = stored.get(model + "/1");
        JsonNode eval = evals.get(model + "/1/hellaswag_zeroshot");
        assertThat(eval.get("params").asDouble()).isEqualTo(loss.get("params").asDouble()).isEqualTo(411616256);
        assertThat(eval.get("tokens").asDouble()).isEqualTo(2058081280);
        assertThat(eval.get("metric").asText()).isEqualTo("accuracy");
        assertThat(eval.get("chance").asDouble()).isEqualTo(0.25);
        assertThat(evals.get(model + "/1/agi_eval_lsat_ar").get("value").asDouble())
                .isEqualTo(0.20000000298023224);

        CliRun unjoined = CliRun.run(env, "import", "--evals", "--input", results.toString(), "--family", "g",
                "--restart", "--columns", "run=name", "--params", "1e8");
        assertThat(unjoined.code()).isEqualTo(2);
        assertThat(unjoined.err()).contains("no tokens column (D)");
    }

    @Test
    void evalsWithTheirOwnSizesAndNoChanceLevelImportWithoutOne() throws Exception {
        // bench/replay.sh's history: no --models join, no --chances, no chance column.
        Path table = dir.resolve("evals.csv");
        Files.writeString(table, "run,params,tokens,step,benchmark,accuracy\n"
                + "r0,1e+07,20000000,2,bench-0,0.24830\nr0,1e+07,20000000,2,bench-1,0.25093\n");

        Map<String, Object> answer = CliRun.run(env, "import", "--evals", "--input", table.toString(), "--family",
                "h").answer();

        assertThat(answer).containsEntry("sent", 2);
        JsonNode eval = evals.get("r0/2/bench-1");
        assertThat(eval.get("value").asDouble()).isEqualTo(0.25093);
        assertThat(eval.get("params").asDouble()).isEqualTo(1e7);
        assertThat(eval.has("chance")).isFalse();
    }

    @Test
    void everyBundledTableImportsWithTheOptionsDocsAccessMdGivesForIt() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../docs/access.md"));
        int first = lines.indexOf("  | file | options |") + 2;
        List<String> imported = new ArrayList<>();
        for (String line : lines.subList(first, lines.size())) {
            if (!line.startsWith("  |")) {
                break;
            }
            String[] cells = line.split("\\|");
            List<String> options = quoted(cells[2]).stream().filter(q -> q.startsWith("--")).limit(1)
                    .flatMap(q -> words(q.replace("data/", "../data/")).stream()).toList();
            for (String pattern : quoted(cells[1]).stream().filter(q -> q.startsWith("data/")).toList()) {
                for (Path file : files(pattern)) {
                    List<String> args = new ArrayList<>(List.of("import", "--input", copy(file).toString(),
                            "--family", "t" + imported.size()));
                    args.addAll(options);
                    CliRun run = CliRun.run(env, args.toArray(String[]::new));
                    assertThat(run.code()).as("%s %s: %s", file, options, run.err()).isZero();
                    assertThat(((Number) run.answer().get("sent")).longValue()).as("%s", file).isPositive();
                    imported.add(file.getFileName().toString());
                }
            }
        }
        // Every CSV in data/ but the tasks' chance levels, which the evals' row reads through --chances.
        try (var all = Files.walk(Path.of("../data"))) {
            assertThat(imported).containsExactlyInAnyOrderElementsOf(all.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".csv") && !f.equals("eval_metadata.csv")).toList());
        }
    }

    private Path curves(int runs, int steps) throws IOException {
        List<String> lines = new ArrayList<>(List.of("model,params,tokens,step,loss,lr"));
        for (int r = 0; r < runs; r++) {
            double n = 1e8 * (r + 1);
            for (int s = 1; s <= steps; s++) {
                lines.add(String.format(Locale.ROOT, "n%d,%s,%s,%d,%s,3e-4", r, n, s * 1e6, s, loss(n, s * 1e6)));
            }
        }
        Path csv = dir.resolve("curves.csv");
        Files.write(csv, lines);
        return csv;
    }

    private static double loss(double n, double d) {
        return 1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28);
    }

    private void checkpoints(HttpExchange exchange) throws IOException {
        int n = requests.incrementAndGet();
        JsonNode events = json.readTree(exchange.getRequestBody());
        assertThat(exchange.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer sc_test_key");
        if (n > acceptBeforeOutage) {
            answer(exchange, 503, "{\"error\":\"broker unavailable\"}");
            return;
        }
        events.forEach(e -> stored.put(e.get("run").asText() + "/" + e.get("step").asLong(), e));
        answer(exchange, 202, "{\"accepted\":" + events.size() + "}");
    }

    private void evals(HttpExchange exchange) throws IOException {
        JsonNode events = json.readTree(exchange.getRequestBody());
        events.forEach(e -> evals.put(e.get("run").asText() + "/" + e.get("step").asLong() + "/"
                + e.get("benchmark").asText(), e));
        answer(exchange, 202, "{\"accepted\":" + events.size() + "}");
    }

    /** A copy of a bundled file, since the import writes its state beside the file. */
    private Path copy(String data) throws IOException {
        return copy(Path.of("../data", data));
    }

    private Path copy(Path source) throws IOException {
        Path folder = Files.createTempDirectory(dir, "copy");
        return Files.copy(source, folder.resolve(source.getFileName()));
    }

    /** The backticked parts of a Markdown table cell. */
    private static List<String> quoted(String cell) {
        List<String> out = new ArrayList<>();
        String[] parts = cell.split("`");
        for (int i = 1; i < parts.length; i += 2) {
            out.add(parts[i]);
        }
        return out;
    }

    /** A command line's words as a shell splits them: double quotes group and are removed. */
    private static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quotedNow = false;
        for (char ch : command.toCharArray()) {
            if (ch == '"') {
                quotedNow = !quotedNow;
            } else if (ch == ' ' && !quotedNow) {
                if (word.length() > 0) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(ch);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }

    /** The files of {@code data/...} a table row names, a {@code *} matching any name in its folder. */
    private static List<Path> files(String pattern) throws IOException {
        Path path = Path.of("..", pattern);
        if (!path.getFileName().toString().contains("*")) {
            return List.of(path);
        }
        try (var listing = Files.newDirectoryStream(path.getParent(), path.getFileName().toString())) {
            List<Path> out = new ArrayList<>();
            listing.forEach(out::add);
            return out;
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
