package io.scalecast.fit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.contracts.event.Observation;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-family configuration over REST, over the real broker and database: validation, refits, borrowing. */
@QuarkusTest
class FamilyConfigTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.8, 450, 2000, 0.34, 0.36);
    private static final double[] SIZES = {2e7, 6e7, 2e8, 6e8, 2e9};

    @Inject
    ObjectMapper mapper;

    @Test
    void defaultsUntilStoredAndEveryBadFieldIsNamed() {
        String lab = KafkaTestClient.uniqueLab();
        given().queryParam("lab", lab).get("/api/v1/families/fresh/config").then().statusCode(200)
                .body("stored", equalTo(false)).body("tokenCut", equalTo("hitchhiker"))
                .body("metric", equalTo("loss")).body("bootstrapResamples", equalTo(1000));

        bad(lab, "{\"tokenCut\":\"soon\"}", "tokenCut");
        bad(lab, "{\"metric\":\" spaced\"}", "metric");
        bad(lab, "{\"pinned\":{\"gamma\":1}}", "pinned");
        bad(lab, "{\"pinned\":{\"alpha\":7}}", "pinned");
        bad(lab, "{\"borrow\":{\"family\":\"fresh\"}}", "borrow.family");
        bad(lab, "{\"borrow\":{\"family\":\"other\",\"mode\":\"maybe\"}}", "borrow.mode");
        bad(lab, "{\"borrow\":{\"family\":\"other\"},\"pinned\":{\"alpha\":0.3}}", "pinned");
        bad(lab, "{\"bootstrapResamples\":-1}", "bootstrapResamples");
        bad(lab, "{\"bootstrapResamples\":20000}", "bootstrapResamples");
        bad(lab, "{\"excludeRuns\":[\" \"]}", "excludeRuns");
        bad(lab, "{\"excludeRuns\":[null]}", "excludeRuns");
        given().contentType("application/json").body("{}").put("/api/v1/families/fresh/config").then()
                .statusCode(400).body("field", equalTo("lab"));
        given().queryParam("lab", lab).get("/api/v1/families/fresh/config").then().statusCode(200)
                .body("stored", equalTo(false));
    }

    @Test
    void aFamilyOfTwoSizesIsFittedOnceItBorrowsAndTheLawSaysSo() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        KafkaTestClient.send("scalecast.observations", lab + "/donor", observations(lab, "donor", SIZES));
        // The donor's law on all its points: the one the thin family borrows from (an earlier law on part of the
        // points may come first).
        FittedLaw donor = new PublishedLaws(mapper).awaitPoints(lab, "donor", 20 * SIZES.length);
        KafkaTestClient.send("scalecast.observations", lab + "/thin",
                observations(lab, "thin", new double[] {2e7, 6e7}));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .get("/api/v1/families/thin/fits").then().statusCode(200)
                .body("find { it.law == 'chinchilla' }.status", equalTo("skipped"))
                .body("find { it.law == 'chinchilla' }.reason", containsString("borrow A and alpha")));

        given().queryParam("lab", lab).contentType("application/json")
                .body("{\"borrow\":{\"family\":\"donor\",\"mode\":\"pin\"},\"bootstrapResamples\":200}")
                .put("/api/v1/families/thin/config").then().statusCode(200)
                .body("stored", equalTo(true)).body("borrow.family", equalTo("donor"))
                .body("borrow.mode", equalTo("pin")).body("bootstrapResamples", equalTo(200));

        FittedLaw thin = awaitLaws(lab, "thin", 1).get(0);
        assertThat(thin.config().borrowedFrom()).isEqualTo("donor");
        assertThat(thin.config().freeParameters()).isEqualTo(3);
        assertThat(thin.config().runsForFreeFit()).isEqualTo(3);
        assertThat(thin.params().get("alpha")).isCloseTo(donor.params().get("alpha"), within(1e-12));
        assertThat(thin.params().get("A")).isCloseTo(donor.params().get("A"), within(1e-9 * donor.params().get("A")));
        assertThat(thin.bootstrap().resamples()).isEqualTo(200);
        double truth = TRUTH.loss(2e9, 8e10);
        assertThat(ChinchillaLaw.fromNamed(thin.params()).loss(2e9, 8e10)).isCloseTo(truth, within(0.02 * truth));

        given().queryParam("lab", lab).contentType("application/json")
                .body("{\"borrow\":{\"family\":\"donor\",\"mode\":\"prior\"},\"tokenCut\":\"none\","
                        + "\"bootstrapResamples\":0}")
                .put("/api/v1/families/thin/config").then().statusCode(200);

        FittedLaw soft = awaitLaws(lab, "thin", 2).get(1);
        assertThat(soft.version()).isGreaterThan(thin.version());
        assertThat(soft.config().freeParameters()).isEqualTo(5);
        assertThat(soft.config().priors()).containsOnlyKeys("A", "alpha");
        assertThat(soft.config().tokenCut()).contains("drop tokens < 0");
        assertThat(soft.bootstrap()).isNull();
        assertThat(soft.watermark().dataVersion()).isEqualTo(thin.watermark().dataVersion());
        assertThat(ChinchillaLaw.fromNamed(soft.params()).loss(2e9, 8e10)).isCloseTo(truth, within(0.03 * truth));
    }

    @Test
    void excludedRunsAreLeftOutOfEveryFitAndTheConfigurationSaysWhich() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        String largest = SyntheticFamily.runName(SIZES[SIZES.length - 1]);
        given().queryParam("lab", lab).contentType("application/json")
                .body("{\"excludeRuns\":[\"" + largest + "\"],\"bootstrapResamples\":0}")
                .put("/api/v1/families/held/config").then().statusCode(200)
                .body("excludeRuns", equalTo(List.of(largest)));

        KafkaTestClient.send("scalecast.observations", lab + "/held", observations(lab, "held", SIZES));

        FittedLaw law = new PublishedLaws(mapper).awaitPoints(lab, "held", 20 * (SIZES.length - 1));
        assertThat(law.watermark().runs()).isEqualTo(SIZES.length - 1);
        assertThat(law.watermark().maxParams()).isEqualTo(SIZES[SIZES.length - 2]);
        assertThat(law.observed().runs()).doesNotContain(largest);
    }

    /**
     * A fit that fails (here: priors borrowed from a family whose law has no bootstrap draws) is recorded with its
     * reason, and the previous law stays the family's latest on the topic.
     */
    @Test
    void aFailingFitIsRecordedWithItsReasonAndThePreviousLawStays() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        given().queryParam("lab", lab).contentType("application/json").body("{\"bootstrapResamples\":0}")
                .put("/api/v1/families/drawless/config").then().statusCode(200);
        KafkaTestClient.send("scalecast.observations", lab + "/drawless", observations(lab, "drawless", SIZES));
        KafkaTestClient.send("scalecast.observations", lab + "/fails", observations(lab, "fails", SIZES));
        new PublishedLaws(mapper).awaitPoints(lab, "drawless", 20 * SIZES.length);
        new PublishedLaws(mapper).awaitPoints(lab, "fails", 20 * SIZES.length);
        Thread.sleep(2_000);
        List<FittedLaw> settled = laws(lab, "fails");
        FittedLaw before = settled.get(settled.size() - 1);

        given().queryParam("lab", lab).contentType("application/json")
                .body("{\"borrow\":{\"family\":\"drawless\",\"mode\":\"prior\"}}")
                .put("/api/v1/families/fails/config").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .get("/api/v1/families/fails/fits").then().statusCode(200)
                .body("find { it.law == 'chinchilla' }.status", equalTo("failed"))
                .body("find { it.law == 'chinchilla' }.reason", containsString("has no bootstrap draws")));
        List<FittedLaw> published = laws(lab, "fails");
        assertThat(published.get(published.size() - 1).version()).isEqualTo(before.version());
        assertThat(published.get(published.size() - 1).params()).isEqualTo(before.params());
    }

    private static void bad(String lab, String body, String field) {
        given().queryParam("lab", lab).contentType("application/json").body(body)
                .put("/api/v1/families/fresh/config").then().statusCode(400).body("field", equalTo(field));
    }

    private List<FittedLaw> awaitLaws(String lab, String family, int atLeast) {
        return new PublishedLaws(mapper).await(lab, family, atLeast);
    }

    private List<FittedLaw> laws(String lab, String family) {
        return new PublishedLaws(mapper).of(lab, family);
    }

    private List<String> observations(String lab, String family, double[] sizes) throws Exception {
        String now = Instant.now().toString();
        List<String> out = new ArrayList<>();
        for (SyntheticFamily.Checkpoint c : new SyntheticFamily(TRUTH, sizes, 40, 20, 0.002, 7).generate()) {
            Observation o = new Observation(1, Observation.CHECKPOINT, lab, family, c.run(), c.params(), c.tokens(),
                    c.step(), "loss", c.loss(), null, 6 * c.params() * c.tokens(), null, null, null, null, 1, now);
            out.add(mapper.writeValueAsString(o));
        }
        return out;
    }
}
