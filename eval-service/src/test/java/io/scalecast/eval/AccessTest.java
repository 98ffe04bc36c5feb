package io.scalecast.eval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.testing.KafkaTestClient;
import io.scalecast.testing.TestKeys;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * eval-service with API keys on, over the real broker and database: a lab's read key sees its benchmarks, another
 * lab's key does not find them, and a write key cannot read.
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

    private static final String BENCHMARKS = "/api/v1/families/fam/benchmarks";

    @Inject
    ObjectMapper mapper;

    @Test
    void aLabsBenchmarksAreSeenByItsReadKeysOnly() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        KafkaTestClient.send("scalecast.observations", lab + "/fam",
                List.of(BenchmarkResourceTest.eval(mapper, lab, "r1", 1e8, "arc_easy", 0.40, 1)));
        ApiKeys.Token reader = issue(lab, "read");
        ApiKeys.Token stranger = issue(KafkaTestClient.uniqueLab(), "read");
        ApiKeys.Token writer = issue(lab, "write");

        given().get(BENCHMARKS).then().statusCode(401).body("field", equalTo("Authorization"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(reader).get(BENCHMARKS).then().statusCode(200)
                .body("[0].benchmark", equalTo("arc_easy")));
        as(reader).get(BENCHMARKS + "/arc_easy").then().statusCode(200).body("size()", equalTo(1));
        as(stranger).get(BENCHMARKS).then().statusCode(404);
        as(stranger).get(BENCHMARKS + "?lab=" + lab).then().statusCode(404).body("field", equalTo("lab"));
        as(writer).get(BENCHMARKS).then().statusCode(403).body("error", containsString("needs a key with role read"));
    }

    /** Publishes a key on the key topic and waits until the service accepts it. */
    private static ApiKeys.Token issue(String lab, String role) {
        ApiKeys.Token token = TestKeys.issue(lab, role);
        await().atMost(Duration.ofSeconds(15)).until(() -> as(token).get(BENCHMARKS).statusCode() != 401);
        return token;
    }

    private static RequestSpecification as(ApiKeys.Token token) {
        return given().header("Authorization", TestKeys.bearer(token)).contentType("application/json");
    }
}
