package io.scalecast.predict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.scalecast.contracts.event.DownstreamLaw;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FamilyResourceTest {

    /** Hoffmann et al.'s unrounded fit: L(70e9, 1.4e12) = 1.9208 and N*(5.76e23) = 4.036e10 (science.md). */
    static final ChinchillaLaw HOFFMANN = new ChinchillaLaw(Math.exp(0.5267228), Math.exp(6.0073404),
            Math.exp(6.0179186), 0.33917084, 0.2849083);

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void readNumbersAsDoubles() {
        // REST Assured reads JSON numbers as floats by default, which would hide the precision served.
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(NumberReturnType.DOUBLE));
    }

    @Test
    void computeOptimalAddsTheFrontierPowerLawsLossWhenTheFamilyHasOne() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        publish(law(lab, "both", 2, HOFFMANN));
        awaitVersion(lab, "both", 2);
        given().queryParam("lab", lab).queryParam("flops", "1e24").get("/api/v1/families/both/compute-optimal")
                .then().statusCode(200).body("frontier", nullValue());

        publish(powerLaw(lab, "both", 4));

        double flops = 1e24;
        double expected = loss(flops, 0.12);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .queryParam("flops", "1e24").get("/api/v1/families/both/compute-optimal").then().statusCode(200)
                .body("law", equalTo("chinchilla"))
                .body("frontier.law", equalTo("power-compute"))
                .body("frontier.version", equalTo(4))
                .body("frontier.loss", closeTo(expected, 1e-9))
                // Percentiles of the 11 draws: between the two most extreme alphas at each end.
                .body("frontier.interval.lower", allOf(greaterThan(loss(flops, 0.125)), lessThan(loss(flops, 0.124))))
                .body("frontier.interval.upper", allOf(greaterThan(loss(flops, 0.116)), lessThan(loss(flops, 0.115))))
                .body("frontier.backtestAre", closeTo(0.004, 1e-12)));
        given().queryParam("lab", lab).get("/api/v1/families/both/laws").then().statusCode(200)
                .body("law", equalTo(List.of("chinchilla", "power-compute")));
    }

    @Test
    void answersEveryLossQueryFromTheOvertrainingLawWhenAsked() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        publish(law(lab, "gadre", 2, HOFFMANN));
        awaitVersion(lab, "gadre", 2);
        given().queryParam("lab", lab).queryParam("params", "6.9e9").queryParam("tokens", "1.38e11")
                .queryParam("law", "overtraining").get("/api/v1/families/gadre/predictions")
                .then().statusCode(404).body("error", containsString("has no overtraining law"));

        publish(overtrainingLaw(lab, "gadre", 7));

        // Gadre et al.'s RedPajama law at the 6.9B model and M = 20 (science.md 4.1), written out by hand.
        double expected = rpj(RPJ_P);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .queryParam("params", "6.9e9").queryParam("tokens", "1.38e11").queryParam("law", "overtraining")
                .get("/api/v1/families/gadre/predictions").then().statusCode(200)
                .body("law", equalTo("overtraining"))
                .body("version", equalTo(7))
                .body("loss", closeTo(expected, 1e-9))
                // Percentiles of the 11 draws: between the two most extreme exponents at each end.
                .body("interval.lower", allOf(greaterThan(rpj(RPJ_P - 0.005)), lessThan(rpj(RPJ_P - 0.004))))
                .body("interval.upper", allOf(greaterThan(rpj(RPJ_P + 0.004)), lessThan(rpj(RPJ_P + 0.005)))));
        // With alpha = beta the optimum keeps D/N = (B/A)^(1/alpha) at every budget, B = b*6^(p/2), A = a.
        double ratio = Math.pow(RPJ_B * Math.pow(6, RPJ_P / 2) / RPJ_A, -1 / RPJ_P);
        given().queryParam("lab", lab).queryParam("flops", "1e22").queryParam("law", "overtraining")
                .get("/api/v1/families/gadre/compute-optimal").then().statusCode(200)
                .body("law", equalTo("overtraining"))
                .body("tokensPerParam", closeTo(ratio, ratio * 1e-9))
                .body("paramsExponent", closeTo(0.5, 1e-12));
        given().queryParam("lab", lab).queryParam("params", "6.9e9").queryParam("law", "overtraining")
                .queryParam("steps", "3").get("/api/v1/families/gadre/curve").then().statusCode(200)
                .body("law", equalTo("overtraining"))
                .body("observed.size()", equalTo(2));
        given().contentType("application/json").body(Map.of("lab", lab, "queries", List.of(
                Map.of("family", "gadre", "params", 6.9e9, "tokens", 1.38e11, "law", "overtraining"),
                Map.of("family", "gadre", "params", 6.9e9, "tokens", 1.38e11))))
                .post("/api/v1/predictions").then().statusCode(200)
                .body("predictions[0].loss", closeTo(expected, 1e-9))
                .body("predictions[1].law", equalTo("chinchilla"));
        given().queryParam("lab", lab).queryParam("params", "6.9e9").queryParam("tokens", "1.38e11")
                .queryParam("law", "power-compute").get("/api/v1/families/gadre/predictions")
                .then().statusCode(400).body("field", equalTo("law"))
                .body("error", containsString("frontier of compute-optimal"));
        given().queryParam("lab", lab).queryParam("flops", "1e22").queryParam("law", "kaplan")
                .get("/api/v1/families/gadre/compute-optimal")
                .then().statusCode(400).body("field", equalTo("law")).body("error", containsString("'kaplan'"));
    }

    private static final double RPJ_E = 1.83664838;
    private static final double RPJ_A = 166.210985;
    private static final double RPJ_B = 366.687179;
    private static final double RPJ_P = -0.272850703;

    /** The loss of the 6.9B model at M = 20 under Gadre et al.'s RedPajama law with exponent p. */
    private static double rpj(double p) {
        return RPJ_E + RPJ_A * Math.pow(6.9e9, p) + RPJ_B * Math.pow(6, p / 2) * Math.pow(20 * 6.9e9, p);
    }

    /** Gadre et al.'s RedPajama law, with Chinchilla-form draws whose exponent spreads +-0.005. */
    private static FittedLaw overtrainingLaw(String lab, String family, long version) {
        Map<String, Double> params = new LinkedHashMap<>();
        params.put("E", RPJ_E);
        params.put("a", RPJ_A);
        params.put("b", RPJ_B);
        params.put("p", RPJ_P);
        List<double[]> draws = java.util.stream.IntStream.rangeClosed(-5, 5).mapToObj(k -> {
            double p = RPJ_P + k * 0.001;
            return new double[] {RPJ_E, RPJ_A, RPJ_B * Math.pow(6, p / 2), -p, -p};
        }).toList();
        return new FittedLaw(1, lab, family, FittedLaw.OVERTRAINING, version,
                new FittedLaw.Watermark(10, 100, 5, 5, 5, 4.11e8, 4.11e8 * 20, "2026-11-23T00:00:00Z", null), params,
                Map.of(), new FittedLaw.Bootstrap(11, 0, 5, draws, 11, FittedLaw.Bootstrap.COVARIANCE), null, 1e-4,
                new FittedLaw.Diagnostics(128, 128, 100, 12, true, 0.99, 0.01, 5, 0, List.of(), "full",
                        "no earlier fit of the family on this instance", List.of()),
                new FittedLaw.Config("loss", 0, "none", "test", Map.of(), 4, null, Map.of(), 5),
                "2026-11-23T00:00:01Z", null);
    }

    /**
     * A benchmark's error chained from the loss law through its map: the point is the map at the law's loss, the
     * interval pairs their draws, and the map's reliability reasons pass through.
     */
    @Test
    void chainsTheLossLawAndABenchmarksMapWithBothUncertainties() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        publish(law(lab, "down", 2, HOFFMANN));
        awaitVersion(lab, "down", 2);
        given().queryParam("lab", lab).queryParam("params", "7e10").queryParam("tokens", "1.4e12")
                .queryParam("benchmark", "avg17").get("/api/v1/families/down/downstream")
                .then().statusCode(404).body("error", containsString("no map of benchmark 'avg17'"));

        List<double[]> draws = java.util.stream.IntStream.rangeClosed(-10, 10)
                .mapToObj(k -> new double[] {0.857, 2.206, 0.7146 + k * 0.002}).toList();
        DownstreamLaw map = new DownstreamLaw(1, lab, "down", "avg17", "error", 3, "exponential",
                new LinkedHashMap<>(Map.of("epsilon", 0.857, "k", 2.206, "gamma", 0.7146)), draws, "covariance",
                List.of(new DownstreamLaw.Model("m0", 1, 2.1, 0.6, false)), null,
                new DownstreamLaw.HeldOut("m0/1", 0.01, null), 1.0, false,
                List.of("fitted on 4 models; a trustworthy map needs at least 5"), null, "2026-11-30T00:00:00Z");
        KafkaTestClient.send("scalecast.downstream-laws", map.key(), List.of(mapper.writeValueAsString(map)));

        double loss = HOFFMANN.loss(7e10, 1.4e12);
        double error = 0.857 - 2.206 * Math.exp(-0.7146 * loss);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .queryParam("params", "7e10").queryParam("tokens", "1.4e12").queryParam("benchmark", "avg17")
                .get("/api/v1/families/down/downstream").then().statusCode(200)
                .body("loss.loss", closeTo(loss, 1e-9))
                .body("error", closeTo(error, 1e-9))
                .body("accuracy", closeTo(1 - error, 1e-9))
                .body("mapVersion", equalTo(3))
                .body("mapModels", equalTo(1))
                .body("interval.lower", lessThan(error))
                .body("interval.upper", greaterThan(error))
                .body("interval.kind", containsString("loss-to-error map"))
                .body("reliable", equalTo(false))
                .body("reasons[0]", containsString("at least 5")));
        given().queryParam("lab", lab).queryParam("params", "7e10").queryParam("tokens", "1.4e12")
                .get("/api/v1/families/down/downstream").then().statusCode(400).body("field", equalTo("benchmark"));

        // A map whose error crosses zero at the law's loss: the answer and its band stay in [0, 1] and say why.
        List<double[]> steepDraws = draws.stream().map(d -> new double[] {0.3, d[1], d[2]}).toList();
        DownstreamLaw steep = new DownstreamLaw(1, lab, "down", "steep", "error", 1, "exponential",
                new LinkedHashMap<>(Map.of("epsilon", 0.3, "k", 2.206, "gamma", 0.7146)), steepDraws, "covariance",
                map.models(), null, map.heldOut(), 1.0, true, List.of(), null, "2026-11-30T00:00:00Z");
        KafkaTestClient.send("scalecast.downstream-laws", steep.key(), List.of(mapper.writeValueAsString(steep)));
        assertThat(0.3 - 2.206 * Math.exp(-0.7146 * loss)).as("the map's own error here").isNegative();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .queryParam("params", "7e10").queryParam("tokens", "1.4e12").queryParam("benchmark", "steep")
                .get("/api/v1/families/down/downstream").then().statusCode(200)
                .body("error", equalTo(0.0))
                .body("accuracy", equalTo(1.0))
                .body("interval.lower", equalTo(0.0))
                .body("interval.upper", equalTo(0.0))
                .body("reliable", equalTo(false))
                .body("reasons[0]", containsString("outside [0, 1]")));
    }

    /** Every map drawn across its models' losses with its band; with a target, the chained prediction there. */
    @Test
    void drawsEveryMapAcrossItsModelsWithItsBandAndTheChainedTarget() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        publish(law(lab, "plotted", 2, HOFFMANN));
        awaitVersion(lab, "plotted", 2);
        given().queryParam("lab", lab).get("/api/v1/families/plotted/downstream/maps").then().statusCode(404)
                .body("error", containsString("has no loss-to-error map"));
        List<double[]> draws = java.util.stream.IntStream.rangeClosed(-10, 10)
                .mapToObj(k -> new double[] {0.857, 2.206, 0.7146 + k * 0.002}).toList();
        List<DownstreamLaw.Model> models = List.of(new DownstreamLaw.Model("a", 1, 2.0, 0.6, false),
                new DownstreamLaw.Model("b", 1, 2.5, 0.7, false), new DownstreamLaw.Model("c", 1, 3.0, 0.75, true));
        for (String benchmark : List.of("piqa", "avg17")) {
            DownstreamLaw map = new DownstreamLaw(1, lab, "plotted", benchmark, "error", 4, "exponential",
                    new LinkedHashMap<>(Map.of("epsilon", 0.857, "k", 2.206, "gamma", 0.7146)), draws, "covariance",
                    models, 0.5, new DownstreamLaw.HeldOut("a", 0.01, null), 1.0, false,
                    List.of("fitted on 3 models; a trustworthy map needs at least 5"), "chinchilla v2",
                    "2026-12-05T00:00:00Z");
            KafkaTestClient.send("scalecast.downstream-laws", map.key(), List.of(mapper.writeValueAsString(map)));
        }
        String maps = "/api/v1/families/plotted/downstream/maps";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .get("/api/v1/families").then().statusCode(200)
                .body("find { it.family == 'plotted' }.maps.benchmark", contains("avg17", "piqa"))
                .body("find { it.family == 'plotted' }.maps[0].version", equalTo(4)));

        double middle = 0.857 - 2.206 * Math.exp(-0.7146 * 2.5);
        given().queryParam("lab", lab).queryParam("steps", 5).get(maps).then().statusCode(200)
                .body("maps.benchmark", contains("avg17", "piqa"))
                .body("maps[0].models", hasSize(3))
                .body("maps[0].models[2].lossFromLaw", equalTo(true))
                .body("maps[0].chance", equalTo(0.5))
                .body("maps[0].reasons[0]", containsString("at least 5"))
                .body("maps[0].curve", hasSize(5))
                .body("maps[0].curve[0].loss", closeTo(1.9, 1e-12))
                .body("maps[0].curve[4].loss", closeTo(3.1, 1e-12))
                .body("maps[0].curve[2].error", closeTo(middle, 1e-12))
                .body("maps[0].curve[2].lower", lessThan(middle))
                .body("maps[0].curve[2].upper", greaterThan(middle))
                .body("maps[0].target", nullValue());

        double loss = HOFFMANN.loss(7e10, 1.4e12);
        double error = 0.857 - 2.206 * Math.exp(-0.7146 * loss);
        given().queryParam("lab", lab).queryParam("params", "7e10").queryParam("tokens", "1.4e12").get(maps).then()
                .statusCode(200)
                .body("maps[1].target.error", closeTo(error, 1e-9))
                .body("maps[1].target.loss.loss", closeTo(loss, 1e-9))
                .body("maps[1].target.interval.lower", lessThan(error))
                .body("maps[1].curve[0].loss", closeTo(loss - 0.1 * (3.0 - loss), 1e-9))
                .body("maps[1].targetRefused", nullValue());
        given().queryParam("lab", lab).queryParam("params", "7e10").get(maps).then().statusCode(400)
                .body("field", equalTo("tokens"));
        given().queryParam("lab", lab).queryParam("steps", 1).get(maps).then().statusCode(400)
                .body("field", equalTo("steps"));
    }

    private static double loss(double flops, double alpha) {
        return 1.7 + 60 * Math.pow(flops, -alpha);
    }

    /** A power law in compute, E 1.7, A 60, alpha 0.12, with draws of alpha from 0.115 to 0.125. */
    private static FittedLaw powerLaw(String lab, String family, long version) {
        Map<String, Double> params = new LinkedHashMap<>();
        params.put("E", 1.7);
        params.put("A", 60.0);
        params.put("alpha", 0.12);
        List<double[]> draws = java.util.stream.IntStream.rangeClosed(-5, 5)
                .mapToObj(k -> new double[] {1.7, 60, 0.12 + k * 0.001}).toList();
        return new FittedLaw(1, lab, family, FittedLaw.POWER_COMPUTE, version,
                new FittedLaw.Watermark(10, 100, 30, 5, 5, 1e10, 2e11, "2026-11-23T00:00:00Z", null), params, Map.of(),
                new FittedLaw.Bootstrap(11, 0, 5, draws, 11, FittedLaw.Bootstrap.RUNS),
                new FittedLaw.Backtest(0.004, 0.02, 0.03, "large", 4, 6, 2.0), 1e-3,
                new FittedLaw.Diagnostics(150, 150, 100, 20, true, 0.99, 0.01, 5, 0, List.of(), "full",
                        "a power law is always fitted in full", List.of()),
                new FittedLaw.Config("loss", 1e-3, "none", "test", Map.of(), 3, null, Map.of(), 3),
                "2026-11-23T00:00:01Z", null);
    }

    @Test
    void answersPredictionsAndAllocationsFromThePublishedLaw() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        publish(law(lab, "chin", 3, HOFFMANN));
        awaitVersion(lab, "chin", 3);

        given().queryParam("lab", lab).queryParam("params", "70e9").queryParam("tokens", "1.4e12")
                .get("/api/v1/families/chin/predictions")
                .then().statusCode(200)
                .body("loss", closeTo(1.9208, 1e-4))
                .body("version", equalTo(3))
                .body("law", equalTo("chinchilla"))
                .body("extrapolation.paramsRatio", closeTo(70e9 / 1e10, 1e-9))
                .body("extrapolation.beyondData", equalTo(true))
                .body("extrapolation.warning", containsString("not back-tested"))
                .body("interval.level", equalTo(0.95))
                .body("interval.lower", closeTo(HOFFMANN.withAlpha(0.33917084 + 0.0095).loss(70e9, 1.4e12), 1e-3))
                .body("interval.upper", closeTo(HOFFMANN.withAlpha(0.33917084 - 0.0095).loss(70e9, 1.4e12), 1e-3));
        given().queryParam("lab", lab).queryParam("flops", "5.76e23").get("/api/v1/families/chin/compute-optimal")
                .then().statusCode(200)
                .body("params", closeTo(4.036e10, 4.036e10 * 1e-3))
                .body("tokens", closeTo(2.379e12, 2.379e12 * 1e-3))
                .body("tokensPerParam", closeTo(58.93, 0.05))
                .body("version", equalTo(3))
                .body("watermark.points", equalTo(100))
                .body("extrapolation.paramsRatio", closeTo(4.036, 0.01))
                .body("paramsInterval.lower", lessThan(4.036e10))
                .body("paramsInterval.upper", greaterThan(4.036e10));
        given().queryParam("lab", lab).get("/api/v1/families")
                .then().statusCode(200).body("[0].family", equalTo("chin")).body("[0].laws[0].version", equalTo(3));
        given().queryParam("lab", lab).get("/api/v1/families/chin/laws")
                .then().statusCode(200).body("[0].params.alpha", closeTo(0.33917084, 1e-12));
    }

    @Test
    void anOlderVersionNeverReplacesANewerOne() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        publish(law(lab, "order", 5, HOFFMANN));
        awaitVersion(lab, "order", 5);
        publish(law(lab, "order", 4, new ChinchillaLaw(9, 9, 9, 0.1, 0.1)));
        publish(law(lab, "order", 6, HOFFMANN));

        awaitVersion(lab, "order", 6);
    }

    @Test
    void badQueriesGet400NamingTheFieldAndUnknownFamilies404() {
        String lab = KafkaTestClient.uniqueLab();
        given().queryParam("lab", lab).queryParam("params", "abc").queryParam("tokens", "1e9")
                .get("/api/v1/families/x/predictions")
                .then().statusCode(400).body("field", equalTo("params")).body("error", containsString("number"));
        given().queryParam("lab", lab).queryParam("params", "1e9").queryParam("tokens", "-5")
                .get("/api/v1/families/x/predictions")
                .then().statusCode(400).body("field", equalTo("tokens"));
        given().queryParam("lab", lab).queryParam("params", "1e9")
                .get("/api/v1/families/x/predictions")
                .then().statusCode(400).body("field", equalTo("tokens")).body("error", containsString("required"));
        given().queryParam("params", "1e9").queryParam("tokens", "1e9").get("/api/v1/families/x/predictions")
                .then().statusCode(400).body("field", equalTo("lab"));
        given().queryParam("lab", lab).queryParam("flops", "NaN").get("/api/v1/families/x/compute-optimal")
                .then().statusCode(400).body("field", equalTo("flops"));
        given().queryParam("lab", lab).queryParam("params", "1e9").queryParam("tokens", "1e9")
                .get("/api/v1/families/nothing-here/predictions")
                .then().statusCode(404).body("error", containsString("nothing-here"));
    }

    @Test
    void curvesCarryTheLawItsBandAndTheObservedPointsToPlot() {
        String lab = KafkaTestClient.uniqueLab();
        publish(law(lab, "plot", 2, HOFFMANN));
        awaitVersion(lab, "plot", 2);

        given().queryParam("lab", lab).get("/api/v1/families/plot/curve")
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("curves.size()", equalTo(2))
                .body("curves[0].params", closeTo(1e9, 1))
                .body("curves[0].run", equalTo("small"))
                .body("curves[0].points.size()", equalTo(40))
                .body("curves[0].points[0].tokens", closeTo(2e10, 1))
                .body("curves[0].points[39].tokens", closeTo(2e12, 1e3))
                .body("curves[1].points[0].loss", closeTo(HOFFMANN.loss(1e10, 2e10), 1e-12))
                .body("curves[1].points[39].lower", lessThan(HOFFMANN.loss(1e10, 2e12)))
                .body("observed.size()", equalTo(2))
                .body("observed[1].run", equalTo("large"))
                .body("observed[1].fitted", equalTo(true))
                .body("observedTotal", equalTo(2));
        given().queryParam("lab", lab).queryParam("params", "7e10,1e11").queryParam("steps", "5")
                .queryParam("tokensMax", "1.4e12").get("/api/v1/families/plot/curve")
                .then().statusCode(200)
                .body("curves.size()", equalTo(2))
                .body("curves[0].run", nullValue())
                .body("curves[0].points.size()", equalTo(5))
                .body("curves[0].points[4].loss", closeTo(1.9208, 1e-4));
        given().queryParam("lab", lab).queryParam("steps", "1").get("/api/v1/families/plot/curve")
                .then().statusCode(400).body("field", equalTo("steps"));
        given().queryParam("lab", lab).queryParam("params", "1e9,x").get("/api/v1/families/plot/curve")
                .then().statusCode(400).body("field", equalTo("params"));
        given().queryParam("lab", lab).queryParam("tokensMax", "1e3").get("/api/v1/families/plot/curve")
                .then().statusCode(400).body("field", equalTo("tokensMax"));
    }

    @Test
    void computeOptimalCurvesCarryTheSplitItsBandsTheFrontierAndTheSpentCompute() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        publish(law(lab, "budgets", 2, HOFFMANN));
        awaitVersion(lab, "budgets", 2);

        // By default from the least compute spent (6 x 1e9 x 2e10) to 100 times the most (6 x 1e10 x 2e11).
        given().queryParam("lab", lab).get("/api/v1/families/budgets/compute-optimal/curve")
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("points.size()", equalTo(25))
                .body("points[0].flops", closeTo(1.2e20, 1e8))
                .body("points[24].flops", closeTo(1.2e24, 1e12))
                .body("observed.size()", equalTo(2))
                .body("observed[1].run", equalTo("large"))
                .body("observed[1].flops", closeTo(1.2e22, 1e10))
                .body("frontierVersion", nullValue())
                .body("points[0].frontierLoss", nullValue());
        // Hoffmann et al.'s split of 5.76e23 FLOPs, as the single compute-optimal answer gives it.
        given().queryParam("lab", lab).queryParam("flopsMin", "5.76e21").queryParam("flopsMax", "5.76e23")
                .queryParam("steps", "3").get("/api/v1/families/budgets/compute-optimal/curve")
                .then().statusCode(200)
                .body("points.size()", equalTo(3))
                .body("points[1].flops", closeTo(5.76e22, 1e10))
                .body("points[2].params", closeTo(4.036e10, 4.036e10 * 1e-3))
                .body("points[2].tokens", closeTo(2.379e12, 2.379e12 * 1e-3))
                .body("points[2].loss", closeTo(HOFFMANN.computeOptimal(5.76e23).loss(), 1e-9))
                .body("points[2].paramsLower", lessThan(4.036e10))
                .body("points[2].paramsUpper", greaterThan(4.036e10))
                .body("points[2].tokensLower", lessThan(2.379e12))
                .body("points[2].lossUpper", greaterThan(HOFFMANN.computeOptimal(5.76e23).loss()));

        publish(powerLaw(lab, "budgets", 4));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .queryParam("flopsMin", "1e22").queryParam("flopsMax", "1e24")
                .get("/api/v1/families/budgets/compute-optimal/curve").then().statusCode(200)
                .body("frontierVersion", equalTo(4))
                .body("points[0].frontierLoss", closeTo(loss(1e22, 0.12), 1e-9))
                .body("points[24].frontierLower", allOf(greaterThan(loss(1e24, 0.125)), lessThan(loss(1e24, 0.124))))
                .body("points[24].frontierUpper", allOf(greaterThan(loss(1e24, 0.116)),
                        lessThan(loss(1e24, 0.115)))));

        given().queryParam("lab", lab).queryParam("flopsMax", "1e19")
                .get("/api/v1/families/budgets/compute-optimal/curve")
                .then().statusCode(400).body("field", equalTo("flopsMax")).body("error", containsString("flopsMin"));
        given().queryParam("lab", lab).queryParam("flopsMin", "lots")
                .get("/api/v1/families/budgets/compute-optimal/curve")
                .then().statusCode(400).body("field", equalTo("flopsMin"));
        given().queryParam("lab", lab).queryParam("steps", "1")
                .get("/api/v1/families/budgets/compute-optimal/curve")
                .then().statusCode(400).body("field", equalTo("steps"));
        given().queryParam("lab", lab).get("/api/v1/families/none-such/compute-optimal/curve")
                .then().statusCode(404);
    }

    @Test
    void batchPredictionsAnswerEachQueryAsTheSingleEndpointDoesOrNameTheBadOne() {
        String lab = KafkaTestClient.uniqueLab();
        publish(law(lab, "batch-a", 1, HOFFMANN));
        publish(law(lab, "batch-b", 2, HOFFMANN.withAlpha(0.35)));
        awaitVersion(lab, "batch-a", 1);
        awaitVersion(lab, "batch-b", 2);
        String body = "{\"lab\":\"" + lab + "\",\"queries\":[{\"family\":\"batch-a\",\"params\":70e9,"
                + "\"tokens\":1.4e12},{\"family\":\"batch-b\",\"params\":1e9,\"tokens\":2e10}]}";

        given().contentType("application/json").body(body).post("/api/v1/predictions")
                .then().statusCode(200)
                .body("predictions.size()", equalTo(2))
                .body("predictions[0].loss", closeTo(1.9208, 1e-4))
                .body("predictions[0].version", equalTo(1))
                .body("predictions[1].family", equalTo("batch-b"))
                .body("predictions[1].loss", closeTo(HOFFMANN.withAlpha(0.35).loss(1e9, 2e10), 1e-9))
                .body("predictions[1].version", equalTo(2))
                .body("predictions[1].interval.lower", notNullValue());

        given().contentType("application/json").body(body.replace("2e10", "-1")).post("/api/v1/predictions")
                .then().statusCode(400).body("field", equalTo("queries[1].tokens"));
        given().contentType("application/json").body(body.replace("\"batch-b\"", "\"nope\""))
                .post("/api/v1/predictions")
                .then().statusCode(404).body("field", equalTo("queries[1]")).body("error", containsString("nope"));
        given().contentType("application/json").body("{\"lab\":\"" + lab + "\",\"queries\":[]}")
                .post("/api/v1/predictions").then().statusCode(400).body("field", equalTo("queries"));
        given().contentType("application/json").body("{\"queries\":[{\"family\":\"batch-a\"}]}")
                .post("/api/v1/predictions").then().statusCode(400).body("field", equalTo("lab"));
        given().contentType("application/json").body("{not json").post("/api/v1/predictions")
                .then().statusCode(400);
    }

    @Test
    void freshnessIsMeasuredFromTheOldestNewCheckpointToTheServedLaw() {
        String lab = KafkaTestClient.uniqueLab();
        double before = metric("scalecast_freshness_seconds_count");
        publish(law(lab, "fresh", 1, HOFFMANN, Instant.now().minusSeconds(3).toString()));
        awaitVersion(lab, "fresh", 1);

        assertThat(metric("scalecast_freshness_seconds_count")).isGreaterThanOrEqualTo(before + 1);
        assertThat(metric("scalecast_freshness_seconds_max")).isGreaterThanOrEqualTo(3.0);
        // The histogram has a bucket at the benchmark's 2 s goal; a law 3 s old is not in it.
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(text).contains("scalecast_freshness_seconds_bucket{le=\"2.0\"}");
        assertThat(metric("scalecast_freshness_seconds_bucket{le=\"2.0\"}")).isLessThan(
                metric("scalecast_freshness_seconds_count"));
    }

    @Test
    void aQueryPastTheBacktestedRangeCarriesAWarning() {
        String lab = KafkaTestClient.uniqueLab();
        // The back-test fitted up to half the largest model's N: it checked the law to 2x, at 1.5% ARE.
        publish(law(lab, "checked", 1, HOFFMANN, "2026-11-23T00:00:00Z",
                new FittedLaw.Backtest(0.015, 0.2, 0.18, "big", 3, 12, 2.0)));
        awaitVersion(lab, "checked", 1);

        given().queryParam("lab", lab).queryParam("params", "1.5e10").queryParam("tokens", "1e11")
                .get("/api/v1/families/checked/predictions").then().statusCode(200)
                .body("extrapolation.backtestedParamsRatio", closeTo(2.0, 1e-12))
                .body("extrapolation.warning", nullValue());
        given().queryParam("lab", lab).queryParam("params", "5e10").queryParam("tokens", "1e11")
                .get("/api/v1/families/checked/predictions").then().statusCode(200)
                .body("extrapolation.warning", containsString("5x the largest fitted model"))
                .body("extrapolation.warning", containsString("only to 2x"));
    }

    /** The warnings fit-service published with a law reach every answer from it, with the runs it rests on. */
    @Test
    void answersCarryTheLawsReliabilityAndItsWarnings() {
        String lab = KafkaTestClient.uniqueLab();
        publish(law(lab, "sound", 1, HOFFMANN));
        FittedLaw sound = law(lab, "thin", 1, HOFFMANN);
        FittedLaw.Diagnostics d = sound.diagnostics();
        String warning = "2 model sizes: the N term is not identified by fewer than 3; pin alpha or borrow A and"
                + " alpha from another family, as the Hitchhiker's guide advises";
        publish(new FittedLaw(sound.schemaVersion(), lab, "thin", sound.law(), 1, sound.watermark(), sound.params(),
                sound.intervals(), sound.bootstrap(), sound.backtest(), sound.objective(),
                new FittedLaw.Diagnostics(d.starts(), d.convergedStarts(), d.bestStartHits(), d.iterations(),
                        d.converged(), d.r2(), d.rmseLog(), d.millis(), d.unusableStarts(), d.atBound(), d.search(),
                        d.searchReason(), List.of(warning)), sound.config(), sound.fittedAt(), sound.observed()));
        awaitVersion(lab, "sound", 1);
        awaitVersion(lab, "thin", 1);

        given().queryParam("lab", lab).queryParam("params", "1e10").queryParam("tokens", "2e11")
                .get("/api/v1/families/sound/predictions").then().statusCode(200)
                .body("reliability.reliable", equalTo(true)).body("reliability.runs", equalTo(5))
                .body("reliability.sizes", equalTo(5))
                .body("reliability.warnings", hasSize(0));
        given().queryParam("lab", lab).queryParam("params", "1e10").queryParam("tokens", "2e11")
                .get("/api/v1/families/thin/predictions").then().statusCode(200)
                .body("reliability.reliable", equalTo(false)).body("reliability.warnings", contains(warning));
        given().queryParam("lab", lab).queryParam("flops", "1e21")
                .get("/api/v1/families/thin/compute-optimal").then().statusCode(200)
                .body("reliability.reliable", equalTo(false)).body("reliability.warnings[0]",
                        containsString("pin alpha"));
    }

    /** A metric's value summed over its series, 0 when absent. */
    private static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aRecordThatIsNotALawGoesToTheDlqAndBlocksNothing() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        KafkaTestClient.send("scalecast.laws", lab + "/bad/chinchilla", List.of("{not a law"));
        publish(law(lab, "good", 1, HOFFMANN));

        awaitVersion(lab, "good", 1);
        List<ConsumerRecord<String, String>> dlq = KafkaTestClient.readAll("scalecast.laws.dlq",
                r -> (lab + "/bad/chinchilla").equals(r.key()), Duration.ofSeconds(2));
        assertThat(dlq).hasSize(1);
        assertThat(KafkaTestClient.header(dlq.get(0), "dead-letter-reason")).isNotBlank();
    }

    @Test
    void servesHealthOpenApiAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/families/{family}/predictions"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    private void awaitVersion(String lab, String family, int version) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .get("/api/v1/families/" + family + "/laws").then().statusCode(200)
                .body("[0].version", equalTo(version)));
    }

    private void publish(FittedLaw law) {
        try {
            KafkaTestClient.send("scalecast.laws", law.key(), List.of(mapper.writeValueAsString(law)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Chinchilla law as fit-service publishes it, with draws and observed points (other tests use it too). */
    static FittedLaw law(String lab, String family, long version, ChinchillaLaw l) {
        return law(lab, family, version, l, "2026-11-23T00:00:00Z");
    }

    private static FittedLaw law(String lab, String family, long version, ChinchillaLaw l, String oldestNew) {
        return law(lab, family, version, l, oldestNew, null);
    }

    private static FittedLaw law(String lab, String family, long version, ChinchillaLaw l, String oldestNew,
                                 FittedLaw.Backtest backtest) {
        Map<String, Double> params = new LinkedHashMap<>();
        params.put("E", l.e());
        params.put("A", l.a());
        params.put("B", l.b());
        params.put("alpha", l.alpha());
        params.put("beta", l.beta());
        // Draws with alpha spread +-0.01 around the law, so that intervals have a known ordering and width.
        List<double[]> draws = java.util.stream.IntStream.rangeClosed(-10, 10)
                .mapToObj(k -> new double[] {l.e(), l.a(), l.b(), l.alpha() + k * 0.001, l.beta()}).toList();
        return new FittedLaw(1, lab, family, FittedLaw.CHINCHILLA, version,
                new FittedLaw.Watermark(10, 100, 90, 5, 5, 1e10, 2e11, "2026-11-23T00:00:00Z", oldestNew), params,
                Map.of(),
                new FittedLaw.Bootstrap(21, 0, 5, draws, 21, FittedLaw.Bootstrap.RUNS), backtest, 1e-3,
                new FittedLaw.Diagnostics(4500, 4000, 100, 50, true, 0.99, 0.01, 100, 0, List.of(), "full",
                        "no earlier fit of the family on this instance", List.of()),
                new FittedLaw.Config("loss", 1e-3, "none", "test", Map.of(), 5, null, Map.of(), 3),
                "2026-11-23T00:00:01Z",
                new FittedLaw.Observed(List.of("small", "large"), List.of(new double[] {0, 1e9, 2e10, 2.6, 1},
                        new double[] {1, 1e10, 2e11, 2.2, 1}), 2));
    }
}
