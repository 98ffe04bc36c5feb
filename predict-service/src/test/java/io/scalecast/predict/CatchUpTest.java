package io.scalecast.predict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.predict.messaging.CatchUp;
import io.scalecast.predict.messaging.TopicCatchUp;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatchUpTest {

    @Inject
    CatchUp catchUp;

    @Test
    void aPartitionCountsAsReadOnceItsOffsetReachedItsEndAtStartUp() {
        Map<Integer, Long> targets = Map.of(0, 5L, 1, 0L, 2, 3L);

        assertThat(TopicCatchUp.reached(targets, Map.of(0, 5L, 2, 2L))).isFalse();
        assertThat(TopicCatchUp.reached(targets, Map.of(0, 4L, 2, 3L))).isFalse();
        assertThat(TopicCatchUp.reached(targets, Map.of(0, 5L, 2, 3L))).isTrue();
        assertThat(TopicCatchUp.reached(Map.of(0, 0L), Map.of())).isTrue();
    }

    @Test
    void readinessReportsTheLawsAndMapsReadAgainstTheEndOfTheirTopics() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("checks.name", hasItem("laws read")));
        assertThat(catchUp.caughtUp()).isTrue();
        assertThat(catchUp.progress()).containsKeys("scalecast.laws partition 0",
                "scalecast.downstream-laws partition 0")
                .allSatisfy((partition, progress) -> {
                    String[] parts = progress.split("/");
                    assertThat(Long.parseLong(parts[0])).isGreaterThanOrEqualTo(Long.parseLong(parts[1]));
                });
    }
}
