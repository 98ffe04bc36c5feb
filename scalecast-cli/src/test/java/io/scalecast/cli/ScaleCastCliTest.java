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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleCastCliTest {

    private static final String EPOCH = "../data/chinchilla-epoch/svg_extracted_data.csv";
    private static final String DATABLATIONS = "../data/datablations/datablations_1epoch_losses.csv";

    @TempDir
    Path tmp;

    @Test
    void fitReproducesEpochAndPredictAnswersFromTheFitFile() throws Exception {
        Result fit = run("fit", "--input", EPOCH, "--drop-highest-loss", "5", "--bootstrap", "200");

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

        Result optimal = run("predict", "--fit", file.toString(), "--flops", "5.76e23");
        JsonNode o = optimal.json();
        assertThat(6 * o.get("params").asDouble() * o.get("tokens").asDouble()).isCloseTo(5.76e23, within(1e15));
        assertThat(o.at("/paramsInterval/lower").asDouble()).isLessThan(o.get("params").asDouble());
    }

    @Test
    void backtestOnDatablationsBeatsTheBaselines() throws Exception {
        // The Hitchhiker's regression aid: fit the 2.8B and 4.2B C4 runs, predict the 8.7B run's last 30%;
        // their curve_fit gives about 1.6% with all checkpoints (science.md section 5.2).
        Result r = run("backtest", "--input", DATABLATIONS, "--filter", "data=c4", "--token-cut", "0",
                "--min-train-runs", "2");

        assertThat(r.code).as(r.err).isZero();
        double are = r.json().get("are").asDouble();
        assertThat(are).isBetween(0.005, 0.03);
        assertThat(are).isLessThan(r.json().at("/baselines/bestLoss").asDouble())
                .isLessThan(r.json().at("/baselines/mostTrained").asDouble());
        assertThat(r.json().get("targetRun").asText()).contains("8b7");
        assertThat(r.json().get("targetPoints").asInt()).isEqualTo(26);
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
        assertThat(run("fit", "--input", EPOCH, "--law", "overtraining").err)
                .contains("--law overtraining is not available");
        assertThat(run("fit", "--input", EPOCH, "--law", "power", "--axis", "Q").err).contains("--axis must be");
        assertThat(run("fit", "--input", EPOCH, "--bogus", "1").err).contains("unknown option --bogus");
        assertThat(run("fit", "--input", EPOCH, "--weighting", "heavy").err).contains("--weighting must be");
        assertThat(run("predict", "--fit", "x.json", "--params", "abc", "--tokens", "1").code).isEqualTo(2);
        assertThat(run("nonsense").code).isEqualTo(2);
    }

    @Test
    void fitsAPowerLawInComputeOnEpochsPoints() throws Exception {
        Result r = run("fit", "--law", "power", "--axis", "C", "--input", EPOCH, "--drop-highest-loss", "5");

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.json().get("axis").asText()).isEqualTo("C");
        assertThat(r.json().at("/params/alpha").asDouble()).isBetween(0.0, 3.0);
        assertThat(r.json().at("/diagnostics/points").asInt()).isEqualTo(240);
        assertThat(r.json().at("/diagnostics/starts").asInt()).isEqualTo(150);
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
}
