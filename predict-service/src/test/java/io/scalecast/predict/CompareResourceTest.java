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
import io.scalecast.contracts.event.DownstreamLaw;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.plan.LawComparison;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two families' laws compared over REST, from laws and maps published on the real broker: the answer is scaling-core's
 * comparison of the published laws and draws, a law compared with its own copy cannot be told apart, and a benchmark
 * adds the difference of each family's loss chained through its own map.
 */
@QuarkusTest
class CompareResourceTest {

    private static final ChinchillaLaw BASE = FamilyResourceTest.HOFFMANN;
    /** α 0.05 steeper, with A scaled so both laws' A terms meet at N = 1e8: the recipe is better above it. */
    static final ChinchillaLaw RECIPE = new ChinchillaLaw(BASE.e(), BASE.a() * Math.pow(1e8, 0.05),
            BASE.b(), BASE.alpha() + 0.05, BASE.beta());
    private static final double N = 7e10;
    private static final double D = 1.4e12;
    private static final int DRAWS = 50;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void readNumbersAsDoubles() {
        FamilyResourceTest.readNumbersAsDoubles();
    }

    @Test
    void theAnswerIsTheCoresComparisonOfThePublishedLawsAndDraws() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<ChinchillaLaw> baseDraws = draws(BASE, 1);
        List<ChinchillaLaw> recipeDraws = draws(RECIPE, 2);
        publish(lab, "base", BASE, baseDraws);
        publish(lab, "recipe", RECIPE, recipeDraws);

        JsonPath answer = given().queryParam("lab", lab).queryParam("families", "base,recipe")
                .queryParam("params", "7e10").queryParam("tokens", "1.4e12").get("/api/v1/compare").then()
                .statusCode(200).body("law", equalTo("chinchilla")).body("first.family", equalTo("base"))
                .body("second.family", equalTo("recipe")).body("second.version", equalTo(4))
                .body("verdict", equalTo("second-better")).extract().jsonPath();

        LawComparison.Result expected = LawComparison.compare("base", BASE, baseDraws, "recipe", RECIPE, recipeDraws,
                N, D);
        assertThat(answer.getDouble("difference")).isCloseTo(expected.difference(), within(1e-12));
        assertThat(answer.getDouble("interval.lower")).isCloseTo(expected.interval().lower(), within(1e-12));
        assertThat(answer.getDouble("interval.upper")).isCloseTo(expected.interval().upper(), within(1e-12))
                .isNegative();
        assertThat(answer.getDouble("differenceP")).isEqualTo(expected.differenceP());
        assertThat(answer.getDouble("exponentsChiSquare")).isCloseTo(expected.exponentsChiSquare(), within(1e-9));
        assertThat(answer.getDouble("exponentsP")).isEqualTo(expected.exponentsP()).isLessThan(0.025);
        assertThat(answer.getDouble("crossoverParams")).isCloseTo(expected.crossoverParams(), within(1e3));
        assertThat(answer.getInt("draws")).isEqualTo(DRAWS);
        assertThat(answer.getString("answer")).isEqualTo(expected.words()).startsWith("recipe scales better");
        assertThat(answer.getDouble("first.alpha")).isEqualTo(BASE.alpha());

        // The same law published under two names: nothing to tell apart.
        publish(lab, "copy", BASE, baseDraws);
        given().queryParam("lab", lab).queryParam("families", "base,copy").queryParam("params", "7e10")
                .queryParam("tokens", "1.4e12").get("/api/v1/compare").then().statusCode(200)
                .body("verdict", equalTo("cannot-tell")).body("difference", equalTo(0.0))
                .body("answer", containsString("cannot tell"));
        given().queryParam("lab", lab).queryParam("families", "base,absent").queryParam("params", "7e10")
                .queryParam("tokens", "1.4e12").get("/api/v1/compare").then().statusCode(404)
                .body("error", containsString("absent"));
    }

    @Test
    void aBenchmarkAddsTheDifferenceOfEachFamilysLossChainedThroughItsOwnMap() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<ChinchillaLaw> baseDraws = draws(BASE, 3);
        List<ChinchillaLaw> recipeDraws = draws(RECIPE, 4);
        publish(lab, "base", BASE, baseDraws);
        publish(lab, "recipe", RECIPE, recipeDraws);
        double[] map = {0.857, 2.206, 0.7146};
        List<double[]> mapDraws = mapDraws(map, 5);
        publishMap(lab, "base", map, mapDraws);
        // Once base's map is served, the 404 names the family still without one.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .queryParam("families", "base,recipe").queryParam("params", "7e10").queryParam("tokens", "1.4e12")
                .queryParam("benchmark", "avg17").get("/api/v1/compare").then().statusCode(404)
                .body("error", containsString("family 'recipe'")));
        publishMap(lab, "recipe", map, mapDraws);

        JsonPath answer = await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("lab", lab)
                .queryParam("families", "base,recipe").queryParam("params", "7e10").queryParam("tokens", "1.4e12")
                .queryParam("benchmark", "avg17").get("/api/v1/compare").then().extract(), r -> r.statusCode() == 200)
                .jsonPath();

        double errorBase = error(map, BASE.loss(N, D));
        double errorRecipe = error(map, RECIPE.loss(N, D));
        double[] first = new double[DRAWS];
        double[] second = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            first[i] = error(mapDraws.get(i), baseDraws.get(i).loss(N, D));
            second[i] = error(mapDraws.get(i), recipeDraws.get(i).loss(N, D));
        }
        LawComparison.Paired expected = LawComparison.Paired.of(first, second);
        assertThat(answer.getString("downstream.benchmark")).isEqualTo("avg17");
        assertThat(answer.getDouble("downstream.errorFirst")).isCloseTo(errorBase, within(1e-12));
        assertThat(answer.getDouble("downstream.errorSecond")).isCloseTo(errorRecipe, within(1e-12));
        assertThat(answer.getDouble("downstream.difference")).isCloseTo(errorRecipe - errorBase, within(1e-12))
                .isNegative();
        assertThat(answer.getDouble("downstream.interval.lower")).isCloseTo(expected.interval().lower(),
                within(1e-12));
        assertThat(answer.getDouble("downstream.interval.upper")).isCloseTo(expected.interval().upper(),
                within(1e-12));
        assertThat(answer.getDouble("downstream.p")).isEqualTo(expected.p());
        assertThat(answer.getInt("downstream.mapVersionSecond")).isEqualTo(2);
        assertThat(answer.getString("downstream.answer")).isEqualTo(expected.words("avg17 error", "base", "recipe",
                errorRecipe - errorBase)).endsWith("recipe's is lower");
    }

    /** Bootstrap-like draws around a law: E spread by 0.001, α and β by 0.0005, A and B by 0.5%. */
    static List<ChinchillaLaw> draws(ChinchillaLaw law, long seed) {
        Random random = new Random(seed);
        return Stream.generate(() -> new ChinchillaLaw(law.e() + 0.001 * random.nextGaussian(),
                law.a() * Math.exp(0.005 * random.nextGaussian()), law.b() * Math.exp(0.005 * random.nextGaussian()),
                law.alpha() + 0.0005 * random.nextGaussian(), law.beta() + 0.0005 * random.nextGaussian()))
                .limit(DRAWS).toList();
    }

    private static List<double[]> mapDraws(double[] map, long seed) {
        Random random = new Random(seed);
        return Stream.generate(() -> new double[] {map[0] + 0.002 * random.nextGaussian(),
                map[1] * Math.exp(0.005 * random.nextGaussian()), map[2] + 0.002 * random.nextGaussian()})
                .limit(DRAWS).toList();
    }

    /** The exponential map's error: ε − k·exp(−γ·loss). */
    private static double error(double[] map, double loss) {
        return map[0] - map[1] * Math.exp(-map[2] * loss);
    }

    private void publish(String lab, String family, ChinchillaLaw law, List<ChinchillaLaw> draws) throws Exception {
        FittedLaw withDraws = withDraws(FamilyResourceTest.law(lab, family, 4, law), draws);
        KafkaTestClient.send("scalecast.laws", withDraws.key(), List.of(mapper.writeValueAsString(withDraws)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .get("/api/v1/families/" + family + "/laws").then().statusCode(200).body("[0].version", equalTo(4)));
    }

    /** The law as fit-service publishes it, carrying {@code draws} as its bootstrap's. */
    static FittedLaw withDraws(FittedLaw l, List<ChinchillaLaw> draws) {
        List<double[]> published = draws.stream()
                .map(d -> new double[] {d.e(), d.a(), d.b(), d.alpha(), d.beta()}).toList();
        return new FittedLaw(l.schemaVersion(), l.lab(), l.family(), l.law(), l.version(), l.watermark(), l.params(),
                l.intervals(), new FittedLaw.Bootstrap(draws.size(), 0, 5, published, draws.size(),
                FittedLaw.Bootstrap.RUNS), l.backtest(), l.objective(), l.diagnostics(), l.config(), l.fittedAt(),
                l.observed());
    }

    private void publishMap(String lab, String family, double[] map, List<double[]> draws) throws Exception {
        DownstreamLaw law = new DownstreamLaw(1, lab, family, "avg17", "error", 2, "exponential",
                new LinkedHashMap<>(Map.of("epsilon", map[0], "k", map[1], "gamma", map[2])), draws, "covariance",
                List.of(new DownstreamLaw.Model("m0", 1, 2.1, 0.6, false)), null,
                new DownstreamLaw.HeldOut("m0/1", 0.01, null), 1.0, true, List.of(), null, "2026-12-06T00:00:00Z");
        KafkaTestClient.send("scalecast.downstream-laws", law.key(), List.of(mapper.writeValueAsString(law)));
    }
}
