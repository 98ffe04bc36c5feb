package io.scalecast.fit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.testing.KafkaTestClient;
import io.scalecast.testing.TestKeys;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * fit-service with API keys on, over the real broker and database: any key of the lab reads a family's
 * configuration and fit history, only the lab's admin key changes the configuration, and another lab's is out of
 * reach (404 to read, 403 to write).
 */
@QuarkusTest
@TestProfile(AccessTest.KeysOn.class)
class AccessTest {

    /** Keys on, with a rate no test here reaches. */
    public static class KeysOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestKeys.accessProfile(100, 200);
        }
    }

    private static final String CONFIG = "/api/v1/families/fam/config";

    @Test
    void theConfigurationIsReadByAnyKeyOfTheLabAndChangedOnlyByItsAdmin() {
        String lab = KafkaTestClient.uniqueLab();
        String other = KafkaTestClient.uniqueLab();
        ApiKeys.Token reader = issue(lab, "read");
        ApiKeys.Token admin = issue(lab, "admin");

        given().get(CONFIG).then().statusCode(401).body("field", equalTo("Authorization"));
        as(reader).get(CONFIG).then().statusCode(200).body("stored", equalTo(false));
        as(reader).body("{\"bootstrapResamples\":50}").put(CONFIG).then().statusCode(403)
                .body("error", containsString("needs a key with role admin"));

        as(admin).body("{\"bootstrapResamples\":50}").put(CONFIG).then().statusCode(200)
                .body("stored", equalTo(true)).body("bootstrapResamples", equalTo(50));
        as(reader).get(CONFIG).then().statusCode(200).body("bootstrapResamples", equalTo(50));

        as(admin).body("{\"bootstrapResamples\":60}").put(CONFIG + "?lab=" + other).then().statusCode(403)
                .body("field", equalTo("lab")).body("error", containsString("may not write into lab '" + other + "'"));
        as(admin).get(CONFIG + "?lab=" + other).then().statusCode(404).body("field", equalTo("lab"));
        operator().get(CONFIG + "?lab=" + other).then().statusCode(200).body("stored", equalTo(false));
    }

    @Test
    void theFitHistoryOfAnotherLabIsNotFound() {
        String lab = KafkaTestClient.uniqueLab();
        ApiKeys.Token reader = issue(lab, "read");
        as(reader).get("/api/v1/families/fam/fits?lab=" + KafkaTestClient.uniqueLab()).then().statusCode(404)
                .body("field", equalTo("lab"));
        ApiKeys.Token writer = issue(lab, "write");
        as(writer).get("/api/v1/families/fam/fits").then().statusCode(403);
    }

    @Test
    void onlyAnAdminRepublishesAndOnlyItsOwnLabUnlessItIsTheOperator() {
        String lab = KafkaTestClient.uniqueLab();
        ApiKeys.Token reader = issue(lab, "read");
        ApiKeys.Token admin = issue(lab, "admin");
        String republish = "/api/v1/admin/republish?what=laws";

        as(reader).post(republish).then().statusCode(403);
        as(admin).post(republish).then().statusCode(200).body("lab", equalTo(lab)).body("queued", equalTo(0));
        as(admin).post(republish + "&lab=" + KafkaTestClient.uniqueLab()).then().statusCode(404)
                .body("field", equalTo("lab"));
        as(admin).post("/api/v1/admin/republish?what=maps").then().statusCode(400).body("field", equalTo("what"))
                .body("error", containsString("this service republishes [forecasts, laws], was 'maps'"));
        as(admin).post(republish + "&family=Bad!").then().statusCode(400).body("field", equalTo("family"));
        operator().post(republish + "&family=fam").then().statusCode(400).body("field", equalTo("lab"));
        operator().post(republish + "&lab=" + lab + "&family=fam").then().statusCode(200)
                .body("family", equalTo("fam")).body("firstOutboxId", equalTo(-1));
        as(admin).get("/api/v1/admin/outbox?from=5").then().statusCode(400).body("field", equalTo("to"));
    }

    /** Publishes a key on the key topic and waits until the service accepts it. */
    private static ApiKeys.Token issue(String lab, String role) {
        ApiKeys.Token token = TestKeys.issue(lab, role);
        await().atMost(Duration.ofSeconds(15)).until(() -> as(token).get(CONFIG).statusCode() != 401);
        return token;
    }

    private static RequestSpecification operator() {
        return as(TestKeys.OPERATOR);
    }

    private static RequestSpecification as(ApiKeys.Token token) {
        return given().header("Authorization", TestKeys.bearer(token)).contentType("application/json");
    }
}
