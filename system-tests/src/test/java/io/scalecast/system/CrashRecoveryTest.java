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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Crashes mid-stream over the real broker and database: while checkpoints stream in, ingest-, fit- and
 * predict-service are each killed with SIGKILL and restarted. Afterwards every event is stored exactly once, every
 * family's served law includes every one of its points, and the DLQ holds only the deliberately bad records.
 * {@code -Dcrash.families=50 -Dcrash.checkpoints=400 -Dcrash.rate=1000} gives the 100,000-event run of
 * docs/reliability.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8, 7e8};
    private static final int FAMILIES = Integer.getInteger("crash.families", 20);
    private static final int CHECKPOINTS = Integer.getInteger("crash.checkpoints", 80);
    /** Events a second: the stream must outlast the three crashes and restarts (about 20 s). */
    private static final int RATE = Integer.getInteger("crash.rate", 300);
    private static final int CHUNK = 100;
    private static final Map<String, String> FIT = Map.of("scalecast.fit.debounce", "300ms",
            "scalecast.fit.bootstrap-resamples", "200");

    private final String lab = KafkaTestClient.uniqueLab();
    private ServiceProcess ingest;
    private ServiceProcess fit;
    private ServiceProcess predict;

    @BeforeAll
    void startServices() {
        List<ServiceProcess> all = ServiceProcess.startTogether(Map.entry("ingest-service", Map.of()),
                Map.entry("fit-service", FIT), Map.entry("predict-service", Map.of()));
        ingest = all.get(0);
        fit = all.get(1);
        predict = all.get(2);
    }

    @AfterAll
    void stopServices() throws InterruptedException {
        ServiceProcess.stopAll(predict, fit, ingest);
    }

    @Test
    void killingEachServiceMidStreamLosesAndDuplicatesNothing() throws Exception {
        List<Map.Entry<String, String>> events = events();
        List<String> bad = new ArrayList<>();
        CountDownLatch lastCrash = new CountDownLatch(1);
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> send(events, bad, lastCrash));

        pause(3_000);
        ingest.kill();
        ingest = ingest();
        pause(2_000);
        fit.kill();
        fit = fit();
        pause(1_000);
        predict.kill();
        assertThat(stream.isDone()).as("the last crash came before the stream ended").isFalse();
        lastCrash.countDown();
        predict = predict();
        stream.get();

        int perFamily = SIZES.length * CHECKPOINTS;
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2)).until(() ->
                Database.count("select count(*) from ingest.checkpoint where lab = ?", lab) == events.size());
        assertThat(Database.count("select count(*) from (select distinct family, run, metric, step from"
                + " ingest.checkpoint where lab = ?) k", lab)).isEqualTo(events.size());
        assertThat(Database.count("select count(*) from ingest.checkpoint where lab = ? and revision > 1", lab))
                .as("a redelivered event is no new revision").isZero();
        // fit-service stores them after ingest publishes them: each point once, however often it was delivered.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                Database.count("select count(*) from fit.fit_point where lab = ?", lab) == events.size());
        for (int f = 0; f < FAMILIES; f++) {
            String family = "crash-" + f;
            await().atMost(Duration.ofSeconds(120)).until(() -> ServedLaws.points(predict, lab, family) == perFamily);
        }
        List<ConsumerRecord<String, String>> dlq = KafkaTestClient.readAll("scalecast.checkpoints.dlq",
                r -> r.key() != null && r.key().startsWith(lab + "/"), Duration.ofSeconds(3));
        Set<String> dead = dlq.stream().map(ConsumerRecord::value).collect(Collectors.toSet());
        // A crash between dead-lettering a record and committing its offset may dead-letter it twice: the DLQ then
        // holds the same bad record again, never a good one.
        assertThat(dead).containsExactlyInAnyOrderElementsOf(bad);
    }

    /** Every family's checkpoints, interleaved across families in training order, keyed lab/family. */
    private List<Map.Entry<String, String>> events() {
        List<List<SyntheticFamily.Checkpoint>> byFamily = new ArrayList<>();
        for (int f = 0; f < FAMILIES; f++) {
            byFamily.add(new SyntheticFamily(TRUTH, SIZES, 30, CHECKPOINTS, 0.005, f).generate());
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int i = 0; i < SIZES.length * CHECKPOINTS; i++) {
            for (int f = 0; f < FAMILIES; f++) {
                SyntheticFamily.Checkpoint c = byFamily.get(f).get(i);
                String family = "crash-" + f;
                out.add(Map.entry(lab + "/" + family, KafkaTestClient.checkpoint(lab, family, c.run(), c.params(),
                        c.tokens(), c.step(), c.loss())));
            }
        }
        return out;
    }

    /**
     * Streams the events in chunks at {@link #RATE}, a deliberately bad record after each tenth chunk, holding the
     * last fifth back until the last crash: restarts take longer on a loaded machine, and the crashes must all come
     * mid-stream.
     */
    private void send(List<Map.Entry<String, String>> events, List<String> bad, CountDownLatch lastCrash) {
        long start = System.nanoTime();
        int holdAt = events.size() * 4 / 5;
        for (int from = 0, chunk = 0; from < events.size(); from += CHUNK, chunk++) {
            if (from >= holdAt && lastCrash.getCount() > 0) {
                awaitCrash(lastCrash);
                start = System.nanoTime() - (long) (from * 1e9 / RATE);
            }
            KafkaTestClient.sendKeyed("scalecast.checkpoints", events.subList(from, Math.min(from + CHUNK,
                    events.size())));
            if (chunk % 10 == 0) {
                String poison = KafkaTestClient.checkpoint(lab, "crash-0", "bad", 1e8, 1e9, chunk, 3.0)
                        .replace("\"value\":3.0", "\"value\":-3.0");
                bad.add(poison);
                KafkaTestClient.send("scalecast.checkpoints", lab + "/crash-0", List.of(poison));
            }
            pause((start + (long) ((from + CHUNK) * 1e9 / RATE) - System.nanoTime()) / 1_000_000);
        }
    }

    private static void awaitCrash(CountDownLatch lastCrash) {
        try {
            lastCrash.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ServiceProcess ingest() {
        return ServiceProcess.start("ingest-service", Map.of());
    }

    private static ServiceProcess fit() {
        return ServiceProcess.start("fit-service", FIT);
    }

    private static ServiceProcess predict() {
        return ServiceProcess.start("predict-service", Map.of());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
