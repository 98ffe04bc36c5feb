package io.scalecast.predict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.testing.KafkaTestClient;
import io.scalecast.testing.TestKeys;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * predict-service with API keys on, over the real broker: keys arrive on scalecast.api-keys; a key sees only its
 * own lab's families (another lab's are 404, even by name), reads need a read key, a revoked key stops working, and
 * a key over its request rate gets 429.
 */
@QuarkusTest
@TestProfile(AccessTest.KeysOn.class)
class AccessTest {

    /** Keys on, 5 requests per second in bursts of 20. */
    public static class KeysOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.accessProfile(5, 20);
        }
    }

    private static final String PREDICTION = "/api/v1/families/fam/predictions?params=7e10&tokens=1.4e12";

    @Inject
    ObjectMapper mapper;

    private String lab;
    private String other;

    @BeforeEach
    void twoLabsWithAFamilyOfTheSameName() throws Exception {
        lab = KafkaTestClient.uniqueLab();
        other = KafkaTestClient.uniqueLab();
        for (String l : List.of(lab, other)) {
            FittedLaw law = FamilyResourceTest.law(l, "fam", 1, FamilyResourceTest.HOFFMANN);
            KafkaTestClient.send("scalecast.laws", law.key(), List.of(mapper.writeValueAsString(law)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> operator().get(PREDICTION + "&lab=" + lab).statusCode()
                == 200 && operator().get(PREDICTION + "&lab=" + other).statusCode() == 200);
    }

    @Test
    void withoutAKeyOnlyHealthAndOpenApiAnswer() {
        given().get(PREDICTION).then().statusCode(401).body("field", equalTo("Authorization"));
        given().get("/api/v1/version").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200).body(containsString("api keys read"));
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aReadKeySeesItsOwnLabOnly() {
        ApiKeys.Token reader = issue(lab, "read");
        as(reader).get("/api/v1/families").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].family", equalTo("fam"));
        as(reader).get(PREDICTION).then().statusCode(200).body("version", equalTo(1));
        as(reader).get(PREDICTION + "&lab=" + lab).then().statusCode(200);
        as(reader).get(PREDICTION + "&lab=" + other).then().statusCode(404).body("field", equalTo("lab"));
        as(reader).get("/api/v1/families?lab=" + other).then().statusCode(404);
        as(reader).body("{\"lab\":\"" + other + "\",\"queries\":[{\"family\":\"fam\",\"params\":7e10,"
                + "\"tokens\":1.4e12}]}").post("/api/v1/predictions").then().statusCode(404);
        as(reader).body("{\"queries\":[{\"family\":\"fam\",\"params\":7e10,\"tokens\":1.4e12}]}")
                .post("/api/v1/predictions").then().statusCode(200).body("predictions.size()", equalTo(1));
    }

    @Test
    void aKeyOfALabWithoutTheFamilyGets404EvenThoughAnotherLabHasIt() {
        ApiKeys.Token stranger = issue(KafkaTestClient.uniqueLab(), "read");
        as(stranger).get(PREDICTION).then().statusCode(404);
        as(stranger).get("/api/v1/families/fam/laws").then().statusCode(404);
        as(stranger).get("/api/v1/families").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aWriteKeyCannotReadAndTheOperatorMustNameTheLab() {
        ApiKeys.Token writer = issue(lab, "write");
        as(writer).get(PREDICTION).then().statusCode(403)
                .body("error", containsString("needs a key with role read; key " + writer.id() + " has role write"));
        operator().get(PREDICTION).then().statusCode(400).body("field", equalTo("lab"));
        operator().get(PREDICTION + "&lab=" + other).then().statusCode(200);
    }

    @Test
    void aRevokedKeyStopsWorking() {
        ApiKeys.Token reader = issue(lab, "read");
        as(reader).get(PREDICTION).then().statusCode(200);
        TestKeys.revoke(reader, lab, "read");
        await().atMost(Duration.ofSeconds(15)).until(() -> as(reader).get(PREDICTION).statusCode() == 401);
    }

    @Test
    void aKeyOverItsRateGets429WhileOtherKeysGoOn() {
        ApiKeys.Token busy = issue(lab, "read");
        ApiKeys.Token calm = issue(lab, "read");
        Response limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            Response r = as(busy).get("/api/v1/version");
            limited = r.statusCode() == 429 ? r : null;
        }
        assertThat(limited).as("requests at once exceed a burst of 20 at 5/s")
                .isNotNull();
        limited.then().header("Retry-After", notNullValue())
                .body("error", containsString("scalecast.auth.requests-per-second"));
        as(calm).get("/api/v1/version").then().statusCode(200);
    }

    /** Publishes a key on the key topic and waits until the service accepts it. */
    private static ApiKeys.Token issue(String lab, String role) {
        ApiKeys.Token token = TestKeys.issue(lab, role);
        await().atMost(Duration.ofSeconds(15)).until(() -> as(token).get("/api/v1/version").statusCode() != 401);
        return token;
    }

    private static RequestSpecification operator() {
        return as(TestKeys.OPERATOR);
    }

    private static RequestSpecification as(ApiKeys.Token token) {
        return given().header("Authorization", TestKeys.bearer(token)).contentType("application/json");
    }
}
