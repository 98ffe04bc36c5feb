package io.scalecast.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.testing.KafkaTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The database and then the broker stopped and restarted mid-stream: the services report not ready while either is
 * down, become ready again by themselves when it is back, and no event is lost or stored twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8};
    private static final int FAMILIES = 8;
    private static final int CHECKPOINTS = 30;

    private final String lab = KafkaTestClient.uniqueLab();
    private List<ServiceProcess> services;

    @BeforeAll
    void startServices() {
        services = ServiceProcess.startTogether(Map.entry("ingest-service", Map.of()),
                Map.entry("fit-service", Map.of("scalecast.fit.debounce", "300ms",
                        "scalecast.fit.bootstrap-resamples", "200")),
                Map.entry("predict-service", Map.of()));
    }

    @AfterAll
    void stopServices() throws InterruptedException {
        Infrastructure.startDatabase();
        Infrastructure.startBroker();
        ServiceProcess.stopAll(services);
    }

    @Test
    void theDatabaseAndTheBrokerGoingDownMidStreamLoseNothing() {
        List<Map.Entry<String, String>> events = events();
        int third = events.size() / 3;
        send(events.subList(0, third));

        Infrastructure.stopDatabase();
        awaitReadiness(false);
        send(events.subList(third, 2 * third));
        Infrastructure.startDatabase();
        awaitReadiness(true);

        Infrastructure.stopBroker();
        awaitReadiness(false);
        Infrastructure.startBroker();
        awaitReadiness(true);
        send(events.subList(2 * third, events.size()));

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() ->
                Database.count("select count(*) from ingest.checkpoint where lab = ?", lab) == events.size());
        assertThat(Database.count("select count(*) from ingest.checkpoint where lab = ? and revision > 1", lab))
                .isZero();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Database.count("select count(*) from fit.fit_point where lab = ?", lab) == events.size());
        ServiceProcess predict = services.get(2);
        for (int f = 0; f < FAMILIES; f++) {
            String family = "outage-" + f;
            await().atMost(Duration.ofSeconds(120)).until(() -> ServedLaws.points(predict, lab, family)
                    == SIZES.length * CHECKPOINTS);
        }
    }

    /** Waits until every service reports ready ({@code true}) or none does ({@code false}). */
    private void awaitReadiness(boolean ready) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> services.stream().allMatch(s -> s.ready() == ready
                        || !ready && s == services.get(2)));
    }

    private List<Map.Entry<String, String>> events() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int f = 0; f < FAMILIES; f++) {
            String family = "outage-" + f;
            for (SyntheticFamily.Checkpoint c : new SyntheticFamily(TRUTH, SIZES, 30, CHECKPOINTS, 0.005, f)
                    .generate()) {
                out.add(Map.entry(lab + "/" + family, KafkaTestClient.checkpoint(lab, family, c.run(), c.params(),
                        c.tokens(), c.step(), c.loss())));
            }
        }
        return out;
    }

    private static void send(List<Map.Entry<String, String>> events) {
        events.stream().collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue,
                Collectors.toList()))).forEach((key, values) -> KafkaTestClient.send("scalecast.checkpoints", key,
                values));
    }

}
