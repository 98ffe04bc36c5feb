package io.scalecast.predict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The law history is fit-service's, asked with the caller's key; its refusals and silences reach the caller. */
@QuarkusTest
@WithTestResource(FitServiceStub.class)
class LawHistoryResourceTest {

    private static final String HISTORY = "/api/v1/families/{family}/laws/history";

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
}
