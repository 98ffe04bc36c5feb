package io.scalecast.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.testing.KafkaTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A family streamed run by run through the whole system, as labs stream while models train: after each run the
 * served law is a new version whose watermark counts exactly the points sent, its prediction for the largest model
 * moves toward the truth, and its interval narrows, also when the largest run arrives across two refits. Run by
 * {@link EndToEndTest} on its running services.
 */
abstract class LiveRefitFlow {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8, 7e8, 1.5e9};
    private static final int CHECKPOINTS = 15;
    private static final double TARGET_N = 1.5e9;
    private static final double TARGET_D = 30 * TARGET_N;
    /** Checkpoints of the largest run sent before the rest. */
    private static final int FIRST_PART = 5;

    private final String lab = KafkaTestClient.uniqueLab();

    /** The running services. */
    abstract Pipeline services();

    @Test
    void eachRunMovesTheServedLawTowardTheTruthAndNarrowsItsInterval() {
        List<SyntheticFamily.Checkpoint> all = new SyntheticFamily(TRUTH, SIZES, 30, CHECKPOINTS, 0.005, 11)
                .generate();
        double truth = TRUTH.loss(TARGET_N, TARGET_D);
        List<Map<String, Object>> answers = new ArrayList<>();
        int sent = 0;
        for (int run = 0; run < SIZES.length; run++) {
            double size = SIZES[run];
            List<String> events = all.stream().filter(c -> c.params() == size).map(c -> KafkaTestClient.checkpoint(
                    lab, "live", c.run(), c.params(), c.tokens(), c.step(), c.loss())).toList();
            if (run == SIZES.length - 1) {
                // The largest run arrives across two refits, as a slow consumer can split it: the law of its first
                // checkpoints must not lend the final law its wide interval (RunGrowth).
                sent += send(events.subList(0, FIRST_PART));
                awaitPredictionOnPoints(sent);
                events = events.subList(FIRST_PART, events.size());
            }
            sent += send(events);
            if (run >= 2) {
                answers.add(awaitPredictionOnPoints(sent));
            }
        }

        for (int k = 1; k < answers.size(); k++) {
            assertThat(version(answers.get(k))).isGreaterThan(version(answers.get(k - 1)));
        }
        Map<String, Object> first = answers.get(0);
        Map<String, Object> last = answers.get(answers.size() - 1);
        assertThat(error(last, truth)).isLessThan(error(first, truth)).isLessThan(0.01 * truth);
        assertThat(width(last)).isLessThan(width(first) / 2);
        assertThat(width(answers.get(answers.size() - 2))).isLessThan(width(first));
    }

    private int send(List<String> events) {
        KafkaTestClient.send("scalecast.checkpoints", lab + "/live", events);
        return events.size();
    }

    /** Waits for the served prediction whose law saw exactly {@code points} points. */
    private Map<String, Object> awaitPredictionOnPoints(int points) {
        List<Map<String, Object>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            Map<String, Object> answer = given().queryParam("lab", lab).queryParam("params", TARGET_N)
                    .queryParam("tokens", TARGET_D).get(services().predict.url() + "/api/v1/families/live/predictions")
                    .then().extract().path("");
            if (answer == null || !answer.containsKey("watermark")) {
                return false;
            }
            Map<?, ?> watermark = (Map<?, ?>) answer.get("watermark");
            if (((Number) watermark.get("points")).intValue() != points) {
                return false;
            }
            found.add(answer);
            return true;
        });
        return found.get(0);
    }

    private static long version(Map<String, Object> answer) {
        return ((Number) answer.get("version")).longValue();
    }

    private static double error(Map<String, Object> answer, double truth) {
        return Math.abs((Double) answer.get("loss") - truth);
    }

    private static double width(Map<String, Object> answer) {
        Map<?, ?> interval = (Map<?, ?>) answer.get("interval");
        return (Double) interval.get("upper") - (Double) interval.get("lower");
    }
}
