package io.scalecast.predict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.scalecast.contracts.event.RunForecast;
import io.scalecast.core.fit.CurveForecast;
import io.scalecast.core.fit.DecayPlanner;
import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.LearningRates;
import io.scalecast.core.schedule.Schedule;
import io.scalecast.predict.service.DecayAnswer;
import io.scalecast.predict.service.RunForecastAnswer;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET .../runs/{run}/forecast} over the real broker: a forecast of known law published on
 * {@code scalecast.forecasts} is served as published, what-ifs are the law's losses under the run's rates so far
 * continued by the asked schedule, and bad schedules, unknown runs and unreadable records are refused with the reason.
 */
@QuarkusTest
class RunForecastResourceTest {

    private static final TissueLaw LAW = new TissueLaw(3.2, 0.55, 0.8, 0.4, 0.999, true);
    private static final String PLAN = "wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=20000,"
            + "decay=exponential";
    private static final int LAST = 12000;
    /** The published run's drift: its what-if bands must carry it as far as they extrapolate. */
    private static final double DRIFT = 0.004;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void readNumbersAsDoubles() {
        // As FamilyResourceTest does: the global REST Assured config must not decide how numbers compare.
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(NumberReturnType.DOUBLE));
    }

    @Test
    void servesThePlannedForecastAndAnswersWhatIfsUnderTheLaw() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        publish(forecast(lab, "r1"));
        String path = "/api/v1/families/mpl/runs/r1/forecast";
        RunForecastAnswer planned = await().atMost(Duration.ofSeconds(30)).until(() -> answer(lab, path, null),
                a -> a != null);

        LearningRates plan = Schedule.parse(PLAN).rates();
        assertThat(planned.whatIf()).isFalse();
        assertThat(planned.drift()).isEqualTo(DRIFT);
        assertThat(planned.schedule()).isEqualTo(PLAN);
        assertThat(planned.lastStep()).isEqualTo(LAST);
        assertThat(planned.finalLoss().step()).isEqualTo(24000);
        assertThat(planned.finalLoss().loss()).isCloseTo(LAW.losses(plan, new int[] {24000})[0], within(1e-12));
        assertThat(planned.observed()).hasSize(120);

        String decayNow = "wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=" + LAST
                + ",decay=exponential";
        RunForecastAnswer whatIf = answer(lab, path, decayNow);
        double expected = LAW.losses(plan.continuedBy(LAST + 1, Schedule.parse(decayNow).rates()),
                new int[] {24000})[0];
        assertThat(whatIf.whatIf()).isTrue();
        assertThat(whatIf.schedule()).as("the schedule as understood").isEqualTo(Schedule.parse(decayNow).toString());
        assertThat(whatIf.forecast().get(0).step()).isEqualTo(LAST + 100);
        assertThat(whatIf.finalLoss().loss()).isCloseTo(expected, within(1e-12));
        assertThat(whatIf.finalLoss().lower()).isLessThan(expected);
        assertThat(whatIf.finalLoss().upper()).as("the band holds the drift over ln(24000 / LAST)")
                .isGreaterThan(expected * (1 + 1.959964 * DRIFT * Math.log(24000.0 / LAST)));

        RunForecastAnswer longer = answer(lab, path, "wsd,peak=3e-4,final=3e-5,steps=28800,warmup=2160,"
                + "decay-start=24800,decay=exponential");
        assertThat(longer.finalLoss().step()).isEqualTo(28800);
        assertThat(longer.finalLoss().loss()).isLessThan(planned.finalLoss().loss());
    }

    @Test
    void answersTheBestDecayStartOfAWsdPlanUnderTheLaw() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        RunForecast published = forecast(lab, "r1");
        publish(published);
        String path = "/api/v1/families/mpl/runs/r1/forecast/decay";
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("lab", lab).get(path).statusCode(),
                status -> status == 200);

        DecayAnswer answer = given().queryParam("lab", lab).get(path).then().statusCode(200).extract()
                .as(DecayAnswer.class);
        List<TissueLaw> draws = published.draws().stream().map(d -> new TissueLaw(d[0], d[1], d[2], d[3],
                LAW.lambda(), LAW.warmupAtPeak())).toList();
        DecayPlanner.Choice expected = DecayPlanner.best(LAW, draws, 1e-3, DRIFT, Schedule.parse(PLAN).rates(),
                LAST, Schedule.parse(PLAN));
        assertThat(answer.lastStep()).isEqualTo(LAST);
        assertThat(answer.earliest()).isEqualTo(LAST + 1);
        assertThat(answer.planned().decayStart()).isEqualTo(20000);
        assertThat(answer.planned().decayLength()).isEqualTo(4000);
        assertThat(answer.best().decayStart()).isEqualTo(expected.decayStart());
        assertThat(answer.best().decayLength()).isEqualTo(24000 - expected.decayStart());
        assertThat(answer.best().finalLoss().loss()).isCloseTo(expected.finalLoss().loss(), within(1e-12));
        assertThat(answer.gain().loss()).isCloseTo(expected.gain(), within(1e-12)).isGreaterThanOrEqualTo(0);
        assertThat(answer.gain().interval()).containsExactly(expected.gainInterval().lower(),
                expected.gainInterval().upper());

        RunForecast unplanned = new RunForecast(1, lab, "mpl", "free", 1, RunForecast.ANNEALING, 25e6,
                List.of("free"), published.parameters(), Map.of(), LAW.lambda(), LAW.warmupAtPeak(), null,
                published.draws(), 1e-3, DRIFT, new RunForecast.Rates("logged", List.of(new double[] {100, 3e-4},
                        new double[] {LAST, 3e-4})), null, LAST, published.observed(), List.of(), null,
                published.fit(), published.fittedAt());
        publish(unplanned);
        String free = "/api/v1/families/mpl/runs/free/forecast";
        await().atMost(Duration.ofSeconds(30)).until(() -> answer(lab, free, null), a -> a != null);
        given().queryParam("lab", lab).get(free + "/decay").then().statusCode(409).body("field", equalTo("plan"))
                .body("error", containsString("has no plan"));
        String wsd = "wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=20000,decay=linear";
        RunForecastAnswer whatIf = answer(lab, free, wsd);
        LearningRates logged = LearningRates.interpolate(new long[] {100, LAST}, new double[] {3e-4, 3e-4});
        assertThat(whatIf.finalLoss().loss()).as("a what-if of a run without a plan continues its logged rates")
                .isCloseTo(LAW.losses(logged.continuedBy(LAST + 1, Schedule.parse(wsd).rates()),
                        new int[] {24000})[0], within(1e-12));
    }

    @Test
    void listsTheFamilysRunsAndAFamilyWithForecastsButNoLaw() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        RunForecast second = forecast(lab, "r2");
        publish(second);
        publish(forecast(lab, "r1"));
        String runs = "/api/v1/families/mpl/runs";
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("lab", lab).get(runs).then()
                .statusCode(200).extract().jsonPath().getList("run"), l -> l.size() == 2);

        given().queryParam("lab", lab).get(runs).then().statusCode(200)
                .body("run", contains("r1", "r2"))
                .body("[0].version", equalTo(3))
                .body("[0].params", equalTo(25e6))
                .body("[0].lastStep", equalTo(LAST))
                .body("[0].lastLoss", equalTo(second.observed().get(second.observed().size() - 1).loss()))
                .body("[0].schedule", equalTo(PLAN))
                .body("[1].finalLoss.step", equalTo(24000))
                .body("[1].finalLoss.loss", equalTo(second.finalLoss().loss()));
        given().queryParam("lab", lab).get("/api/v1/families/nothing/runs").then().statusCode(200)
                .body("size()", equalTo(0));
        given().queryParam("lab", lab).get("/api/v1/families").then().statusCode(200)
                .body("family", contains("mpl"))
                .body("[0].laws", empty())
                .body("[0].runs", equalTo(2))
                .body("[0].points", equalTo(second.fit().points()))
                .body("[0].forecasts.run", contains("r1", "r2"))
                .body("[0].forecasts[1].version", equalTo(3));
    }

    @Test
    void refusesWhatCannotBeAnswered() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        publish(forecast(lab, "r1"));
        String path = "/api/v1/families/mpl/runs/r1/forecast";
        await().atMost(Duration.ofSeconds(30)).until(() -> answer(lab, path, null), a -> a != null);

        given().queryParam("lab", lab).queryParam("schedule", "zigzag,peak=3e-4,steps=30000").get(path).then()
                .statusCode(400).body("field", equalTo("schedule")).body("error", containsString("zigzag"));
        given().queryParam("lab", lab).queryParam("schedule", "constant,peak=3e-4,steps=" + LAST).get(path).then()
                .statusCode(400).body("field", equalTo("schedule"))
                .body("error", containsString("must be after the run's last observed step " + LAST));
        given().queryParam("lab", lab).get("/api/v1/families/mpl/runs/nobody/forecast").then().statusCode(404)
                .body("error", containsString("no forecast for run 'nobody'"));
        given().queryParam("lab", lab).get("/api/v1/families/MPL!/runs/r1/forecast").then().statusCode(400)
                .body("field", equalTo("family"));
    }

    @Test
    void aRecordThisBuildCannotReadIsDeadLettered() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        String json = mapper.writeValueAsString(forecast(lab, "r2")).replace("\"schemaVersion\":1",
                "\"schemaVersion\":2");
        KafkaTestClient.send("scalecast.forecasts", lab + "/mpl/r2", List.of(json));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = KafkaTestClient.readAll("scalecast.forecasts.dlq",
                    r -> r.value().contains(lab), Duration.ofSeconds(1));
            assertThat(dead).singleElement().satisfies(r -> assertThat(KafkaTestClient.header(r,
                    "dead-letter-reason")).contains("schemaVersion"));
        });
        given().queryParam("lab", lab).get("/api/v1/families/mpl/runs/r2/forecast").then().statusCode(404);
    }

    private RunForecastAnswer answer(String lab, String path, String schedule) {
        var request = given().queryParam("lab", lab);
        if (schedule != null) {
            request = request.queryParam("schedule", schedule);
        }
        var response = request.get(path);
        return response.statusCode() == 200 ? response.as(RunForecastAnswer.class) : null;
    }

    private void publish(RunForecast f) throws Exception {
        KafkaTestClient.send("scalecast.forecasts", f.key(), List.of(mapper.writeValueAsString(f)));
    }

    /** A forecast as fit-service publishes it, of the known law: observed every 100 steps to step 12,000. */
    private static RunForecast forecast(String lab, String run) {
        LearningRates rates = Schedule.parse(PLAN).rates();
        int[] steps = IntStream.rangeClosed(1, LAST / 100).map(i -> 100 * i).toArray();
        double[] fitted = LAW.losses(rates, steps);
        List<RunForecast.Observed> observed = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            observed.add(new RunForecast.Observed(steps[i], fitted[i] * (1 + (i % 2 == 0 ? 1e-3 : -1e-3)),
                    fitted[i]));
        }
        List<TissueLaw> draws = IntStream.range(0, 40).mapToObj(i -> new TissueLaw(LAW.l0() * (1 + 0.002 * (i - 20)
                / 20), LAW.a(), LAW.alpha(), LAW.c() * (1 + 0.05 * ((i * 7) % 40 - 20) / 20), LAW.lambda(),
                LAW.warmupAtPeak())).toList();
        List<RunForecast.Point> ahead = CurveForecast.at(LAW, draws, TissueLaw::losses, rates,
                CurveForecast.futureSteps(steps, 24000, RunForecast.MAX_FORECAST), 1e-3,
                new CurveForecast.Extrapolation(LAST, DRIFT)).stream()
                .map(p -> new RunForecast.Point(p.step(), p.loss(), p.lower(), p.upper())).toList();
        Map<String, Double> parameters = new LinkedHashMap<>();
        for (int k = 0; k < TissueLaw.NAMES.length; k++) {
            parameters.put(TissueLaw.NAMES[k], LAW.toVector()[k]);
        }
        return new RunForecast(1, lab, "mpl", run, 3, RunForecast.ANNEALING, 25e6, List.of("constant", run),
                parameters, Map.of(), LAW.lambda(), LAW.warmupAtPeak(), null,
                draws.stream().map(TissueLaw::toVector).toList(), 1e-3, DRIFT, new RunForecast.Rates("plan", List.of()),
                new RunForecast.Plan(PLAN, 1), LAST, observed, ahead, ahead.get(ahead.size() - 1),
                new RunForecast.Fit(300, 0.999, 1e-3, "full", 40, 120), "2026-12-04T00:00:00Z");
    }
}
