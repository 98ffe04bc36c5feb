package io.scalecast.fit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.contracts.event.Observation;
import io.scalecast.contracts.event.RunAlert;
import io.scalecast.contracts.event.RunForecast;
import io.scalecast.contracts.event.RunPlan;
import io.scalecast.fit.model.RunAlertRepository;
import io.scalecast.fit.model.RunForecastRepository;
import io.scalecast.fit.model.RunForecastRow;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Whole-curve forecasts over the real broker and database: the MPL repository's 25M constant and cosine runs, and its
 * WSD run streamed to step 18,000 (before its decay) with its plan, are forecast to the WSD run's planned end and
 * published on {@code scalecast.forecasts}; more checkpoints give a warm refit and a new version and no alert; a
 * spike in the next checkpoints is alerted on {@code scalecast.alerts}, stored and served; a plan this build cannot
 * use is dead-lettered with the reason.
 */
@QuarkusTest
class RunForecastTest {

    private static final Path DATA = Path.of("../data/multipower-lr-schedules/csv_25");
    private static final String WSD = "wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=20000,"
            + "decay=exponential";

    @Inject
    ObjectMapper mapper;

    @Inject
    RunForecastRepository forecasts;

    @Inject
    RunAlertRepository alerts;

    @Test
    void aRunningRunIsForecastToItsPlannedEndUnderItsSchedule() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        String key = lab + "/mpl";
        List<String> first = new ArrayList<>();
        first.addAll(observations(lab, "constant", "constant_24000", 0, 24000));
        first.addAll(observations(lab, "cosine", "cosine_24000", 0, 24000));
        first.addAll(observations(lab, "wsd", "wsd_20000_24000", 0, 18000));
        KafkaTestClient.sendKeyed("scalecast.run-plans", List.of(Map.entry(key + "/wsd",
                mapper.writeValueAsString(new RunPlan(1, lab, "mpl", "wsd", WSD, 25e6, null, null, 1L,
                        Instant.now().toString())))));
        KafkaTestClient.send("scalecast.observations", key, first);

        RunForecast forecast = awaitForecast(lab, "wsd", f -> f.finalLoss() != null && f.lastStep() >= 17900);
        assertThat(forecast.law()).isEqualTo(RunForecast.ANNEALING);
        assertThat(forecast.sizeRuns()).containsExactlyInAnyOrder("constant", "cosine", "wsd");
        assertThat(forecast.rates().source()).isEqualTo("plan");
        assertThat(forecast.plan().schedule()).isEqualTo(WSD);
        assertThat(forecast.plan().revision()).isEqualTo(1);
        assertThat(forecast.borrowed()).isNull();
        assertThat(forecast.intervals()).containsOnlyKeys("L0", "A", "alpha", "C");
        assertThat(forecast.draws()).hasSizeGreaterThanOrEqualTo(50).allSatisfy(d -> assertThat(d).hasSize(4));
        assertThat(forecast.observed()).hasSize(count("wsd_20000_24000", 18000));
        RunForecast.Point end = forecast.finalLoss();
        double real = finalLoss("wsd_20000_24000");
        assertThat(end.step()).isEqualTo(24000);
        assertThat(end.loss()).isCloseTo(real, within(0.005 * real));
        assertThat(end.lower()).isLessThanOrEqualTo(real);
        assertThat(end.upper()).isGreaterThanOrEqualTo(real);
        assertThat(forecast.forecast()).last().isEqualTo(end);
        assertThat(forecast.forecast().get(0).step()).isGreaterThan(forecast.lastStep());
        RunForecastRow row = QuarkusTransaction.requiringNew()
                .call(() -> forecasts.findRun(lab, "mpl", "wsd").orElseThrow());
        assertThat(mapper.readValue(row.payload, RunForecast.class).version()).isEqualTo(forecast.version());
        assertThat(awaitForecast(lab, "constant", f -> true).finalLoss()).as("a finished run has nothing ahead")
                .isNull();

        KafkaTestClient.send("scalecast.observations", key, observations(lab, "wsd", "wsd_20000_24000", 18000, 20500));
        RunForecast later = awaitForecast(lab, "wsd", f -> f.lastStep() >= 20400);
        assertThat(later.version()).isGreaterThan(forecast.version());
        assertThat(later.fit().search()).as("the same runs with more checkpoints refit warm").isEqualTo("warm");
        assertThat(later.finalLoss().loss()).isCloseTo(real, within(0.005 * real));
        assertThat(QuarkusTransaction.requiringNew().call(() -> alerts.count("lab", lab)))
                .as("the real run stays on its forecast").isZero();
    }

    @Test
    void aSpikeInARunningRunIsAlertedWithinItsNextRefit() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        String key = lab + "/mpl";
        List<String> first = new ArrayList<>();
        first.addAll(observations(lab, "constant", "constant_24000", 0, 24000));
        first.addAll(observations(lab, "cosine", "cosine_24000", 0, 24000));
        first.addAll(observations(lab, "wsd", "wsd_20000_24000", 0, 16000));
        KafkaTestClient.sendKeyed("scalecast.run-plans", List.of(Map.entry(key + "/wsd",
                mapper.writeValueAsString(new RunPlan(1, lab, "mpl", "wsd", WSD, 25e6, null, null, 1L,
                        Instant.now().toString())))));
        KafkaTestClient.send("scalecast.observations", key, first);
        RunForecast before = awaitForecast(lab, "wsd", f -> f.finalLoss() != null && f.lastStep() >= 15900);

        List<String> next = observations(lab, "wsd", "wsd_20000_24000", 16000, 17500);
        Observation spiked = mapper.readValue(next.get(4), Observation.class);
        next.set(4, mapper.writeValueAsString(new Observation(1, Observation.CHECKPOINT, lab, "mpl", "wsd", 25e6,
                spiked.tokens(), spiked.step(), "loss", spiked.value() * 1.05, spiked.learningRate(), spiked.flops(),
                null, null, null, null, 1, spiked.ingestedAt())));
        KafkaTestClient.send("scalecast.observations", key, next);

        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(60)).until(() -> KafkaTestClient
                .readAll("scalecast.alerts", r -> key.equals(r.key()), Duration.ofSeconds(1)), l -> !l.isEmpty())
                .get(0);
        RunAlert alert = mapper.readValue(record.value(), RunAlert.class);
        assertThat(alert.kind()).isEqualTo("spike");
        assertThat(alert.run()).isEqualTo("wsd");
        assertThat(alert.step()).isEqualTo(spiked.step());
        assertThat(alert.observed()).isEqualTo(spiked.value() * 1.05);
        assertThat(alert.forecastVersion()).as("judged against a forecast made before the spike")
                .isGreaterThanOrEqualTo(before.version());
        assertThat(alert.expected().upper()).isLessThan(alert.observed());
        assertThat(alert.message()).contains("band half-widths above the forecast");
        assertThat(alert.severity()).as("5% is more than six band half-widths").isEqualTo("critical");
        assertThat(alert.recoveredAt()).isNull();
        // The next checkpoint is back inside the band: the same incident is published again, recovered.
        long after = mapper.readValue(next.get(5), Observation.class).step();
        RunAlert recovered = awaitAlert(key, a -> a.kind().equals("spike") && a.recoveredAt() != null);
        assertThat(recovered.recoveredStep()).isEqualTo(after);
        assertThat(recovered.step()).isEqualTo(spiked.step());
        assertThat(QuarkusTransaction.requiringNew().call(() -> alerts.count("lab", lab))).isEqualTo(1);
        given().queryParam("lab", lab).get("/api/v1/alerts").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].kind", equalTo("spike"))
                .body("[0].step", equalTo((int) spiked.step())).body("[0].recoveredStep", equalTo((int) after));
        given().queryParam("lab", lab).queryParam("since", Instant.now().plusSeconds(60).toString())
                .get("/api/v1/alerts").then().statusCode(200).body("size()", equalTo(0));
        given().queryParam("lab", lab).queryParam("since", "yesterday").get("/api/v1/alerts").then()
                .statusCode(400).body("field", equalTo("since"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("scalecast_alerts_total{kind=\"spike\""));
    }

    /**
     * A family target the WSD run's forecast end misses, and a run whose checkpoints came once a minute and stopped
     * two hours ago: a critical target incident and a silent one; the run reporting again closes the silence, a target
     * it meets closes the other (a config change refits nothing, the forecasts in force are judged again).
     */
    @Test
    void aRunMissingItsTargetOrFallingSilentIsAnIncidentUntilItRecovers() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        String key = lab + "/mpl";
        given().queryParam("lab", lab).contentType("application/json").body(Map.of("targetLoss", 3.2))
                .put("/api/v1/families/mpl/config").then().statusCode(200).body("targetLoss", equalTo(3.2f));
        given().queryParam("lab", lab).contentType("application/json").body(Map.of("targetLoss", -1))
                .put("/api/v1/families/mpl/config").then().statusCode(400).body("field", equalTo("targetLoss"));
        List<String> first = new ArrayList<>();
        first.addAll(observations(lab, "constant", "constant_24000", 0, 24000));
        first.addAll(observations(lab, "cosine", "cosine_24000", 0, 24000));
        List<String> wsd = observations(lab, "wsd", "wsd_20000_24000", 0, 16000);
        Instant lastArrival = Instant.now().minus(Duration.ofHours(2));
        for (int i = 0; i < wsd.size(); i++) {
            Observation o = mapper.readValue(wsd.get(i), Observation.class);
            first.add(mapper.writeValueAsString(new Observation(1, Observation.CHECKPOINT, lab, "mpl", "wsd", 25e6,
                    o.tokens(), o.step(), "loss", o.value(), o.learningRate(), o.flops(), null, null, null, null, 1,
                    lastArrival.minus(Duration.ofMinutes(wsd.size() - 1 - i)).toString())));
        }
        KafkaTestClient.sendKeyed("scalecast.run-plans", List.of(Map.entry(key + "/wsd",
                mapper.writeValueAsString(new RunPlan(1, lab, "mpl", "wsd", WSD, 25e6, null, null, 1L,
                        Instant.now().toString())))));
        KafkaTestClient.send("scalecast.observations", key, first);

        RunAlert target = awaitAlert(key, a -> a.kind().equals("target"));
        assertThat(target.run()).isEqualTo("wsd");
        assertThat(target.severity()).as("the whole band ends above 3.2").isEqualTo("critical");
        assertThat(target.expected().step()).isEqualTo(24000);
        assertThat(target.expected().lower()).isGreaterThan(3.2);
        assertThat(target.message()).contains("worse than the family's target 3.2000");
        RunAlert silent = awaitAlert(key, a -> a.kind().equals("silent"));
        assertThat(silent.run()).isEqualTo("wsd");
        assertThat(silent.step()).isEqualTo(mapper.readValue(wsd.get(wsd.size() - 1), Observation.class).step());
        assertThat(silent.message()).startsWith("no checkpoint since step " + silent.step());
        assertThat(silent.message()).endsWith("before the planned end at step 24000");

        List<String> again = observations(lab, "wsd", "wsd_20000_24000", 16000, 17000);
        KafkaTestClient.send("scalecast.observations", key, again);
        RunAlert back = awaitAlert(key, a -> a.kind().equals("silent") && a.recoveredAt() != null);
        assertThat(back.recoveredStep()).isEqualTo(mapper.readValue(again.get(0), Observation.class).step());

        given().queryParam("lab", lab).contentType("application/json").body(Map.of("targetLoss", 3.4))
                .put("/api/v1/families/mpl/config").then().statusCode(200);
        RunAlert met = awaitAlert(key, a -> a.kind().equals("target") && a.recoveredAt() != null);
        assertThat(met.step()).isEqualTo(target.step());
        assertThat(QuarkusTransaction.requiringNew().call(() -> alerts.count("lab = ?1 and recoveredAt is null",
                lab))).as("no incident open").isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> alerts.count("lab", lab))).isEqualTo(2);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("scalecast_alerts_total{kind=\"silent\""))
                .body(containsString("scalecast_alerts_total{kind=\"target\""));
    }

    @Test
    void aPlanThisBuildCannotUseIsDeadLetteredWithTheReason() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        String bad = mapper.writeValueAsString(new RunPlan(1, lab, "mpl", "r1", "zigzag,peak=3e-4,steps=100", null,
                null, null, 1L, Instant.now().toString()));
        KafkaTestClient.sendKeyed("scalecast.run-plans", List.of(Map.entry(lab + "/mpl/r1", bad)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = KafkaTestClient.readAll("scalecast.run-plans.dlq",
                    r -> r.value().contains(lab), Duration.ofSeconds(1));
            assertThat(dead).singleElement().satisfies(r -> assertThat(KafkaTestClient.header(r,
                    "dead-letter-reason")).startsWith("schedule:"));
        });
    }

    /** The first alert of the family's records on {@code scalecast.alerts} that {@code wanted} accepts. */
    private RunAlert awaitAlert(String key, Predicate<RunAlert> wanted) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> KafkaTestClient.readAll("scalecast.alerts", r -> key.equals(r.key()),
                        Duration.ofMillis(700)).stream().map(r -> readAlert(r.value())).filter(wanted).findFirst(),
                        Optional::isPresent).orElseThrow();
    }

    private RunAlert readAlert(String json) {
        try {
            return mapper.readValue(json, RunAlert.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private RunForecast awaitForecast(String lab, String run, Predicate<RunForecast> done) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> latest(lab, run), f -> f.isPresent() && done.test(f.get())).orElseThrow();
    }

    private Optional<RunForecast> latest(String lab, String run) {
        return KafkaTestClient.readAll("scalecast.forecasts", r -> (lab + "/mpl/" + run).equals(r.key()),
                Duration.ofMillis(700)).stream().reduce((a, b) -> b).map(r -> read(r.value()));
    }

    private RunForecast read(String json) {
        try {
            return mapper.readValue(json, RunForecast.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run's checkpoints of the MPL file with steps in (from, to], as published observations with their rates. */
    private List<String> observations(String lab, String run, String file, int from, int to) throws IOException {
        String now = Instant.now().toString();
        List<String> out = new ArrayList<>();
        for (String line : lines(file)) {
            String[] f = line.split(",");
            long step = Long.parseLong(f[0].trim());
            if (step > from && step <= to) {
                out.add(mapper.writeValueAsString(new Observation(1, Observation.CHECKPOINT, lab, "mpl", run, 25e6,
                        step * 491520.0, step, "loss", Double.parseDouble(f[2]), Double.parseDouble(f[1]),
                        6 * 25e6 * step * 491520.0, null, null, null, null, 1, now)));
            }
        }
        return out;
    }

    private static double finalLoss(String file) throws IOException {
        List<String> all = lines(file);
        return Double.parseDouble(all.get(all.size() - 1).split(",")[2]);
    }

    private static int count(String file, int to) throws IOException {
        return (int) lines(file).stream().filter(l -> Long.parseLong(l.split(",")[0].trim()) <= to).count();
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(DATA.resolve(file + ".csv")).stream().skip(1).filter(l -> !l.isBlank()).toList();
    }
}
