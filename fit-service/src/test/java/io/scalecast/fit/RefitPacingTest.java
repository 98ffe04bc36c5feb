package io.scalecast.fit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.contracts.event.Observation;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.service.ObservationLag;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Observations that arrive long after they were written (a backlog) stretch the refit delay to the consumer's lag, up
 * to {@code lagging-max-delay}; once the consumer is current again the configured delay comes back.
 */
@QuarkusTest
class RefitPacingTest {

    @Inject
    ObservationLag lag;

    @Inject
    FitConfig config;

    @Inject
    ObjectMapper mapper;

    @Test
    void aBacklogStretchesTheRefitDelayAndACurrentConsumerRestoresIt() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        int[] step = {0};

        // Sent again on each poll: the stretched delay holds only while batches keep coming.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            KafkaTestClient.sendAt("scalecast.observations", lab + "/paced", observations(lab, step[0]++),
                    Instant.now().minusSeconds(60));
            return lag.last().lag().compareTo(Duration.ofSeconds(59)) >= 0
                    && lag.maxDelay().equals(config.laggingMaxDelay());
        });

        KafkaTestClient.send("scalecast.observations", lab + "/paced", observations(lab, step[0]));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> lag.last().lag().compareTo(Duration.ofSeconds(5)) < 0
                        && lag.maxDelay().equals(config.maxDelay()));
    }

    private List<String> observations(String lab, int step) throws Exception {
        List<String> out = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            double params = 1e8 * (run + 1);
            out.add(mapper.writeValueAsString(new Observation(1, Observation.CHECKPOINT, lab, "paced", "r" + run,
                    params, 2e9 * (step + 1), step, "loss", 3.0 - 0.01 * step, null, 6 * params * 2e9 * (step + 1),
                    null, null, null, null, 1, Instant.now().toString())));
        }
        return out;
    }
}
