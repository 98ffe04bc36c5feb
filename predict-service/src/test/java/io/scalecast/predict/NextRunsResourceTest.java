package io.scalecast.predict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.plan.Candidates;
import io.scalecast.core.plan.NextRuns;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The next-run plan over REST, from a law published on the real broker with the synthetic family it was fitted on:
 * the ranking is the one scaling-core computes from the law's fitted points (early checkpoints dropped as the token
 * cut marks them), the target may be a FLOP budget's optimum, a lab's own candidates and a budget narrow the list.
 */
@QuarkusTest
class NextRunsResourceTest {

    private static final ChinchillaLaw LAW = FamilyResourceTest.HOFFMANN;
    private static final double[] SIZES = {2e7, 4e7, 8e7, 1.6e8, 3.2e8};
    /** Of each run's 8 checkpoints the first 3 are marked dropped by the token cut: 5 fitted from 4/8 of D. */
    private static final int DROPPED = 3;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void readNumbersAsDoubles() {
        FamilyResourceTest.readNumbersAsDoubles();
    }

    @Test
    void ranksTheDefaultGridAsTheCoreDoesOnTheLawsFittedPoints() throws Exception {
        String lab = publish();
        JsonPath answer = given().queryParam("lab", lab).queryParam("params", "7e10").queryParam("tokens", "1.4e12")
                .queryParam("limit", "3").get("/api/v1/families/fam/next-runs").then().statusCode(200)
                .body("law", equalTo("chinchilla")).body("version", equalTo(3))
                .body("runShape.checkpoints", equalTo(5)).body("candidates.rank", equalTo(List.of(1, 2, 3)))
                .extract().jsonPath();

        FamilyData fitted = fittedPoints();
        NextRuns.Ranking expected = new NextRuns(LAW, fitted, 5, 0.5).rank(7e10, 1.4e12, Candidates.grid(fitted));
        // Seven sizes (the five observed, 6.4e8 and 1.28e9) at five token multipliers.
        assertThat(answer.getInt("considered")).isEqualTo(35);
        assertThat(answer.getDouble("runShape.firstShare")).isCloseTo(0.5, within(1e-12));
        assertThat(answer.getDouble("target.width")).isCloseTo(expected.width(), within(expected.width() * 1e-9));
        assertThat(answer.getDouble("target.loss")).isCloseTo(LAW.loss(7e10, 1.4e12), within(1e-9));
        for (int i = 0; i < 3; i++) {
            NextRuns.Candidate c = expected.candidates().get(i);
            String at = "candidates[" + i + "].";
            assertThat(answer.getDouble(at + "params")).isEqualTo(c.params());
            assertThat(answer.getDouble(at + "tokens")).isEqualTo(c.tokens());
            assertThat(answer.getDouble(at + "widthAfter")).isCloseTo(c.widthAfter(), within(c.widthAfter() * 1e-9));
            assertThat(answer.getDouble(at + "shrink")).isPositive();
            assertThat(answer.getString(at + "why")).isEqualTo(c.why());
        }
        NextRuns.Check check = new NextRuns(LAW, fitted, 5, 0.5).check(7e10, 1.4e12);
        assertThat(answer.getDouble("checkRun.params")).isEqualTo(check.params());
        assertThat(answer.getDouble("checkRun.tokensPerParam")).isCloseTo(20, within(1e-9));
        assertThat(answer.getDouble("checkRun.lower")).isCloseTo(check.lower(), within(1e-9));
        assertThat(answer.getDouble("checkRun.upper")).isCloseTo(check.upper(), within(1e-9));
        assertThat(answer.getString("checkRun.use")).startsWith("once the width meets your goal");
        // Every run was trained at 20 tokens per parameter, so B and beta are weakly told apart: the best buy per
        // FLOP trains at another multiplier.
        assertThat(answer.getDouble("candidates[0].tokensPerParam")).isNotEqualTo(20.0);
    }

    @Test
    void aFlopBudgetsOptimumIsTheTargetAndALabsOwnCandidatesAreRankedWithinItsBudget() throws Exception {
        String lab = publish();
        ChinchillaLaw.Allocation optimum = LAW.computeOptimal(5.76e23);
        JsonPath atOptimum = given().queryParam("lab", lab).queryParam("flops", "5.76e23")
                .get("/api/v1/families/fam/next-runs").then().statusCode(200).extract().jsonPath();
        assertThat(atOptimum.getDouble("target.params")).isCloseTo(optimum.params(), within(optimum.params() * 1e-9));
        assertThat(atOptimum.getDouble("target.tokens")).isCloseTo(optimum.tokens(), within(optimum.tokens() * 1e-9));

        JsonPath answer = given().queryParam("lab", lab).queryParam("flops", "5.76e23")
                .queryParam("candidates", "1e9:2e10,3e7:6e8,6.4e8:1.28e10").queryParam("budget", "1e20")
                .get("/api/v1/families/fam/next-runs").then().statusCode(200)
                .body("considered", equalTo(2)).extract().jsonPath();
        assertThat(answer.getDouble("budget")).isEqualTo(1e20);
        List<double[]> affordable = List.of(new double[] {3e7, 6e8}, new double[] {6.4e8, 1.28e10});
        List<NextRuns.Candidate> expected = new NextRuns(LAW, fittedPoints(), 5, 0.5)
                .rank(optimum.params(), optimum.tokens(), affordable).candidates();
        for (int i = 0; i < 2; i++) {
            assertThat(answer.getDouble("candidates[" + i + "].params")).isEqualTo(expected.get(i).params());
            assertThat(answer.getDouble("candidates[" + i + "].flops")).isLessThanOrEqualTo(1e20);
        }

        given().queryParam("lab", lab).queryParam("flops", "5.76e23").queryParam("budget", "1e10")
                .get("/api/v1/families/fam/next-runs").then().statusCode(400)
                .body("field", equalTo("budget")).body("error", containsString("no candidate"));
    }

    private String publish() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        FittedLaw law = FamilyResourceTest.law(lab, "fam", 3, LAW).withObserved(observed());
        KafkaTestClient.send("scalecast.laws", law.key(), List.of(mapper.writeValueAsString(law)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .get("/api/v1/families/fam/laws").then().statusCode(200).body("[0].version", equalTo(3)));
        return lab;
    }

    private static List<SyntheticFamily.Checkpoint> checkpoints() {
        return new SyntheticFamily(LAW, SIZES, 20, 8, 0.01, 11).generate();
    }

    /** The family as a law carries it: every checkpoint, the first {@link #DROPPED} of each run marked dropped. */
    private static FittedLaw.Observed observed() {
        List<String> runs = checkpoints().stream().map(SyntheticFamily.Checkpoint::run).distinct().toList();
        List<double[]> points = new ArrayList<>();
        List<SyntheticFamily.Checkpoint> all = checkpoints();
        for (int i = 0; i < all.size(); i++) {
            SyntheticFamily.Checkpoint c = all.get(i);
            points.add(new double[] {runs.indexOf(c.run()), c.params(), c.tokens(), c.loss(),
                    i % 8 < DROPPED ? 0 : 1});
        }
        return new FittedLaw.Observed(runs, points, points.size());
    }

    private static FamilyData fittedPoints() {
        List<SyntheticFamily.Checkpoint> all = checkpoints();
        List<CheckpointPoint> kept = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % 8 >= DROPPED) {
                SyntheticFamily.Checkpoint c = all.get(i);
                kept.add(new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss()));
            }
        }
        return FamilyData.of(kept);
    }
}
