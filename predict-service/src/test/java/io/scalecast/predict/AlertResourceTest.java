package io.scalecast.predict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runs' incidents are fit-service's, asked with the caller's key; its refusals reach the caller. */
@QuarkusTest
@WithTestResource(FitServiceStub.class)
class AlertResourceTest {

    @BeforeEach
    void forget() {
        FitServiceStub.REQUESTS.clear();
    }

    @Test
    void theAlertsAreFitServicesAskedWithTheCallersKey() {
        given().header("Authorization", "Bearer sc_0123456789ab_key").queryParam("lab", "l")
                .queryParam("family", "fam").queryParam("since", "2026-12-01T00:00:00Z").get("/api/v1/alerts")
                .then().statusCode(200)
                .body("[0].run", equalTo("wsd"))
                .body("[0].kind", equalTo("spike"))
                .body("[0].step", equalTo(16400))
                .body("[0].forecastVersion", equalTo(5))
                .body("[0].message", equalTo("loss 3.4 at step 16400 lies 20 band half-widths above the forecast"));
        assertThat(FitServiceStub.REQUESTS).singleElement().satisfies(r -> assertThat(r)
                .startsWith("Bearer sc_0123456789ab_key|/api/v1/alerts?")
                .contains("lab=l").contains("family=fam").contains("since=2026-12-01T00:00:00Z"));
    }

    @Test
    void aBadFamilyIsRefusedHereAndABadSinceByFitService() {
        given().queryParam("lab", "l").queryParam("family", "Not A Family").get("/api/v1/alerts").then()
                .statusCode(400).body("field", equalTo("family"));
        assertThat(FitServiceStub.REQUESTS).isEmpty();
        given().queryParam("lab", "l").queryParam("since", "yesterday").get("/api/v1/alerts").then()
                .statusCode(400).body("field", equalTo("since"))
                .body("error", equalTo("since: must be an ISO-8601 instant"));
    }
}
