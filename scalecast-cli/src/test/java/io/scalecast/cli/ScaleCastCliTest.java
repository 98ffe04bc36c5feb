package io.scalecast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleCastCliTest {

    private static final String EPOCH = "../data/chinchilla-epoch/svg_extracted_data.csv";
    private static final String GADRE = "../data/gadre-overtraining/gadre_models.csv";
    private static final String DATABLATIONS = "../data/datablations/datablations_1epoch_losses.csv";
    private static final String COLPRET = "../data/hitchhiker-colpret";
    private static final String MPL = "../data/multipower-lr-schedules/csv_25";

    @TempDir
    Path tmp;

    @Test
    void fitReproducesEpochAndPredictAnswersFromTheFitFile() throws Exception {
        Result fit = run("fit", "--input", EPOCH, "--drop-highest-loss", "5", "--bootstrap", "200");
        assertThat(fit.json().get("search").asText()).isEqualTo("the 4,500-start grid on every point");

        assertThat(fit.code).as(fit.err).isZero();
        JsonNode p = fit.json().get("params");
        assertThat(p.get("E").asDouble()).isCloseTo(1.81724, within(1e-3));
        assertThat(p.get("A").asDouble()).isCloseTo(477.84, within(4.78));
        assertThat(p.get("B").asDouble()).isCloseTo(2143.86, within(21.4));
        assertThat(p.get("alpha").asDouble()).isCloseTo(0.347313, within(1e-3));
        assertThat(p.get("beta").asDouble()).isCloseTo(0.367183, within(1e-3));
        assertThat(fit.json().get("objective").asDouble()).isLessThanOrEqualTo(1.01830e-3);
        assertThat(fit.json().at("/data/points").asInt()).isEqualTo(240);
        assertThat(fit.json().at("/intervals/alpha/lower").asDouble()).isLessThan(p.get("alpha").asDouble());
        assertThat(fit.err).contains("fitting 240 points");

        Path file = tmp.resolve("fit.json");
        Files.writeString(file, fit.out);
        Result loss = run("predict", "--fit", file.toString(), "--params", "70e9", "--tokens", "1.4e12");
        double expected = p.get("E").asDouble() + p.get("A").asDouble() / Math.pow(70e9, p.get("alpha").asDouble())
                + p.get("B").asDouble() / Math.pow(1.4e12, p.get("beta").asDouble());
        assertThat(loss.json().get("loss").asDouble()).isCloseTo(expected, within(1e-12));
        assertThat(loss.json().at("/interval/lower").asDouble()).isLessThan(expected);
        assertThat(loss.json().at("/interval/upper").asDouble()).isGreaterThan(expected);
        // Chinchilla 70B lies past Epoch's largest model (16B): the paper's own extrapolation.
        assertThat(loss.json().at("/extrapolation/paramsRatio").asDouble()).isBetween(1.0, 10.0);
        Result inside = run("predict", "--fit", file.toString(), "--params", "1e9", "--tokens", "2e10");
        assertThat(inside.json().at("/extrapolation/beyondData").asBoolean()).isFalse();
        assertThat(inside.json().get("warnings")).isEmpty();
        Result far = run("predict", "--fit", file.toString(), "--params", "1e40", "--tokens", "1e40");
        assertThat(far.json().at("/extrapolation/beyondData").asBoolean()).isTrue();
        assertThat(far.json().at("/extrapolation/paramsRatio").asDouble()).isGreaterThan(1e28);
        assertThat(far.json().get("warnings").toString()).contains("beyond the fitted data");
        assertThat(far.err).contains("warning: beyond the fitted data: N is");
        // Every answer says what its law rests on: Epoch's points are one run each, of many distinct sizes.
        int sizes = fit.json().at("/data/sizes").asInt();
        assertThat(sizes).isGreaterThan(100).isLessThan(fit.json().at("/data/runs").asInt());
        for (Result answer : List.of(loss, far, run("predict", "--fit", file.toString(), "--flops", "5.76e23"))) {
            assertThat(answer.json().at("/restsOn/runs").asInt()).isEqualTo(240);
            assertThat(answer.json().at("/restsOn/sizes").asInt()).isEqualTo(sizes);
        }

        assertPlansFromTheFitFile(file);
        assertComparesFitFiles(file);

        // Epoch's fit as the donor of a prior for a family of two sizes.
        Path thin = tmp.resolve("thin.csv");
        StringBuilder csv = new StringBuilder("params,tokens,loss,run\n");
        for (double n : new double[] {1e8, 3e8}) {
            for (int k = 1; k <= 10; k++) {
                double d = 2e9 * k * n / 1e8;
                csv.append(n).append(',').append(d).append(',')
                        .append(1.81724 + 477.84 / Math.pow(n, 0.347313) + 2143.86 / Math.pow(d, 0.367183))
                        .append(",r").append(n).append('\n');
            }
        }
        Files.writeString(thin, csv.toString());
        Result borrowed = run("fit", "--input", thin.toString(), "--prior-from", file.toString(), "--bootstrap", "0",
                "--token-cut", "none");
        assertThat(borrowed.code).as(borrowed.err).isZero();
        assertThat(borrowed.json().at("/config/priors")).hasSize(2);
        assertThat(borrowed.json().at("/config/freeParameters").asInt()).isEqualTo(5);
        assertThat(borrowed.json().at("/params/alpha").asDouble()).isCloseTo(0.347313, within(0.03));
        assertThat(run("fit", "--input", thin.toString(), "--prior", "alpha=0.3", "--bootstrap", "0").err)
                .contains("--prior takes name=mean:sd");

        Result optimal = run("predict", "--fit", file.toString(), "--flops", "5.76e23");
        JsonNode o = optimal.json();
        assertThat(6 * o.get("params").asDouble() * o.get("tokens").asDouble()).isCloseTo(5.76e23, within(1e15));
        assertThat(o.at("/paramsInterval/lower").asDouble()).isLessThan(o.get("params").asDouble());
    }

    @Test
    void aLongFamilyIsSearchedOnASubsampleAndItsLawSaysSo() throws Exception {
        // 8 runs of 1,000 checkpoints of a known law with 0.5% noise: above 2,000 points the grid runs on a
        // subsample and the best optima descend on every point (Epoch's 240 points keep the whole grid, above).
        Path csv = tmp.resolve("long.csv");
        StringBuilder rows = new StringBuilder("run,params,tokens,step,loss\n");
        Random noise = new Random(4);
        for (double n : new double[] {1e7, 2e7, 5e7, 1.2e8, 3e8, 7e8, 1.5e9, 3e9}) {
            for (int k = 1; k <= 1000; k++) {
                double d = 20 * n * k / 1000;
                double loss = (1.81724 + 477.84 / Math.pow(n, 0.347313) + 2143.86 / Math.pow(d, 0.367183))
                        * (1 + 0.005 * noise.nextGaussian());
                rows.append("r").append(n).append(',').append(n).append(',').append(d).append(',').append(k)
                        .append(',').append(loss).append('\n');
            }
        }
        Files.writeString(csv, rows.toString());

        Result fit = run("fit", "--input", csv.toString(), "--token-cut", "none", "--bootstrap", "0");

        assertThat(fit.code).as(fit.err).isZero();
        assertThat(fit.json().get("search").asText()).contains("subsample of 2,000 points")
                .contains("refined on every point");
        assertThat(fit.err).contains("fitting 8,000 points of 8 runs: the 4,500-start grid screened");
        assertThat(fit.json().at("/params/alpha").asDouble()).isCloseTo(0.347313, within(0.02));
        assertThat(fit.json().at("/params/beta").asDouble()).isCloseTo(0.367183, within(0.02));
    }

    @Test
    void backtestOnDatablationsBeatsTheBaselines() throws Exception {
        // The Hitchhiker's regression aid: fit the 2.8B and 4.2B C4 runs, predict the 8.7B run's last 30%;
        // their curve_fit gives about 1.6% with all checkpoints (science.md section 5.2).
        Result r = run("backtest", "--input", DATABLATIONS, "--filter", "data=c4", "--token-cut", "0",
                "--min-train-runs", "2");

        assertThat(r.code).as(r.err).isZero();
        double are = r.json().get("are").asDouble();
        assertThat(are).isLessThan(0.03);
        assertThat(are).isLessThan(r.json().at("/baselines/bestLoss").asDouble())
                .isLessThan(r.json().at("/baselines/mostTrained").asDouble());
        // Two training sizes fix E + A·N^-α at those sizes only: A and α alone lie anywhere on an exactly flat valley
        // (equal objective to 15 digits), so where the search stops, and the 8.7B extrapolation with it (0.4% to 1.6%
        // ARE), is rounding. What the data determine is checked instead.
        JsonNode p = r.json().get("params");
        assertThat(paramsTerm(p, 2.8e9)).isCloseTo(2.2788877, within(1e-6));
        assertThat(paramsTerm(p, 4.2e9)).isCloseTo(2.2199360, within(1e-6));
        assertThat(r.json().get("targetRun").asText()).contains("8b7");
        assertThat(r.json().get("targetPoints").asInt()).isEqualTo(26);
        // And the answer says so: the equally good laws' ARE range, and the valley in words with the advice.
        JsonNode range = r.json().get("areRange");
        assertThat(range.get(0).asDouble()).isLessThanOrEqualTo(are);
        assertThat(range.get(1).asDouble()).isGreaterThanOrEqualTo(are).isGreaterThan(range.get(0).asDouble() + 0.005);
        assertThat(r.json().get("warnings")).anySatisfy(w -> assertThat(w.asText()).startsWith("2 model sizes"));
        assertThat(r.json().get("warnings")).anySatisfy(w -> assertThat(w.asText()).startsWith("a flat valley")
                .contains("pin alpha or borrow"));
        assertThat(r.err).contains("warning: a flat valley");
    }

    /**
     * The OLMo case: fit OLMo 1B's C4 validation curve and predict OLMo 7B's, as ColPret's loader reads the
     * file (`Step` times 4M tokens; the 1B logs the loss as `v2-small-c4_en-validation`, the 7B as `c4_en-validation`).
     * One size cannot identify the N term, equally good laws predict the 7B anywhere from 0.5% to 70% off, and the
     * chosen one is worse than the best loss seen: the answer has to say all three.
     */
    @Test
    void anOlmoBacktestFromOneSizeSaysItIsWorseThanNotFitting() throws Exception {
        Path derived = tmp.resolve("olmo-c4.csv");
        try (CSVParser in = CSVParser.parse(Path.of(COLPRET, "olmo.csv"), StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build());
             CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(derived), CSVFormat.RFC4180)) {
            out.printRecord("run", "params", "tokens", "loss");
            for (CSVRecord r : in) {
                String loss = r.get("v2-small-c4_en-validation/CrossEntropyLoss").isEmpty()
                        ? r.get("c4_en-validation/CrossEntropyLoss") : r.get("v2-small-c4_en-validation/CrossEntropyLoss");
                String model = r.get("model_name").strip(); // the 1B's rows say "OLMo-1B "
                if (List.of("OLMo-1B", "OLMo-7B").contains(model) && !loss.isEmpty()
                        && Double.parseDouble(r.get("Step")) > 0) {
                    out.printRecord(model, r.get("num_params"), Double.parseDouble(r.get("Step")) * 4e6,
                            loss);
                }
            }
        }

        Result r = run("backtest", "--input", derived.toString(), "--columns", "run=run,N=params,D=tokens,loss=loss",
                "--min-train-runs", "1");

        assertThat(r.code).as(r.err).isZero();
        JsonNode json = r.json();
        assertThat(json.get("targetRun").asText()).isEqualTo("OLMo-7B");
        assertThat(json.get("trainRuns").asInt()).isEqualTo(1);
        double are = json.get("are").asDouble();
        assertThat(are).isGreaterThan(json.at("/baselines/bestLoss").asDouble());
        assertThat(json.at("/areRange/0").asDouble()).isLessThan(0.02);
        assertThat(json.at("/areRange/1").asDouble()).isGreaterThan(0.5);
        assertThat(json.get("warnings")).anySatisfy(w -> assertThat(w.asText()).startsWith("1 model size"));
        assertThat(json.get("warnings")).anySatisfy(w -> assertThat(w.asText()).startsWith("a flat valley"));
        assertThat(json.get("warnings")).anySatisfy(w -> assertThat(w.asText())
                .startsWith("the law extrapolates worse than not fitting at all"));
        assertThat(r.err).contains("warning: the law extrapolates worse than not fitting");
    }

    /**
     * The CLI for whole-curve laws: fit the MPL repository's three training curves of the 25M model with their
     * schedules, then predict a held-out WSD curve from its file (its logged rates, or its descriptor) and a schedule
     * given only as a descriptor.
     */
    @Test
    void anLrScheduleFitPredictsAHeldOutScheduleFromItsFile() throws Exception {
        Result fit = run("fit", "--law", "lr-schedule", "--input", MPL + "/cosine_24000.csv",
                "--input", MPL + "/constant_24000.csv", "--input", MPL + "/wsdcon_9.csv",
                "--schedule", "cosine,peak=3e-4,final=3e-5,steps=24000,warmup=2160",
                "--schedule", "constant,peak=3e-4,steps=24000,warmup=2160",
                "--schedule", "step,peak=3e-4,steps=16000,warmup=2160,drops=8000:9e-5");

        assertThat(fit.code).as(fit.err).isZero();
        JsonNode json = fit.json();
        assertThat(json.get("form").asText()).isEqualTo("tissue");
        assertThat(json.get("warmup").asText()).isEqualTo("as-trained");
        assertThat(json.at("/params/alpha").asDouble()).isBetween(0.4, 0.8);
        assertThat(json.at("/diagnostics/points").asInt()).isEqualTo(437);
        assertThat(json.at("/runs/2/rates").asText()).isEqualTo("step,peak=3.0E-4,steps=16000,warmup=2160,"
                + "drops=8000:9.0E-5");
        assertThat(json.get("warnings")).isEmpty();
        assertThat(json.at("/bootstrap/resamples").asInt()).isEqualTo(200);
        assertThat(json.at("/bootstrap/method").asText()).isEqualTo("residuals");
        assertThat(json.at("/bootstrap/failed").asInt()).isZero();
        for (String name : List.of("L0", "A", "alpha", "C")) {
            double value = json.at("/params/" + name).asDouble();
            JsonNode interval = json.at("/intervals/" + name);
            assertThat(interval.get(0).asDouble()).as(name).isLessThan(value);
            assertThat(interval.get(1).asDouble()).as(name).isGreaterThan(value);
        }
        Path file = tmp.resolve("curve-fit.json");
        Files.writeString(file, fit.out);

        Result logged = run("predict", "--fit", file.toString(), "--schedule-from", MPL + "/wsd_20000_24000.csv");
        assertThat(logged.code).as(logged.err).isZero();
        assertThat(logged.json().get("meanRelativeError").asDouble()).isLessThan(0.003);
        assertThat(logged.json().get("points")).hasSize(170);
        assertThat(logged.json().at("/points/0/step").asInt()).isEqualTo(2176);
        Result described = run("predict", "--fit", file.toString(), "--schedule-from", MPL + "/wsd_20000_24000.csv",
                "--schedule", "wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=20000,decay=exponential");
        assertThat(described.json().get("meanRelativeError").asDouble()).isLessThan(0.003)
                .isCloseTo(logged.json().get("meanRelativeError").asDouble(), within(1e-4));

        Result whatIf = run("predict", "--fit", file.toString(), "--schedule", "linear,peak=3e-4,final=0,steps=30000,"
                + "warmup=2160", "--steps", "5000");
        JsonNode points = whatIf.json().get("points");
        assertThat(points).hasSize(6);
        assertThat(points.get(5).get("step").asInt()).isEqualTo(30000);
        assertThat(points.get(5).get("loss").asDouble()).isLessThan(points.get(4).get("loss").asDouble());
    }

    @Test
    void anLrScheduleFitSaysWhatItCannotIdentifyAndRefusesBadSchedules() throws Exception {
        Result constant = run("fit", "--law", "lr-schedule", "--input", MPL + "/constant_24000.csv");
        assertThat(constant.code).as(constant.err).isZero();
        assertThat(constant.json().get("warnings").get(0).asText())
                .contains("cannot identify the annealing term C");
        assertThat(constant.err).contains("rates interpolated from 171 logged rates")
                .contains("warning: no run's learning rate has fallen");

        assertThat(run("fit", "--law", "lr-schedule", "--input", MPL + "/constant_24000.csv", "--schedule",
                "cosine,peak=3e-4,steps=24000").err).contains("--schedule for constant_24000.csv: schedule final:"
                + " missing");
        assertThat(run("fit", "--law", "lr-schedule", "--input", MPL + "/constant_24000.csv", "--schedule",
                "constant,peak=3e-4,steps=1000").err).contains("ends at step 1000 but the file has a loss at step");
        assertThat(run("fit", "--law", "lr-schedule", "--input", MPL + "/constant_24000.csv", "--input",
                MPL + "/cosine_24000.csv", "--schedule", "constant,peak=3e-4,steps=24000").err)
                .contains("give one --schedule per --input (2), or none; got 1");
        assertThat(run("fit", "--law", "lr-schedule", "--input", MPL + "/constant_24000.csv", "--repeat", "0").err)
                .contains("--repeat must be >= 1, was 0");
        Result repeated = run("fit", "--law", "lr-schedule", "--input", MPL + "/constant_24000.csv", "--input",
                MPL + "/cosine_24000.csv", "--repeat", "3", "--bootstrap", "0");
        assertThat(repeated.json().get("repeatMillis")).hasSize(3);
        assertThat(repeated.json().at("/repeatMillis/2").asLong())
                .isEqualTo(repeated.json().at("/diagnostics/millis").asLong());
        assertThat(run("fit", "--law", "lr-schedule", "--input", MPL + "/constant_24000.csv", "--form", "cubic").err)
                .contains("--form of an lr-schedule fit must be tissue or multi-power");
        assertThat(run("fit", "--law", "lr-schedule", "--input", MPL + "/constant_24000.csv", "--warmup", "none").err)
                .contains("--warmup must be as-trained or at-peak");
        Path unordered = tmp.resolve("unordered.csv");
        Files.writeString(unordered, "step,lr,loss\n200,1e-3,3.1\n100,1e-3,3.2\n");
        assertThat(run("fit", "--law", "lr-schedule", "--input", unordered.toString()).err)
                .contains("unordered.csv row 3, column 'step' must be a whole step >= 1 after the previous row's 200");
    }

    private static double paramsTerm(JsonNode p, double n) {
        return p.get("E").asDouble() + p.get("A").asDouble() * Math.pow(n, -p.get("alpha").asDouble());
    }

    @Test
    void computeBacktestOnEpochsPointsPredictsEachWindowBetterThanTheBestLoss() throws Exception {
        Result r = run("backtest", "--method", "compute", "--input", EPOCH, "--token-cut", "none", "--windows", "4");

        assertThat(r.code).as(r.err).isZero();
        JsonNode windows = r.json().get("windows");
        assertThat(windows).hasSize(4);
        for (JsonNode w : windows) {
            assertThat(w.get("extrapolation").asDouble()).isGreaterThan(1);
            assertThat(w.get("are").asDouble()).isLessThan(w.get("bestLossBaseline").asDouble());
        }
        assertThat(windows.get(3).get("trainPoints").asInt() + windows.get(3).get("testPoints").asInt())
                .isEqualTo(245);
        assertThat(r.json().get("meanAre").asDouble()).isBetween(0.002, 0.015);
    }

    /** Files as spreadsheets and tools write them: quoted fields holding commas, a byte-order mark. */
    @Test
    void quotedFieldsAndAByteOrderMarkAreReadAsCsvAndARowOfExtraFieldsIsRefused() throws Exception {
        StringBuilder s = new StringBuilder("\uFEFFmodel,params,tokens,loss\n");
        for (int r = 0; r < 4; r++) {
            for (int k = 1; k <= 4; k++) {
                double n = 1e8 * (r + 1);
                double d = 1e9 * k * (r + 1);
                s.append("\"m").append(r).append(", the \"\"big\"\" one\",").append(n).append(',').append(d).append(',')
                        .append(1.8 + 480 / Math.pow(n, 0.35) + 2100 / Math.pow(d, 0.37)).append('\n');
            }
        }
        Path quoted = tmp.resolve("quoted.csv");
        Files.writeString(quoted, s.toString());

        Result r = run("fit", "--input", quoted.toString(), "--bootstrap", "0", "--token-cut", "none");

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.json().at("/data/runs").asInt()).as("the model column, commas and all, names 4 runs")
                .isEqualTo(4);
        assertThat(r.json().at("/data/points").asInt()).isEqualTo(16);
        Path extra = tmp.resolve("extra.csv");
        Files.writeString(extra, "params,tokens,loss\n1e8,2e9,3.1\n2e8,4e9,3.0,7\n");
        assertThat(run("fit", "--input", extra.toString()).err).contains("extra.csv row 3: has 4 fields, the header"
                + " has 3");
    }

    /** Two model sizes leave the N term unidentified: the fit still answers, and says so in JSON and on stderr. */
    @Test
    void aFitOnTwoModelSizesWarnsAndAdvisesPinningOrBorrowing() throws Exception {
        Result r = run("fit", "--input", DATABLATIONS, "--filter", "num_params=2.8B|4.2B", "--bootstrap", "0");

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.json().get("warnings").get(0).asText()).contains("2 model sizes").contains("pin alpha");
        assertThat(r.err).contains("warning: 2 model sizes");
        Result pinned = run("fit", "--input", DATABLATIONS, "--filter", "num_params=2.8B|4.2B", "--bootstrap", "0",
                "--pin", "alpha=0.34");
        assertThat(pinned.json().get("warnings")).isEmpty();
    }

    @Test
    void badInputGetsExitTwoAndAMessageNamingTheColumnAndRow() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "params,tokens,loss\n1e8,2e9,3.1\n2e8,4e9,abc\n");

        Result badValue = run("fit", "--input", csv.toString());
        assertThat(badValue.code).isEqualTo(2);
        assertThat(badValue.err).contains("bad.csv row 3, column 'loss'").contains("not a number");

        Path negative = tmp.resolve("negative.csv");
        Files.writeString(negative, "params,tokens,loss\n1e8,-2e9,3.1\n");
        assertThat(run("fit", "--input", negative.toString()).err).contains("row 2, column 'tokens'")
                .contains("must be > 0");

        assertThat(run("fit", "--input", EPOCH, "--columns", "loss=nope").err).contains("no column 'nope'");
        assertThat(run("fit", "--input", "missing.csv").err).contains("no such file: missing.csv");
        assertThat(run("fit", "--input", EPOCH, "--pin", "gamma=1").err).contains("pin gamma");
        assertThat(run("fit", "--input", EPOCH, "--law", "loss-to-error").err)
                .contains("no error or accuracy column");
        assertThat(run("fit", "--input", EPOCH, "--law", "quadratic").err).contains("--law must be");
        assertThat(run("fit", "--input", EPOCH, "--form", "pca").err).contains("--form must be one of");
        assertThat(run("fit", "--input", EPOCH, "--form", "tied-exponents", "--pin", "E=1.8").err)
                .contains("--pin or --form");
        assertThat(run("fit", "--input", EPOCH, "--law", "power", "--axis", "Q").err).contains("--axis must be");
        assertThat(run("fit", "--input", EPOCH, "--bogus", "1").err).contains("Unknown option").contains("'--bogus'");
        assertThat(run("fit", "--input", EPOCH, "--law", "power", "--law", "chinchilla").err)
                .contains("should be specified only once");
        assertThat(run("fit", "--input", EPOCH, "--bootstrap", "many").code).isEqualTo(2);
        assertThat(run("fit", "--input", EPOCH, "--bootstrap", "-5").err).contains("--bootstrap must be >= 0");
        assertThat(run("fit").err).contains("Missing required option: '--input=FILE.csv'");
        assertThat(run("fit", "--input", EPOCH, "--weighting", "heavy").err).contains("--weighting must be");
        assertThat(run("predict", "--fit", "x.json", "--params", "abc", "--tokens", "1").code).isEqualTo(2);
        assertThat(run("nonsense").code).isEqualTo(2);
        assertThat(run().code).as("no command").isEqualTo(2);
        assertThat(run("--help").code).isZero();
        assertThat(run("fit", "--help").out).contains("--token-cut").contains("--bootstrap");
    }

    @Test
    void gadreRecipeThroughTheCliPredictsTheLargeModelsLikeThePaper() throws Exception {
        // RedPajama: the loss law on 5 small models, the error law on those and the 1.4B model at M = 20.
        String five = "rpj-d=96_l=8_h=4-1.0|rpj-d=96_l=8_h=4-16.0|rpj-d=512_l=8_h=4-1.0|rpj-d=576_l=24_h=8-1.0"
                + "|rpj-d=1024_l=24_h=8-1.0";
        Result lossFit = run("fit", "--law", "overtraining", "--input", GADRE, "--filter", "name=" + five,
                "--columns", "loss=loss_c4_val");
        assertThat(lossFit.code).as(lossFit.err).isZero();
        assertThat(lossFit.json().at("/params/E").asDouble()).isCloseTo(1.83664838, within(1e-4));
        assertThat(lossFit.json().at("/params/p").asDouble()).isCloseTo(-0.272850703, within(1e-5));
        assertThat(lossFit.json().at("/uncertainty/dof").asInt()).isEqualTo(1);
        // One degree of freedom leaves E poorly determined; its interval stays on the positive side (log scale).
        assertThat(lossFit.json().at("/intervals/E/lower").asDouble()).isPositive().isLessThan(1.83664838);
        assertThat(lossFit.json().at("/intervals/p/upper").asDouble()).isNegative();
        Result errorFit = run("fit", "--law", "loss-to-error", "--input", GADRE, "--filter",
                "name=" + five + "|rpj-open_lm_1b-1.0", "--columns", "loss=loss_c4_val,error=err_avg17");
        assertThat(errorFit.code).as(errorFit.err).isZero();
        assertThat(errorFit.json().at("/params/gamma").asDouble()).isCloseTo(0.71459055, within(1e-4));
        Path lossFile = tmp.resolve("loss.json");
        Path errorFile = tmp.resolve("error.json");
        Files.writeString(lossFile, lossFit.out);
        Files.writeString(errorFile, errorFit.out);

        JsonNode oneB = run("predict", "--fit", lossFile.toString(), "--params", "1439795200", "--multiplier",
                "640").json();
        JsonNode sevenB = run("predict", "--fit", lossFile.toString(), "--error-fit", errorFile.toString(),
                "--params", "6889410560", "--tokens", "137788211200").json();

        // Observed: 1.4B at M = 640 reached loss 2.50205; 6.9B at M = 20 reached 17-task error 0.471637.
        assertThat(100 * Math.abs(oneB.get("loss").asDouble() - 2.502053562) / 2.502053562)
                .isCloseTo(0.710335253, within(0.01));
        assertThat(oneB.at("/interval/lower").asDouble()).isLessThan(2.502053562);
        assertThat(oneB.at("/interval/upper").asDouble()).isGreaterThan(2.502053562);
        assertThat(oneB.at("/interval/lower").asDouble()).as("no law of the draws predicts a loss below zero")
                .isPositive();
        assertThat(100 * Math.abs(sevenB.get("error").asDouble() - 0.471637181) / 0.471637181)
                .isCloseTo(0.046445522, within(0.01));
        assertThat(sevenB.at("/errorInterval/lower").asDouble()).isLessThan(0.471637181);
        assertThat(sevenB.at("/errorInterval/upper").asDouble()).isGreaterThan(0.471637181);
        assertThat(sevenB.get("errorIntervalCarries")).hasSize(2);

        // Far below the models' losses the exponential map crosses zero: the answer and its interval stay in [0, 1]
        // and say why.
        Result low = run("predict", "--fit", errorFile.toString(), "--loss", "0.5");
        assertThat(low.code).as(low.err).isZero();
        assertThat(0.85699193 - 2.20649008 * Math.exp(-0.71459055 * 0.5)).as("the law's own error").isNegative();
        assertThat(low.json().get("error").asDouble()).isZero();
        assertThat(low.json().at("/errorInterval/lower").asDouble()).isZero();
        assertThat(low.json().at("/errorInterval/upper").asDouble()).isBetween(0.0, 1.0);
        assertThat(low.json().get("warnings").toString()).contains("outside [0, 1]");
        assertThat(low.err).contains("outside [0, 1]");
    }

    @Test
    void reducedFormFitsThreeParametersAndSaysSo() throws Exception {
        Result r = run("fit", "--input", EPOCH, "--drop-highest-loss", "5", "--form", "tied-exponents", "--bootstrap",
                "0");

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.json().at("/config/form").asText()).isEqualTo("tied-exponents");
        assertThat(r.json().at("/config/freeParameters").asInt()).isEqualTo(3);
        double lnA = Math.log(r.json().at("/params/A").asDouble());
        assertThat(r.json().at("/params/alpha").asDouble()).isCloseTo(0.0116280 + 0.05004588 * lnA, within(1e-9));
    }

    @Test
    void fitsAPowerLawInComputeOnEpochsPoints() throws Exception {
        Result r = run("fit", "--law", "power", "--axis", "C", "--input", EPOCH, "--drop-highest-loss", "5",
                "--bootstrap", "200");

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.json().get("axis").asText()).isEqualTo("C");
        double alpha = r.json().at("/params/alpha").asDouble();
        assertThat(alpha).isBetween(0.0, 3.0);
        assertThat(r.json().at("/diagnostics/points").asInt()).isEqualTo(240);
        assertThat(r.json().at("/diagnostics/starts").asInt()).isEqualTo(150);
        assertThat(r.json().at("/intervals/alpha/lower").asDouble()).isLessThan(alpha);
        assertThat(r.json().at("/intervals/alpha/upper").asDouble()).isGreaterThan(alpha);
        assertThat(r.json().at("/bootstrap/draws")).hasSizeGreaterThan(190);

        Path file = tmp.resolve("power.json");
        Files.writeString(file, r.out);
        JsonNode p = run("predict", "--fit", file.toString(), "--flops", "1e24").json();
        double expected = r.json().at("/params/E").asDouble() + r.json().at("/params/A").asDouble()
                / Math.pow(1e24, alpha);
        assertThat(p.get("loss").asDouble()).isCloseTo(expected, within(1e-12));
        assertThat(p.at("/interval/lower").asDouble()).isLessThan(expected);
        assertThat(p.at("/interval/upper").asDouble()).isGreaterThan(expected);
    }

    @Test
    void readsValuesWithSuffixesAndDerivesTokensFromFlops() throws Exception {
        Path csv = tmp.resolve("suffix.csv");
        StringBuilder s = new StringBuilder("size,compute,val_loss,run\n");
        double[][] runs = {{0.1, 1}, {0.3, 2}, {1.0, 3}};
        for (double[] r : runs) {
            for (int k = 1; k <= 5; k++) {
                double n = r[0] * 1e9;
                double d = 4e9 * k * r[1];
                double loss = 1.8 + 480 / Math.pow(n, 0.35) + 2100 / Math.pow(d, 0.37);
                s.append(r[0]).append("B,").append(6 * n * d).append(',').append(loss).append(",r").append(r[1])
                        .append('\n');
            }
        }
        Files.writeString(csv, s.toString());

        Result r = run("fit", "--input", csv.toString(), "--columns", "N=size,C=compute,loss=val_loss",
                "--bootstrap", "0", "--token-cut", "0");

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.json().at("/data/runs").asInt()).isEqualTo(3);
        assertThat(r.json().at("/data/maxParams").asDouble()).isEqualTo(1e9);
        assertThat(r.json().at("/data/maxTokens").asDouble()).isCloseTo(60e9, within(1e3));
        assertThat(r.json().has("intervals")).isFalse();
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ScaleCastCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    /** {@code plan} ranks runs for Chinchilla's 70B target on the points the fit used (its 5 dropped left out). */
    private void assertPlansFromTheFitFile(Path file) throws Exception {
        Result plan = run("plan", "--fit", file.toString(), "--input", EPOCH, "--params", "70e9", "--tokens",
                "1.4e12", "--top", "5");
        assertThat(plan.code).as(plan.err).isZero();
        assertThat(plan.err).contains("on 240 fitted points of 240 runs");
        JsonNode answer = plan.json();
        double width = answer.at("/target/width").asDouble();
        assertThat(answer.get("candidates")).hasSize(5);
        double previous = Double.MAX_VALUE;
        for (JsonNode c : answer.get("candidates")) {
            assertThat(c.get("widthAfter").asDouble()).isLessThan(width);
            assertThat(c.get("shrinkPerFlop").asDouble()).isLessThanOrEqualTo(previous);
            previous = c.get("shrinkPerFlop").asDouble();
        }
        // Epoch's runs are single final points: a candidate is one point too.
        assertThat(answer.at("/runShape/checkpoints").asInt()).isEqualTo(1);
        // The check run: twice Epoch's largest model (16.2B), at the target's 20 tokens per parameter.
        JsonNode check = answer.get("checkRun");
        assertThat(check.get("params").asDouble()).isCloseTo(2 * 16183346310.730501, within(1.0));
        assertThat(check.get("tokensPerParam").asDouble()).isCloseTo(20, within(1e-9));
        assertThat(check.get("lower").asDouble()).isLessThan(check.get("loss").asDouble());
        assertThat(check.get("upper").asDouble()).isGreaterThan(check.get("loss").asDouble());
        assertThat(check.get("use").asText()).startsWith("once the width meets your goal");

        Result own = run("plan", "--fit", file.toString(), "--input", EPOCH, "--params", "70e9", "--tokens",
                "1.4e12", "--candidates", "1e9:2e10,3e10:6e11");
        JsonNode listed = own.json().get("candidates");
        // A 30B run, past Epoch's largest model and near the target, narrows the 70B interval more than a 1B run.
        JsonNode large = listed.get(0).get("params").asDouble() == 3e10 ? listed.get(0) : listed.get(1);
        JsonNode small = listed.get(0) == large ? listed.get(1) : listed.get(0);
        assertThat(large.get("widthAfter").asDouble()).isLessThan(small.get("widthAfter").asDouble());
        assertThat(large.get("why").asText()).contains("extends N");
        Result budgeted = run("plan", "--fit", file.toString(), "--input", EPOCH, "--flops", "5.76e23",
                "--candidates", "1e9:2e10,3e10:6e11", "--budget", "1e21");
        assertThat(budgeted.json().get("considered").asInt()).isEqualTo(1);
        Result both = run("plan", "--fit", file.toString(), "--input", EPOCH, "--flops", "5.76e23", "--params",
                "7e10", "--tokens", "1.4e12");
        assertThat(both.code).isEqualTo(2);
        assertThat(both.err).contains("give either --flops, or --params and --tokens");
        Result bad = run("plan", "--fit", file.toString(), "--input", EPOCH, "--flops", "5.76e23", "--candidates",
                "1e9");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("--candidates: each entry must be N:D");
    }

    /** {@code compare} of a fit with a copy of itself: no difference, called "cannot tell"; bad usage exits 2. */
    private void assertComparesFitFiles(Path file) throws Exception {
        Path copy = tmp.resolve("again.json");
        Files.copy(file, copy);
        Result same = run("compare", "--fit", file.toString(), "--fit", copy.toString(), "--params", "70e9",
                "--tokens", "1.4e12");
        assertThat(same.code).as(same.err).isZero();
        assertThat(same.json().get("difference").asDouble()).isZero();
        assertThat(same.json().get("verdict").asText()).isEqualTo("cannot-tell");
        assertThat(same.json().get("answer").asText()).startsWith("the data cannot tell these laws apart");
        assertThat(same.json().get("exponentsP").asDouble()).isEqualTo(1.0);
        Result one = run("compare", "--fit", file.toString(), "--params", "70e9", "--tokens", "1.4e12");
        assertThat(one.code).isEqualTo(2);
        assertThat(one.err).contains("give --fit twice");
    }
}
