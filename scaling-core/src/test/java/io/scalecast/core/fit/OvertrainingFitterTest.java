package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.law.ErrorLaw;
import io.scalecast.core.law.OvertrainingLaw;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Gadre et al.'s recipes on their data: the loss law on 5 models per training set and the error law on 6, chained to
 * predict the 1.4B model at its largest token multiplier and the 6.9B model at M = 20. Expected numbers come from the
 * same recipes run with scipy's curve_fit (bench/gadre_reference.py); the paper reports about 0.7% (loss) and 0.05%
 * to 3.6% (17-task error) for RedPajama.
 */
class OvertrainingFitterTest {

    private static final Map<String, Double> SMALL = Map.of("d=96_l=8_h=4", 0.011, "d=512_l=8_h=4", 0.079,
            "d=576_l=24_h=8", 0.154, "d=1024_l=24_h=8", 0.411);

    @ParameterizedTest
    @CsvSource({
        "c4_original, 1.50826053, 113.69260073, 189.5155157, -0.24247224, 1.497928292, 4.295248377",
        "rpj, 1.83664838, 166.210985, 366.687179, -0.272850703, 0.710335253, 0.732045880",
        "rw_original, 1.7344621, 125.09569781, 246.20669235, -0.25439485, 0.005209026, 1.619264646"})
    void reproducesTheRecipesFitsAndRelativeErrors(String dataset, double e, double a, double b, double p,
                                                    double errorOneB, double errorSevenB) throws Exception {
        List<Map<String, String>> rows = rows(dataset);
        List<Map<String, String>> fitted = fiveModels(rows);
        assertThat(fitted).hasSize(5);

        OvertrainingFit fit = new OvertrainingFitter().fit(column(fitted, "params"),
                column(fitted, "token_multiplier"), column(fitted, "loss_c4_val"));

        OvertrainingLaw law = fit.law();
        assertThat(law.e()).isCloseTo(e, within(1e-4));
        assertThat(law.a()).isCloseTo(a, within(a * 1e-4));
        assertThat(law.b()).isCloseTo(b, within(b * 1e-4));
        assertThat(law.p()).isCloseTo(p, within(1e-5));
        assertThat(relativeErrorPercent(law, largestOneB(rows))).isCloseTo(errorOneB, within(0.01));
        assertThat(relativeErrorPercent(law, sevenB(rows))).isCloseTo(errorSevenB, within(0.01));
    }

    @ParameterizedTest
    @CsvSource({
        "c4_original, 0.84974202, 2.07890709, 0.75612087, 9.581749413, 0.137030647",
        "rpj, 0.85699193, 2.20649008, 0.71459055, 3.636506658, 0.046445522",
        "rw_original, 0.86527954, 2.21481473, 0.70704848, 5.616715723, 2.938835929"})
    void chainsTheLossLawAndTheErrorLawAsThePaperDoes(String dataset, double epsilon, double k, double gamma,
                                                       double errorOneB, double errorSevenB) throws Exception {
        List<Map<String, String>> rows = rows(dataset);
        List<Map<String, String>> five = fiveModels(rows);
        OvertrainingLaw loss = new OvertrainingFitter().fit(column(five, "params"), column(five, "token_multiplier"),
                column(five, "loss_c4_val")).law();
        List<Map<String, String>> six = new java.util.ArrayList<>(five);
        six.add(rows.stream().filter(r -> r.get("model").equals("open_lm_1b") && multiplier(r) == 1.0)
                .findFirst().orElseThrow());

        ErrorLaw error = new ErrorLawFitter().fit(column(six, "loss_c4_val"), column(six, "err_avg17")).law();

        assertThat(error.epsilon()).isCloseTo(epsilon, within(1e-4));
        assertThat(error.k()).isCloseTo(k, within(k * 1e-4));
        assertThat(error.gamma()).isCloseTo(gamma, within(1e-4));
        assertThat(chainedErrorPercent(loss, error, largestOneB(rows))).isCloseTo(errorOneB, within(0.01));
        assertThat(chainedErrorPercent(loss, error, sevenB(rows))).isCloseTo(errorSevenB, within(0.01));
    }

    private static double chainedErrorPercent(OvertrainingLaw loss, ErrorLaw error, Map<String, String> row) {
        double observed = Double.parseDouble(row.get("err_avg17"));
        double predicted = error.error(loss.loss(Double.parseDouble(row.get("params")),
                Double.parseDouble(row.get("token_multiplier"))));
        return 100 * Math.abs(predicted - observed) / observed;
    }

    private static List<Map<String, String>> fiveModels(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> SMALL.containsKey(r.get("model"))
                && (multiplier(r) == 1.0 || (r.get("model").equals("d=96_l=8_h=4") && multiplier(r) == 16.0)))
                .toList();
    }

    private static Map<String, String> largestOneB(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> r.get("model").equals("open_lm_1b"))
                .max((x, y) -> Double.compare(multiplier(x), multiplier(y))).orElseThrow();
    }

    private static Map<String, String> sevenB(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> r.get("model").equals("open_lm_7b")).filter(r -> multiplier(r) == 1.0)
                .findFirst().orElseThrow();
    }

    private static double relativeErrorPercent(OvertrainingLaw law, Map<String, String> row) {
        double observed = Double.parseDouble(row.get("loss_c4_val"));
        double predicted = law.loss(Double.parseDouble(row.get("params")),
                Double.parseDouble(row.get("token_multiplier")));
        return 100 * Math.abs(predicted - observed) / observed;
    }

    private static double multiplier(Map<String, String> r) {
        return Double.parseDouble(r.get("chinchilla_multiplier"));
    }

    private static double[] column(List<Map<String, String>> rows, String name) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(name))).toArray();
    }

    private static List<Map<String, String>> rows(String dataset) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "data", "gadre-overtraining", "gadre_models.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        Predicate<Map<String, String>> inSet = r -> r.get("dataset").equals(dataset);
        return lines.stream().skip(1).map(l -> l.split(",", -1)).map(f -> {
            Map<String, String> m = new java.util.HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), f[i]);
            }
            return m;
        }).filter(inSet).toList();
    }
}
