package io.scalecast.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.ingest.model.RunPlanRecord;
import io.scalecast.ingest.model.RunPlanRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Run plans over the real broker and database: a PUT is stored as revision 1 and published on
 * {@code scalecast.run-plans}; the same plan again changes nothing; a changed plan is revision 2; a bad schedule is
 * a 400 naming the field over REST and a dead-letter record with the reason over Kafka.
 */
@QuarkusTest
class RunPlanTest {

    private static final String WSD = "wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=20000,"
            + "decay=linear";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RunPlanRepository plans;

    @Test
    void aPlanIsStoredPublishedAndRevisedOnlyWhenItChanges() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        put(lab, "{\"schedule\":\"" + WSD + "\",\"tokensPerStep\":524288}").then().statusCode(202)
                .body("run", equalTo("25m-wsd")).body("lab", equalTo(lab));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab).isPresent());
        put(lab, "{\"schedule\":\"" + WSD + "\",\"tokensPerStep\":524288}").then().statusCode(202);
        String longer = WSD.replace("steps=24000", "steps=28800");
        put(lab, "{\"schedule\":\"" + longer + "\",\"tokensPerStep\":524288}").then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(lab).map(r -> r.revision == 2).orElse(false));
        List<ConsumerRecord<String, String>> published = KafkaTestClient.readAll("scalecast.run-plans",
                r -> (lab + "/gpt/25m-wsd").equals(r.key()), Duration.ofSeconds(3));
        assertThat(published).hasSize(2);
        JsonNode first = JSON.readTree(published.get(0).value());
        JsonNode second = JSON.readTree(published.get(1).value());
        assertThat(first.get("revision").asLong()).isEqualTo(1);
        assertThat(first.get("schedule").asText()).isEqualTo(WSD);
        assertThat(first.get("tokensPerStep").asDouble()).isEqualTo(524288);
        assertThat(second.get("revision").asLong()).isEqualTo(2);
        assertThat(second.get("schedule").asText()).isEqualTo(longer);
        given().queryParam("lab", lab).get("/api/v1/families/gpt/runs/25m-wsd/plan").then().statusCode(200)
                .body("revision", equalTo(2)).body("schedule", equalTo(longer));
    }

    @Test
    void aBadPlanIsRefusedNamingTheFieldAndNothingIsStored() {
        String lab = KafkaTestClient.uniqueLab();
        put(lab, "{\"schedule\":\"cosine,peak=-3e-4,final=3e-5,steps=24000\"}").then().statusCode(400)
                .body("field", equalTo("schedule")).body("error", containsString("peak"));
        put(lab, "{\"schedule\":\"zigzag,peak=3e-4,steps=100\"}").then().statusCode(400)
                .body("field", equalTo("schedule")).body("error", containsString("shape"));
        put(lab, "{\"schedule\":\"constant,peak=3e-4,steps=100\",\"tokensPerStep\":-1}").then().statusCode(400)
                .body("field", equalTo("tokensPerStep"));
        put(lab, "{\"tokensPerStep\":1024}").then().statusCode(400).body("field", equalTo("schedule"));
        put(lab, "{\"schedule\":\"constant,peak=3e-4,steps=100\",\"run\":\"other\"}").then().statusCode(400)
                .body("field", equalTo("run"));
        given().queryParam("lab", lab).get("/api/v1/families/gpt/runs/25m-wsd/plan").then().statusCode(404);

        String bad = "{\"schemaVersion\":1,\"lab\":\"" + lab + "\",\"family\":\"gpt\",\"run\":\"r\","
                + "\"schedule\":\"wsd,peak=3e-4,final=3e-5,steps=1000,decay-start=2000\"}";
        KafkaTestClient.send("scalecast.runs", lab + "/gpt", List.of(bad));
        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(30)).until(
                () -> KafkaTestClient.readAll("scalecast.runs.dlq", r -> (lab + "/gpt").equals(r.key()),
                        Duration.ofSeconds(2)), l -> !l.isEmpty());
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(bad);
            assertThat(KafkaTestClient.header(r, "dead-letter-reason")).startsWith("schedule: decay-start");
        });
        assertThat(stored(lab)).isEmpty();
    }

    private static io.restassured.response.Response put(String lab, String body) {
        return given().contentType("application/json").queryParam("lab", lab).body(body)
                .put("/api/v1/families/gpt/runs/25m-wsd/plan");
    }

    private Optional<RunPlanRecord> stored(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> plans.find("lab", lab).firstResultOptional());
    }
}
