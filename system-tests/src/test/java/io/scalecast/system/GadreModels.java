package io.scalecast.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gadre et al.'s 104 models and their task accuracies as bundled (data/gadre-overtraining), and the models their
 * recipe fits and predicts.
 */
final class GadreModels {

    /** The four small architectures of the recipe's loss fit (0.011B, 0.079B, 0.154B, 0.411B). */
    private static final Set<String> SMALL = Set.of("d=96_l=8_h=4", "d=512_l=8_h=4", "d=576_l=24_h=8",
            "d=1024_l=24_h=8");

    private GadreModels() {
    }

    /** The rows of one training set, each a column-to-value map. */
    static List<Map<String, String>> rows(String dataset) throws IOException {
        return table("gadre_models.csv").stream().filter(r -> r.get("dataset").equals(dataset)).toList();
    }

    /** Each task accuracy of the given models: rows of name, task, accuracy (the 46 tasks of each). */
    static List<Map<String, String>> accuracies(List<Map<String, String>> models) throws IOException {
        Set<String> names = models.stream().map(r -> r.get("name")).collect(Collectors.toSet());
        return table("gadre_downstream_long.csv").stream().filter(r -> names.contains(r.get("name"))).toList();
    }

    private static List<Map<String, String>> table(String file) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "data", "gadre-overtraining", file));
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        return lines.stream().skip(1).map(l -> l.split(",", -1)).map(f -> {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), f[i]);
            }
            return m;
        }).toList();
    }

    /** The loss fit's five models: the four small ones at M = 20, and the smallest at M = 320. */
    static List<Map<String, String>> recipeFive(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> SMALL.contains(r.get("model")) && (multiplier(r) == 1.0
                || (r.get("model").equals("d=96_l=8_h=4") && multiplier(r) == 16.0))).toList();
    }

    /** The 1.4B model at its largest token multiplier. */
    static Map<String, String> largestOneB(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> r.get("model").equals("open_lm_1b"))
                .max(Comparator.comparingDouble(GadreModels::multiplier)).orElseThrow();
    }

    /** The 1.4B model at M = 20: the sixth model of the recipe's error fit. */
    static Map<String, String> oneBAtTwenty(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> r.get("model").equals("open_lm_1b") && multiplier(r) == 1.0).findFirst()
                .orElseThrow();
    }

    /** The 6.9B model at M = 20. */
    static Map<String, String> sevenB(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> r.get("model").equals("open_lm_7b") && multiplier(r) == 1.0).findFirst()
                .orElseThrow();
    }

    /** A model's name as a valid run name: lower case, with = and other signs as underscores. */
    static String run(Map<String, String> row) {
        return row.get("name").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
    }

    private static double multiplier(Map<String, String> r) {
        return Double.parseDouble(r.get("chinchilla_multiplier"));
    }
}
