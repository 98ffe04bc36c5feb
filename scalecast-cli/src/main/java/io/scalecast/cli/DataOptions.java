package io.scalecast.cli;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.TokenCut;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that say which points a fit or back-test reads: the files, their columns, filters and token cut. */
final class DataOptions {

    @Option(names = "--input", paramLabel = "FILE.csv", required = true,
            description = "a CSV file of checkpoints (repeat for several)")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--columns", paramLabel = "N=..,D=..,C=..,M=..,loss=..,error=..,accuracy=..,run=..",
            description = "which column is which, when the common names do not find them")
    String columns;

    @Option(names = "--filter", paramLabel = "column=value|value2", description = "keep only matching rows (repeat)")
    List<String> filters = new ArrayList<>();

    @Option(names = "--token-cut", paramLabel = "hitchhiker|none|TOKENS",
            description = "drop early checkpoints: the Hitchhiker rule, none, or below a token count")
    String tokenCut;

    @Option(names = "--no-checks", description = "fit values that do not look physical (N under 1,000, D under 100"
            + " tokens, a loss over 100)")
    boolean noChecks;

    /** The points of the input files, after the filters, reporting on {@code progress} how each file was read. */
    List<CheckpointPoint> points(PrintStream progress) {
        return Dataset.read(inputs, columns(), filters(), !noChecks, progress);
    }

    Map<String, String> columns() {
        return Dataset.columns(columns);
    }

    Map<String, String> filters() {
        return Dataset.filters(filters);
    }

    /** The --token-cut rule: hitchhiker, none, or a token count; {@code fallback} when it is not given. */
    TokenCut tokenCut(TokenCut fallback) {
        if (tokenCut == null) {
            return fallback;
        }
        try {
            return TokenCut.parse(tokenCut);
        } catch (IllegalArgumentException e) {
            throw new CliException("--token-cut " + e.getMessage());
        }
    }
}
