package io.scalecast.core.fit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Loads Epoch's 245 Chinchilla points from the repository's data folder and applies Epoch's 5-row cut. */
final class ChinchillaData {

    static final Path FILE = Path.of("..", "data", "chinchilla-epoch", "svg_extracted_data.csv");

    final double[] params;
    final double[] tokens;
    final double[] loss;

    private ChinchillaData(double[] params, double[] tokens, double[] loss) {
        this.params = params;
        this.tokens = tokens;
        this.loss = loss;
    }

    /** The 240 points Epoch fits: every row whose loss is below the fifth-highest loss. */
    static ChinchillaData epoch240() {
        List<double[]> rows = read();
        double[] sorted = rows.stream().mapToDouble(r -> r[2]).sorted().toArray();
        double cut = sorted[sorted.length - 5];
        List<double[]> kept = rows.stream().filter(r -> r[2] < cut).toList();
        double[] n = kept.stream().mapToDouble(r -> r[0]).toArray();
        double[] d = kept.stream().mapToDouble(r -> r[1] / (6 * r[0])).toArray();
        double[] l = kept.stream().mapToDouble(r -> r[2]).toArray();
        return new ChinchillaData(n, d, l);
    }

    private static List<double[]> read() {
        try {
            List<String> lines = Files.readAllLines(FILE);
            List<String> header = Arrays.asList(lines.get(0).split(","));
            int n = header.indexOf("Model Size");
            int c = header.indexOf("Training FLOP");
            int l = header.indexOf("loss");
            return lines.stream().skip(1).filter(s -> !s.isBlank()).map(s -> s.split(","))
                    .map(f -> new double[] {Double.parseDouble(f[n]), Double.parseDouble(f[c]), Double.parseDouble(f[l])})
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
