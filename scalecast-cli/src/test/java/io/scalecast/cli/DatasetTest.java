package io.scalecast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalecast.core.data.CheckpointPoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the CLI reads real files: runs, delimiters, headers and values that do not look physical. */
class DatasetTest {

    private static final Path COLPRET = Path.of("../data/hitchhiker-colpret");

    private final ByteArrayOutputStream report = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    private List<CheckpointPoint> read(Path file, Map<String, String> columns, Map<String, String> filters) {
        return Dataset.read(List.of(file), columns, filters, true,
                new PrintStream(report, true, StandardCharsets.UTF_8));
    }

    private String report() {
        return report.toString(StandardCharsets.UTF_8);
    }

    private static long runs(List<CheckpointPoint> points) {
        return points.stream().map(CheckpointPoint::run).distinct().count();
    }

    /** The checkpoint column names a repository per data set and size; the 48 runs differ in epochs too. */
    @Test
    void datablationsRunsAreTheFortyEightCurvesNotTheSixRepositories() {
        List<CheckpointPoint> points = read(COLPRET.resolve("datablations_losses.csv"), Map.of(), Map.of());

        assertThat(points).hasSize(9261);
        assertThat(runs(points)).isEqualTo(48);
        assertThat(report()).contains("datablations_losses.csv: 9261 rows")
                .contains("N = 'num_params', D = 'token_num', loss = 'loss'")
                .contains("48 runs grouped by the columns constant along each curve: data, epochs");
        List<CheckpointPoint> c4 = read(COLPRET.resolve("datablations_losses.csv"), Map.of(), Map.of("data", "c4"));
        assertThat(runs(c4)).isEqualTo(24);
    }

    /** A table of final losses, one model per row, is one run per row, not one run of 229 rows. */
    @Test
    void contourFinalLossesAreEachTheirOwnRun() {
        List<CheckpointPoint> points = read(COLPRET.resolve("datablations_contour_losses.csv"),
                Map.of("loss", "openLM_loss"), Map.of());

        assertThat(runs(points)).isEqualTo(points.size()).isEqualTo(229);
        assertThat(report()).contains("229 each row its own run");
    }

    @Test
    void aNamedRunColumnIsUsedAndARunThatRepeatsATokenCountIsReported() throws Exception {
        Path csv = tmp.resolve("model.csv");
        Files.writeString(csv, "model,params,tokens,loss\na,1e8,1e9,3.0\na,1e8,2e9,2.9\nb,2e8,1e9,2.8\n"
                + "b,2e8,1e9,2.7\n");

        assertThat(runs(read(csv, Map.of(), Map.of()))).isEqualTo(2);
        assertThat(report()).contains("2 runs from column 'model'")
                .contains("warning: 1 rows repeat a token count already seen in their run");
    }

    @Test
    void aFileWithoutAHeaderIsNamedAsSuch() {
        assertThatThrownBy(() -> read(COLPRET.resolve("redpajama_incite_2.4B_train_loss.csv"), Map.of(), Map.of()))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("has no header row: its first row is numbers (63.50160256410254,"
                        + " 2.3911838370579788)");
    }

    @Test
    void semicolonAndTabFilesAreSniffedAndSaidSo() throws Exception {
        Path semicolons = tmp.resolve("semi.csv");
        Files.writeString(semicolons, "params;tokens;loss\n1e8;1e9;3.0\n2e8;1e9;2.8\n");
        Path tabs = tmp.resolve("tabs.tsv");
        Files.writeString(tabs, "params\ttokens\tloss\n1e8\t1e9\t3.0\n");

        assertThat(read(semicolons, Map.of(), Map.of())).hasSize(2);
        assertThat(read(tabs, Map.of(), Map.of())).hasSize(1);
        assertThat(report()).contains("semi.csv: 2 rows (semicolon-separated)").contains("tabs.tsv: 1 rows"
                + " (tab-separated)");
    }

    @Test
    void aHeaderWithoutRowsAndFiltersThatMatchNothingSayWhich() throws Exception {
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "params,tokens,loss\n");
        Path one = tmp.resolve("one.csv");
        Files.writeString(one, "params,tokens,loss,data\n1e8,1e9,3.0,Pile\n");

        assertThatThrownBy(() -> read(empty, Map.of(), Map.of())).hasMessageContaining("has a header and no rows");
        assertThatThrownBy(() -> read(one, Map.of(), Map.of("data", "pile")))
                .hasMessageContaining("no row matches --filter {data=pile}");
    }

    @Test
    void valuesThatDoNotLookPhysicalAreRefusedUnlessChecksAreOff() throws Exception {
        Path billions = tmp.resolve("billions.csv");
        Files.writeString(billions, "params,tokens,loss\n7,1e9,3.0\n");
        Path logFlops = tmp.resolve("logflops.csv");
        Files.writeString(logFlops, "params,flops,loss\n1e8,21.3,3.0\n");
        Path perplexity = tmp.resolve("ppl.csv");
        Files.writeString(perplexity, "params,tokens,loss\n1e8,1e9,250\n");

        assertThatThrownBy(() -> read(billions, Map.of(), Map.of())).hasMessageContaining("N = 7 parameters is under"
                + " 1,000");
        assertThatThrownBy(() -> read(logFlops, Map.of(), Map.of())).hasMessageContaining("do the FLOPs look like"
                + " logarithms");
        assertThatThrownBy(() -> read(perplexity, Map.of(), Map.of())).hasMessageContaining("loss 250 is far above");
        assertThat(Dataset.read(List.of(billions), Map.of(), Map.of(), false,
                new PrintStream(report, true, StandardCharsets.UTF_8))).hasSize(1);
    }

    /**
     * The other ColPret files of the back-test table, read raw, each stop with a message that names what to do: sizes
     * written as model names (GPT-3), columns the CLI cannot guess (Pile-T5, Revisiting), a summary row among the
     * checkpoints (ModuleFormer's 'Pile'), a start checkpoint at zero tokens after a quoted field with commas (K2: the
     * columns stay aligned), a second header-less file (RedPajama 6.7B), token counts and FLOPs as logarithms (OPT). bench/colpret_table.py maps them as ColPret's
     * loader does.
     */
    @Test
    void eachRawColPretFileGetsAClearMessage() {
        assertThatThrownBy(() -> read(COLPRET.resolve("gpt3_extracted.csv"), Map.of(), Map.of()))
                .hasMessageContaining("no N column among [model, step, train_loss, val_loss]; name it with --columns");
        assertThatThrownBy(() -> read(COLPRET.resolve("gpt3_extracted.csv"), Map.of("N", "model", "D", "step",
                "loss", "val_loss"), Map.of())).hasMessageContaining("row 2, column 'model' is not a number: 'small'");
        assertThatThrownBy(() -> read(COLPRET.resolve("t5_pile.csv"), Map.of(), Map.of()))
                .hasMessageContaining("no N column among [model_name, steps,");
        assertThatThrownBy(() -> read(COLPRET.resolve("revisiting_lang.csv"), Map.of(), Map.of()))
                .hasMessageContaining("no N column among [Domain, Task, Model, Seen Examples, Loss, Training]");
        assertThatThrownBy(() -> read(COLPRET.resolve("IBM_MoE.csv"), Map.of("N", "Params", "D", "tokens_seen",
                "loss", "wikitext ppl"), Map.of()))
                .hasMessageContaining("row 12, column 'tokens_seen' is not a number: 'Pile'");
        assertThatThrownBy(() -> read(COLPRET.resolve("K2.csv"), Map.of("N", "num_params", "D", "tokens_seen",
                "loss", "k2 training - lm loss"), Map.of()))
                .hasMessageContaining("row 2, column 'tokens_seen' must be > 0, was 0.0");
        assertThatThrownBy(() -> read(COLPRET.resolve("redpajama_incite_6.7B_train_loss.csv"), Map.of(), Map.of()))
                .hasMessageContaining("has no header row");
        // OPT's trajectories give tokens and FLOPs as log10 and perplexity for the loss.
        assertThatThrownBy(() -> read(COLPRET.resolve("opt_trajectories.csv"), Map.of("loss", "ppl"), Map.of()))
                .hasMessageContaining("row 2, column 'flops': D = 2.38e-08 tokens from C = 6ND: do the FLOPs look like"
                        + " logarithms");
        assertThatThrownBy(() -> read(COLPRET.resolve("opt_trajectories.csv"), Map.of("N", "model_size", "D",
                "num_token", "loss", "ppl"), Map.of()))
                .hasMessageContaining("row 2, column 'num_token': D = 9.00 tokens: does the column count billions, or"
                        + " hold logarithms");
    }

    @Test
    void aBadValueIsShownAsWritten() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "params,tokens,loss\n1e8,1e9,Pile\n");

        assertThatThrownBy(() -> read(csv, Map.of(), Map.of())).hasMessageContaining("is not a number: 'Pile'");
    }
}
