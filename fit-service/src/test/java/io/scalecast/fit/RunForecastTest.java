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
import io.scalecast.fit.model.FamilyState;
import io.scalecast.fit.model.FamilyStateRepository;
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
import java.util.HashMap;
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

    private static final Path DATA = Path.of("../data/multipower-lr-schedules");
    private static final String WSD = "wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=20000,"
            + "decay=exponential";

    /** The nine schedules of the MPL repository's curves, as its loader rebuilds them (the data's README). */
    private static final Map<String, String> PUBLIC_SCHEDULES = Map.of(
            "constant_24000", "constant,peak=3e-4,warmup=2160,steps=24000",
            "constant_72000", "constant,peak=3e-4,warmup=2160,steps=72000",
            "cosine_24000", "cosine,peak=3e-4,warmup=2160,final=3e-5,steps=24000",
            "cosine_72000", "cosine,peak=3e-4,warmup=2160,final=3e-5,steps=72000",
            "wsd_20000_24000", WSD,
            "wsdld_20000_24000", "wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=20000,decay=linear",
            "wsdcon_3", "step,peak=3e-4,warmup=2160,steps=16000,drops=8000:3e-5",
            "wsdcon_9", "step,peak=3e-4,warmup=2160,steps=16000,drops=8000:9e-5",
            "wsdcon_18", "step,peak=3e-4,warmup=2160,steps=16000,drops=8000:18e-5");

    @Inject
    ObjectMapper mapper;

    @Inject
    RunForecastRepository forecasts;

    @Inject
    RunAlertRepository alerts;

    @Inject
    FamilyStateRepository families;

    @Test
    void aRunningRunIsForecastToItsPlannedEndUnderItsSchedule() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        String key = lab + "/mpl";
        List<String> first = new ArrayList<>();
        first.addAll(observations(lab, "constant", "constant_24000", 0, 24000));
        first.addAll(observations(lab, "cosine", "cosine_24000", 0, 24000));
        first.addAll(observations(lab, "wsd", "wsd_20000_24000", 0, 18000));
        first.addAll(observations(lab, "wsd100", 100, "wsd_20000_24000", 0, 8000));
        KafkaTestClient.sendKeyed("scalecast.run-plans", List.of(Map.entry(key + "/wsd",
                mapper.writeValueAsString(new RunPlan(1, lab, "mpl", "wsd", WSD, 25e6, null, null, 1L,
                        Instant.now().toString()))), Map.entry(key + "/wsd100",
                mapper.writeValueAsString(new RunPlan(1, lab, "mpl", "wsd100", WSD, 100e6, null, null, 1L,
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

        RunForecast young = awaitForecast(lab, "wsd100", f -> f.finalLoss() != null && f.lastStep() >= 7900);
        double real100 = finalLoss(100, "wsd_20000_24000");
        assertThat(young.borrowed()).as("no 100M run has annealed").isNotNull();
        assertThat(young.drift()).as("the law's backtest on the run's own checkpoints").isPositive();
        assertThat(young.finalLoss().lower()).isLessThanOrEqualTo(real100);
        assertThat(young.finalLoss().upper()).isGreaterThanOrEqualTo(real100);

        // A family of its own whose only run has not annealed borrows C from the family its config names.
        given().queryParam("lab", lab).contentType("application/json")
                .body(Map.of("borrow", Map.of("family", "mpl", "mode", "prior")))
                .put("/api/v1/families/solo/config").then().statusCode(200);
        KafkaTestClient.sendKeyed("scalecast.run-plans", List.of(Map.entry(lab + "/solo/wsd100",
                mapper.writeValueAsString(new RunPlan(1, lab, "solo", "wsd100", WSD, 100e6, null, null, 1L,
                        Instant.now().toString())))));
        KafkaTestClient.send("scalecast.observations", lab + "/solo",
                observations(lab, "solo", "wsd100", 100, "wsd_20000_24000", 0, 8000));
        RunForecast solo = awaitForecast(lab, "solo", "wsd100", f -> f.finalLoss() != null && f.lastStep() >= 7900);
        assertThat(solo.borrowed()).contains("borrowed from the size of N = 2.5E7 of family mpl (runs ");
        assertThat(solo.finalLoss().lower()).isLessThanOrEqualTo(real100);
        assertThat(solo.finalLoss().upper()).isGreaterThanOrEqualTo(real100);
        assertThat(solo.finalLoss().loss()).isCloseTo(young.finalLoss().loss(), within(0.002 * real100));

        List<String> more = new ArrayList<>(observations(lab, "wsd", "wsd_20000_24000", 18000, 20500));
        more.addAll(observations(lab, "wsd100", 100, "wsd_20000_24000", 8000, 16000));
        KafkaTestClient.send("scalecast.observations", key, more);
        RunForecast later = awaitForecast(lab, "wsd", f -> f.lastStep() >= 20400);
        assertThat(later.version()).isGreaterThan(forecast.version());
        assertThat(later.fit().search()).as("the same runs with more checkpoints refit warm").isEqualTo("warm");
        assertThat(later.finalLoss().loss()).isCloseTo(real, within(0.005 * real));
        // A size whose only run is still training, C borrowed: its forecast end holds the real one from step 8,000
        // and from 16,000, and the band narrows as the run trains (docs/methods.md, "Forecasts of a running run").
        RunForecast older = awaitForecast(lab, "wsd100", f -> f.lastStep() >= 15900);
        assertThat(older.borrowed()).isNotNull();
        assertThat(older.finalLoss().loss()).isCloseTo(real100, within(0.01 * real100));
        assertThat(older.finalLoss().lower()).isLessThanOrEqualTo(real100);
        assertThat(older.finalLoss().upper()).isGreaterThanOrEqualTo(real100);
        assertThat(older.finalLoss().upper() - older.finalLoss().lower()).as("the band narrows as the run trains")
                .isLessThan(0.8 * (young.finalLoss().upper() - young.finalLoss().lower()));
        assertThat(Math.abs(older.finalLoss().loss() - real100))
                .isLessThan(Math.abs(young.finalLoss().loss() - real100));
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
        given().queryParam("lab", lab).queryParam("family", "mpl").get("/api/v1/alerts").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].family", equalTo("mpl"));
        given().queryParam("lab", lab).queryParam("family", "other").get("/api/v1/alerts").then().statusCode(200)
                .body("size()", equalTo(0));
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

        // A target lowered, met and lowered again with no new checkpoint: each change is judged, so two incidents.
        FamilyState beforeCycles = familyState(lab);
        assertThat(beforeCycles.lawsFittedAt).as("the laws were fitted to the runs' checkpoints").isNotNull();
        long lastStep = mapper.readValue(again.get(again.size() - 1), Observation.class).step();
        for (int cycle = 1; cycle <= 2; cycle++) {
            given().queryParam("lab", lab).contentType("application/json").body(Map.of("targetLoss", 3.2))
                    .put("/api/v1/families/mpl/config").then().statusCode(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() -> alerts
                    .count("lab = ?1 and kind = 'target' and recoveredAt is null and step = ?2", lab, lastStep)),
                    n -> n == 1);
            given().queryParam("lab", lab).contentType("application/json").body(Map.of("targetLoss", 3.4))
                    .put("/api/v1/families/mpl/config").then().statusCode(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() -> alerts
                    .count("lab = ?1 and kind = 'target' and recoveredAt is null", lab)), n -> n == 0);
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> alerts.count("lab = ?1 and kind = 'target'", lab)))
                .as("the first incident and one per lowering").isEqualTo(3);

        // A new revision of the plan (train 4,000 steps longer, the decay later) is forecast at once; neither it nor
        // the target changes touched the family's laws, which rest on checkpoints alone.
        KafkaTestClient.sendKeyed("scalecast.run-plans", List.of(Map.entry(key + "/wsd",
                mapper.writeValueAsString(new RunPlan(1, lab, "mpl", "wsd", WSD.replace("steps=24000", "steps=28000")
                        .replace("decay-start=20000", "decay-start=24000"), 25e6, null, null, 2L,
                        Instant.now().toString())))));
        RunForecast longer = awaitForecast(lab, "wsd", f -> f.plan().revision() == 2);
        assertThat(longer.finalLoss().step()).isEqualTo(28000);
        FamilyState afterCycles = await().atMost(Duration.ofSeconds(30)).until(() -> familyState(lab), f -> !f.dirty);
        assertThat(afterCycles.runsVersion).as("four target changes and a plan")
                .isEqualTo(beforeCycles.runsVersion + 5);
        assertThat(afterCycles.lawsFittedAt).as("no law refitted for a target or a plan")
                .isEqualTo(beforeCycles.lawsFittedAt);
        assertThat(afterCycles.configVersion).isEqualTo(beforeCycles.configVersion);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("scalecast_alerts_total{kind=\"silent\""))
                .body(containsString("scalecast_alerts_total{kind=\"target\""));
    }

    /**
     * The clean-data check over the broker: the MPL repository's 18 public curves (both sizes, nine schedules)
     * streamed as runs with their plans, first to half their steps, then to their ends: every run is forecast, and the
     * second half of each, judged against the forecast made from the first, raises no alert.
     */
    @Test
    void theEighteenPublicCurvesStreamedAsRunsRaiseNoAlert() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        String key = lab + "/mpl";
        List<Map.Entry<String, String>> plans = new ArrayList<>();
        List<String> firstHalf = new ArrayList<>();
        List<String> secondHalf = new ArrayList<>();
        Map<String, Long> halves = new HashMap<>();
        for (int millions : new int[] {25, 100}) {
            for (Map.Entry<String, String> curve : PUBLIC_SCHEDULES.entrySet()) {
                String run = millions + "m-" + curve.getKey().replace('_', '-');
                List<String> all = lines(millions, curve.getKey());
                long last = Long.parseLong(all.get(all.size() - 1).split(",")[0].trim());
                long half = last / 2;
                halves.put(run, half);
                plans.add(Map.entry(key + "/" + run, mapper.writeValueAsString(new RunPlan(1, lab, "mpl", run,
                        curve.getValue(), millions * 1e6, null, null, 1L, Instant.now().toString()))));
                firstHalf.addAll(observations(lab, run, millions, curve.getKey(), 0, half));
                secondHalf.addAll(observations(lab, run, millions, curve.getKey(), half, last));
            }
        }
        KafkaTestClient.sendKeyed("scalecast.run-plans", plans);
        KafkaTestClient.send("scalecast.observations", key, firstHalf);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(forecastSteps(key)).as("every run forecast from half its steps").containsOnlyKeys(
                        halves.keySet()).allSatisfy((run, step) -> assertThat(step).as(run).isGreaterThanOrEqualTo(
                                halves.get(run) - 2000)));
        KafkaTestClient.send("scalecast.observations", key, secondHalf);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(forecastSteps(key)).allSatisfy((run, step) -> assertThat(step).as(run)
                        .isGreaterThan(halves.get(run))));
        assertThat(QuarkusTransaction.requiringNew().call(() -> alerts.list("lab", lab)))
                .extracting(r -> r.payload).as("no alert on clean public curves").isEmpty();
    }

    /** Each run's last forecast's last observed step, from the family's records on {@code scalecast.forecasts}. */
    private Map<String, Long> forecastSteps(String key) {
        Map<String, Long> out = new HashMap<>();
        KafkaTestClient.readAll("scalecast.forecasts", r -> r.key().startsWith(key + "/"), Duration.ofMillis(700))
                .forEach(r -> {
                    RunForecast f = read(r.value());
                    out.merge(f.run(), f.lastStep(), Math::max);
                });
        return out;
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

    private FamilyState familyState(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> families.findFamily(lab, "mpl").orElseThrow());
    }

    private RunForecast awaitForecast(String lab, String run, Predicate<RunForecast> done) {
        return awaitForecast(lab, "mpl", run, done);
    }

    private RunForecast awaitForecast(String lab, String family, String run, Predicate<RunForecast> done) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> latest(lab + "/" + family + "/" + run), f -> f.isPresent() && done.test(f.get()))
                .orElseThrow();
    }

    private Optional<RunForecast> latest(String key) {
        return KafkaTestClient.readAll("scalecast.forecasts", r -> key.equals(r.key()), Duration.ofMillis(700))
                .stream().reduce((a, b) -> b).map(r -> read(r.value()));
    }

    private RunForecast read(String json) {
        try {
            return mapper.readValue(json, RunForecast.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 25M run's checkpoints of the MPL file with steps in (from, to], as observations with their rates. */
    private List<String> observations(String lab, String run, String file, int from, int to) throws IOException {
        return observations(lab, run, 25, file, from, to);
    }

    private List<String> observations(String lab, String run, int millions, String file, long from, long to)
            throws IOException {
        return observations(lab, "mpl", run, millions, file, from, to);
    }

    /** The run's checkpoints of the MPL file of the {@code millions}M model with steps in (from, to]. */
    private List<String> observations(String lab, String family, String run, int millions, String file, long from,
                                      long to) throws IOException {
        String now = Instant.now().toString();
        double n = millions * 1e6;
        List<String> out = new ArrayList<>();
        for (String line : lines(millions, file)) {
            String[] f = line.split(",");
            long step = Long.parseLong(f[0].trim());
            if (step > from && step <= to) {
                out.add(mapper.writeValueAsString(new Observation(1, Observation.CHECKPOINT, lab, family, run, n,
                        step * 491520.0, step, "loss", Double.parseDouble(f[2]), Double.parseDouble(f[1]),
                        6 * n * step * 491520.0, null, null, null, null, 1, now)));
            }
        }
        return out;
    }

    private static double finalLoss(String file) throws IOException {
        return finalLoss(25, file);
    }

    private static double finalLoss(int millions, String file) throws IOException {
        List<String> all = lines(millions, file);
        return Double.parseDouble(all.get(all.size() - 1).split(",")[2]);
    }

    private static int count(String file, int to) throws IOException {
        return (int) lines(file).stream().filter(l -> Long.parseLong(l.split(",")[0].trim()) <= to).count();
    }

    private static List<String> lines(String file) throws IOException {
        return lines(25, file);
    }

    private static List<String> lines(int millions, String file) throws IOException {
        return Files.readAllLines(DATA.resolve("csv_" + millions).resolve(file + ".csv")).stream().skip(1)
                .filter(l -> !l.isBlank()).toList();
    }
}
