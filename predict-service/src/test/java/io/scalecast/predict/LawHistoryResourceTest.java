package io.scalecast.predict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.plan.LawComparison;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The law history and a law's past versions are fit-service's, asked with the caller's key; its refusals and silences
 * reach the caller. Two versions of a law are compared as two families are, with the note that their draws depend.
 */
@QuarkusTest
@WithTestResource(FitServiceStub.class)
class LawHistoryResourceTest {

    private static final String HISTORY = "/api/v1/families/{family}/laws/history";

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void readNumbersAsDoubles() {
        // As FamilyResourceTest does: the global REST Assured config must not decide how numbers compare.
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(NumberReturnType.DOUBLE));
    }

    @BeforeEach
    void forget() {
        FitServiceStub.REQUESTS.clear();
    }

    @Test
    void theHistoryIsFitServicesAskedWithTheCallersKey() {
        given().header("Authorization", "Bearer sc_0123456789ab_key").queryParam("lab", "l")
                .queryParam("limit", 50).queryParam("before", 9).get(HISTORY, "fam").then().statusCode(200)
                .body("[0].version", equalTo(7))
                .body("[0].figures.params.alpha", equalTo(0.34))
                .body("[0].figures.intervals.alpha.upper", equalTo(0.38))
                .body("[0].figures.watermark.points", equalTo(100))
                .body("[0].figures.backtestAre", equalTo(0.004));
        assertThat(FitServiceStub.REQUESTS).singleElement().satisfies(r -> assertThat(r)
                .startsWith("Bearer sc_0123456789ab_key|/api/v1/families/fam/fits?")
                .contains("lab=l").contains("law=chinchilla").contains("before=9").contains("limit=50"));
    }

    @Test
    void fitServicesRefusalIsPassedOnAndItsSilenceIsA503() {
        given().queryParam("lab", "l").get(HISTORY, "nope").then().statusCode(404)
                .body("error", equalTo("no chinchilla fits for family 'nope' of lab 'l'")).body("field", nullValue());
        given().queryParam("lab", "l").get(HISTORY, "broken").then().statusCode(503)
                .body("error", equalTo("the law history is unavailable for now: fit-service answered 500"));
        given().queryParam("lab", "l").get(HISTORY, "gone").then().statusCode(503)
                .body("error", containsString("fit-service does not answer"));
    }

    @Test
    void aBadLimitOrLawIsRefusedBeforeFitServiceIsAsked() {
        given().queryParam("lab", "l").queryParam("limit", 1001).get(HISTORY, "fam").then().statusCode(400)
                .body("field", equalTo("limit")).body("error", equalTo("limit: must be between 1 and 1000, was 1001"));
        given().queryParam("lab", "l").queryParam("law", "no law").get(HISTORY, "fam").then().statusCode(400)
                .body("field", equalTo("law"));
        assertThat(FitServiceStub.REQUESTS).isEmpty();
    }

    @Test
    void twoVersionsOfALawAreComparedFromFitServicesStoredLawsWithTheirDependenceSaid() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        FittedLaw current = FamilyResourceTest.law(lab, "vers", 5, FamilyResourceTest.HOFFMANN);
        KafkaTestClient.send("scalecast.laws", current.key(), List.of(mapper.writeValueAsString(current)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .get("/api/v1/families/vers/laws").then().statusCode(200));
        List<ChinchillaLaw> olderDraws = CompareResourceTest.draws(FamilyResourceTest.HOFFMANN, 7);
        List<ChinchillaLaw> newerDraws = CompareResourceTest.draws(CompareResourceTest.RECIPE, 8);
        FitServiceStub.VERSIONS.put("/api/v1/families/vers/fits/3", mapper.writeValueAsString(CompareResourceTest
                .withDraws(FamilyResourceTest.law(lab, "vers", 3, FamilyResourceTest.HOFFMANN), olderDraws)));
        FitServiceStub.VERSIONS.put("/api/v1/families/vers/fits/5", mapper.writeValueAsString(CompareResourceTest
                .withDraws(FamilyResourceTest.law(lab, "vers", 5, CompareResourceTest.RECIPE), newerDraws)));

        JsonPath answer = given().header("Authorization", "Bearer sc_0123456789ab_key").queryParam("lab", lab)
                .queryParam("families", "vers").queryParam("versions", "3,5").queryParam("params", "7e10")
                .queryParam("tokens", "1.4e12").get("/api/v1/compare").then().statusCode(200)
                .body("first.version", equalTo(3)).body("second.version", equalTo(5))
                .body("note", containsString("shared data")).extract().jsonPath();

        LawComparison.Result expected = LawComparison.compare("vers v3", FamilyResourceTest.HOFFMANN, olderDraws,
                "vers v5", CompareResourceTest.RECIPE, newerDraws, 7e10, 1.4e12);
        assertThat(answer.getDouble("difference")).isCloseTo(expected.difference(), within(1e-12));
        assertThat(answer.getDouble("interval.upper")).isCloseTo(expected.interval().upper(), within(1e-12));
        assertThat(answer.getString("verdict")).isEqualTo("second-better");
        assertThat(answer.getString("answer")).startsWith(expected.words()).contains("conservative");
        assertThat(FitServiceStub.REQUESTS).containsExactlyInAnyOrder(
                "Bearer sc_0123456789ab_key|/api/v1/families/vers/fits/3?lab=" + lab + "&law=chinchilla",
                "Bearer sc_0123456789ab_key|/api/v1/families/vers/fits/5?lab=" + lab + "&law=chinchilla");
        given().queryParam("lab", lab).queryParam("families", "vers").queryParam("versions", "3,4")
                .queryParam("params", "7e10").queryParam("tokens", "1.4e12").get("/api/v1/compare").then()
                .statusCode(404);
        given().queryParam("lab", lab).queryParam("families", "vers,other").queryParam("versions", "3,5")
                .queryParam("params", "7e10").queryParam("tokens", "1.4e12").get("/api/v1/compare").then()
                .statusCode(400).body("field", equalTo("families"));
        given().queryParam("lab", lab).queryParam("families", "vers").queryParam("versions", "3,3")
                .queryParam("params", "7e10").queryParam("tokens", "1.4e12").get("/api/v1/compare").then()
                .statusCode(400).body("field", equalTo("versions"));
    }
}
