package io.scalecast.predict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.scalecast.core.event.FittedLaw;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FamilyResourceTest {

    /** Hoffmann et al.'s unrounded fit: L(70e9, 1.4e12) = 1.9208 and N*(5.76e23) = 4.036e10 (science.md). */
    private static final ChinchillaLaw HOFFMANN = new ChinchillaLaw(Math.exp(0.5267228), Math.exp(6.0073404),
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
                .body("interval.level", equalTo(0.95))
                .body("interval.lower", closeTo(HOFFMANN.withAlpha(0.33917084 + 0.0095).loss(70e9, 1.4e12), 1e-3))
                .body("interval.upper", closeTo(HOFFMANN.withAlpha(0.33917084 - 0.0095).loss(70e9, 1.4e12), 1e-3));
        given().queryParam("lab", lab).queryParam("flops", "5.76e23").get("/api/v1/families/chin/compute-optimal")
                .then().statusCode(200)
                .body("params", closeTo(4.036e10, 4.036e10 * 1e-3))
                .body("tokens", closeTo(2.379e12, 2.379e12 * 1e-3))
                .body("tokensPerParam", closeTo(58.93, 0.05))
                .body("paramsInterval.lower", org.hamcrest.Matchers.lessThan(4.036e10))
                .body("paramsInterval.upper", org.hamcrest.Matchers.greaterThan(4.036e10));
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

    private void publish(FittedLaw law) throws Exception {
        KafkaTestClient.send("scalecast.laws", law.key(), List.of(mapper.writeValueAsString(law)));
    }

    private static FittedLaw law(String lab, String family, long version, ChinchillaLaw l) {
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
                new FittedLaw.Watermark(10, 100, 90, 5, 1e10, 2e11, "2026-11-23T00:00:00Z"), params, Map.of(),
                new FittedLaw.Bootstrap(21, 0, 5, draws), null, 1e-3,
                new FittedLaw.Diagnostics(4500, 4000, 100, 50, true, 0.99, 0.01, 100, 0, List.of()),
                new FittedLaw.Config("loss", 1e-3, "none", "test", Map.of(), 5), "2026-11-23T00:00:01Z");
    }
}
