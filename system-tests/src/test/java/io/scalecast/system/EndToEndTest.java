package io.scalecast.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import io.scalecast.contracts.event.DownstreamLaw;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.contracts.event.Observation;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.testing.KafkaTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole path over the real broker and database with the packaged services as processes: checkpoint events in,
 * rows in ingest's tables, observations, a fitted law on the compacted topic, predictions over REST, and a restart
 * of predict-service that rebuilds its laws from the topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    /** The true law of the synthetic family: Epoch's refit of Chinchilla (science.md section 2.3). */
    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8, 7e8};
    private static final int CHECKPOINTS = 20;

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final String lab = KafkaTestClient.uniqueLab();
    private final String family = "synthetic";
    private Pipeline services;

    @BeforeAll
    void startServices() {
        services = Pipeline.start();
    }

    @AfterAll
    void stopServices() throws InterruptedException {
        if (services != null) {
            services.close();
        }
    }

    @Test
    @Order(1)
    void aStreamedFamilyIsStoredPublishedFittedAndPredicted() {
        List<SyntheticFamily.Checkpoint> checkpoints = new SyntheticFamily(TRUTH, SIZES, 30, CHECKPOINTS, 0.01, 2024)
                .generate();
        List<String> events = checkpoints.stream().map(c -> KafkaTestClient.checkpoint(lab, family, c.run(),
                c.params(), c.tokens(), c.step(), c.loss())).toList();
        int total = events.size();

        KafkaTestClient.send("scalecast.checkpoints", lab + "/" + family, events);

        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(
                "select count(*) from ingest.checkpoint where lab = ? and family = ?", lab, family) == total);
        assertThat(Database.count("select count(distinct run) from ingest.checkpoint where lab = ?", lab))
                .isEqualTo(SIZES.length);
        List<Observation> observations = KafkaTestClient.readAll("scalecast.observations",
                r -> (lab + "/" + family).equals(r.key()), Duration.ofSeconds(2)).stream()
                .map(r -> read(r.value(), Observation.class)).toList();
        assertThat(observations).hasSize(total).allSatisfy(o -> assertThat(o.revision()).isEqualTo(1));

        FittedLaw law = awaitLawWithPoints(total);
        assertThat(law.watermark().runs()).isEqualTo(SIZES.length);
        assertThat(Database.count("select count(*) from fit.fit_point where lab = ?", lab)).isEqualTo(total);

        double n = 10 * SIZES[SIZES.length - 1];
        double d = 20 * n;
        double truth = TRUTH.loss(n, d);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> answer = given().queryParam("lab", lab).queryParam("params", n)
                    .queryParam("tokens", d).get(services.predict.url() + "/api/v1/families/" + family + "/predictions")
                    .then().statusCode(200).extract().path("");
            assertThat(((Number) answer.get("version")).longValue()).isEqualTo(law.version());
            assertThat((Double) answer.get("loss")).isCloseTo(truth, within(truth * 0.02));
        });
        // The plot of the same version shows every streamed point and one curve per run.
        given().queryParam("lab", lab).get(services.predict.url() + "/api/v1/families/" + family + "/curve")
                .then().statusCode(200)
                .body("version", equalTo((int) law.version()))
                .body("observedTotal", equalTo(total))
                .body("observed.size()", equalTo(total))
                .body("curves.size()", equalTo(SIZES.length));
    }

    @Test
    @Order(2)
    void redeliveredEventsAddNoRowAndNoObservation() {
        List<String> again = new SyntheticFamily(TRUTH, SIZES, 30, CHECKPOINTS, 0.01, 2024).generate().stream()
                .limit(10).map(c -> KafkaTestClient.checkpoint(lab, family, c.run(), c.params(), c.tokens(),
                        c.step(), c.loss())).toList();
        long before = observationCount();

        KafkaTestClient.send("scalecast.checkpoints", lab + "/" + family, again);
        // A marker of another family whose key lands on the same partition: once it is stored, the duplicates before
        // it were processed. Its own family keeps the synthetic family's law unchanged.
        String marker = IntStream.iterate(0, i -> i + 1).mapToObj(i -> "marker-" + i)
                .filter(f -> Partitions.of(lab + "/" + f) == Partitions.of(lab + "/" + family)).findFirst()
                .orElseThrow();
        KafkaTestClient.send("scalecast.checkpoints", lab + "/" + marker,
                List.of(KafkaTestClient.checkpoint(lab, marker, "m1", 1e6, 1e7, 1, 5.0)));

        await().atMost(Duration.ofSeconds(30)).until(() -> Database.count(
                "select count(*) from ingest.checkpoint where lab = ? and family = ?", lab, marker) == 1);
        assertThat(Database.count("select count(*) from ingest.checkpoint where lab = ? and family = ?", lab,
                family)).isEqualTo(SIZES.length * CHECKPOINTS);
        assertThat(observationCount()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void restartingPredictServiceRebuildsItsLawsFromTheCompactedTopic() throws InterruptedException {
        Map<String, Object> before = given().queryParam("lab", lab)
                .get(services.predict.url() + "/api/v1/families/" + family + "/laws")
                .then().statusCode(200).extract().path("[0]");

        services.restartPredict();

        // Ready means the laws topic was read to its end: the first answer already has the law.
        Map<String, Object> after = given().queryParam("lab", lab)
                .get(services.predict.url() + "/api/v1/families/" + family + "/laws")
                .then().statusCode(200).extract().path("[0]");
        assertThat(after.get("version")).isEqualTo(before.get("version"));
        assertThat(after.get("params")).isEqualTo(before.get("params"));
    }

    /**
     * Gadre et al.'s recipe through the system: their five RedPajama models streamed as checkpoint events give the
     * over-training law whose predictions over REST miss the 1.4B over-trained and the 6.9B models by the relative
     * errors the recipe gives (scaling-core's OvertrainingFitterTest: 0.7103% and 0.7320%).
     */
    @Test
    @Order(4)
    void gadresFiveModelsStreamedGiveTheRecipesPredictionsOverRest() throws Exception {
        List<Map<String, String>> rpj = GadreModels.rows("rpj");
        List<String> events = GadreModels.recipeFive(rpj).stream().map(r -> KafkaTestClient.checkpoint(lab, "gadre-rpj",
                GadreModels.run(r), Double.parseDouble(r.get("params")), Double.parseDouble(r.get("tokens")), 1,
                Double.parseDouble(r.get("loss_c4_val")))).toList();

        KafkaTestClient.send("scalecast.checkpoints", lab + "/gadre-rpj", events);

        assertThat(relativeErrorPercent(GadreModels.largestOneB(rpj))).isCloseTo(0.710335253, within(0.01));
        assertThat(relativeErrorPercent(GadreModels.sevenB(rpj))).isCloseTo(0.732045880, within(0.01));
        given().queryParam("lab", lab).get(services.predict.url() + "/api/v1/families/gadre-rpj/laws").then()
                .statusCode(200)
                .body("find { it.law == 'overtraining' }.bootstrap.method", equalTo("covariance"))
                .body("find { it.law == 'overtraining' }.watermark.runs", equalTo(5));
    }

    /**
     * Gadre et al.'s downstream recipe through the system: the six RedPajama models of their error fit streamed as
     * checkpoints and 46 task accuracies each, the 1.4B model at M = 20 left out of the loss law as in the recipe,
     * give over REST the 17-task average error the recipe predicts (scaling-core's OvertrainingFitterTest: 3.6365%
     * off for the 1.4B over-trained model, 0.0464% for the 6.9B model).
     */
    @Test
    @Order(5)
    void gadresSixModelsAndTheirEvalsStreamedGiveTheRecipesErrorPredictionsOverRest() throws Exception {
        List<Map<String, String>> rpj = GadreModels.rows("rpj");
        List<Map<String, String>> six = new ArrayList<>(GadreModels.recipeFive(rpj));
        six.add(GadreModels.oneBAtTwenty(rpj));
        String family = "gadre-rpj-err";
        given().queryParam("lab", lab).contentType("application/json")
                .body(Map.of("excludeRuns", List.of(GadreModels.run(GadreModels.oneBAtTwenty(rpj)))))
                .put(services.fit.url() + "/api/v1/families/" + family + "/config").then().statusCode(200);
        Map<String, Map<String, String>> byName = new HashMap<>();
        six.forEach(r -> byName.put(r.get("name"), r));
        List<String> evals = GadreModels.accuracies(six).stream().map(a -> eval(family, byName.get(a.get("name")),
                a.get("task"), Double.parseDouble(a.get("accuracy")))).toList();

        KafkaTestClient.send("scalecast.evals", lab + "/" + family, evals);
        KafkaTestClient.send("scalecast.checkpoints", lab + "/" + family, six.stream()
                .map(r -> KafkaTestClient.checkpoint(lab, family, GadreModels.run(r),
                        Double.parseDouble(r.get("params")), Double.parseDouble(r.get("tokens")), 1,
                        Double.parseDouble(r.get("loss_c4_val")))).toList());

        long mapVersion = awaitMapOfModels(family, "avg17", 6);
        assertThat(relativeErrorPercent(family, GadreModels.largestOneB(rpj), mapVersion))
                .isCloseTo(3.636506658, within(0.01));
        assertThat(relativeErrorPercent(family, GadreModels.sevenB(rpj), mapVersion))
                .isCloseTo(0.046445522, within(0.01));
    }

    private String eval(String family, Map<String, String> model, String task, double accuracy) {
        return String.format(Locale.ROOT, "{\"schemaVersion\":1,\"lab\":\"%s\",\"family\":\"%s\",\"run\":\"%s\","
                + "\"params\":%s,\"tokens\":%s,\"step\":1,\"benchmark\":\"%s\",\"metric\":\"accuracy\",\"value\":%s}",
                lab, family, GadreModels.run(model), model.get("params"), model.get("tokens"), task,
                Double.toString(accuracy));
    }

    /** The version of the first map of the benchmark fitted on {@code models} models. */
    private long awaitMapOfModels(String family, String benchmark, int models) {
        long[] version = {0};
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            version[0] = KafkaTestClient.readAll("scalecast.downstream-laws",
                    r -> (lab + "/" + family + "/" + benchmark).equals(r.key()), Duration.ofSeconds(1)).stream()
                    .map(r -> read(r.value(), DownstreamLaw.class)).filter(m -> m.models().size() == models)
                    .mapToLong(DownstreamLaw::version).min().orElse(0);
            return version[0] > 0;
        });
        return version[0];
    }

    /**
     * The relative error in percent of the served 17-task average error at a model's N and D, chained from the
     * over-training law of five runs through a map of at least {@code mapVersion}, against the model's own.
     */
    private double relativeErrorPercent(String family, Map<String, String> row, long mapVersion) {
        double observed = Double.parseDouble(row.get("err_avg17"));
        double[] error = {0};
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath answer = given().queryParam("lab", lab).queryParam("law", "overtraining")
                    .queryParam("params", row.get("params")).queryParam("tokens", row.get("tokens"))
                    .queryParam("benchmark", "avg17")
                    .get(services.predict.url() + "/api/v1/families/" + family + "/downstream")
                    .then().statusCode(200).body("loss.watermark.runs", equalTo(5))
                    .body("form", equalTo("exponential")).extract().jsonPath();
            assertThat(answer.getLong("mapVersion")).isGreaterThanOrEqualTo(mapVersion);
            error[0] = answer.getDouble("error");
        });
        return 100 * Math.abs(error[0] - observed) / observed;
    }

    /** The relative error in percent of the served over-training law at a model's N and D, once it is served. */
    private double relativeErrorPercent(Map<String, String> row) {
        double observed = Double.parseDouble(row.get("loss_c4_val"));
        double[] loss = {0};
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> loss[0] = given().queryParam("lab", lab)
                .queryParam("law", "overtraining").queryParam("params", row.get("params"))
                .queryParam("tokens", row.get("tokens"))
                .get(services.predict.url() + "/api/v1/families/gadre-rpj/predictions")
                .then().statusCode(200).body("watermark.runs", equalTo(5)).extract().<Double>path("loss"));
        return 100 * Math.abs(loss[0] - observed) / observed;
    }

    /**
     * A run's plan over ingest's REST, its checkpoints with their learning rates on the input topic, and its forecast
     * and a what-if from predict-service: the MPL repository's 25M constant and cosine runs and its WSD run to step
     * 18,000, forecast to the WSD run's real final loss.
     */
    @Test
    @Order(6)
    void aPlannedRunIsForecastToItsEndAndAWhatIfIsAnswered() throws Exception {
        String curves = "mpl";
        String wsd = MplCurves.WSD;
        given().queryParam("lab", lab).contentType("application/json").body(Map.of("schedule", wsd))
                .put(services.ingest.url() + "/api/v1/families/" + curves + "/runs/wsd/plan").then().statusCode(202)
                .body("run", equalTo("wsd")).body("schedule", equalTo(wsd));
        KafkaTestClient.send("scalecast.checkpoints", lab + "/" + curves, MplCurves.threeRuns(lab, curves, 18000));

        String url = services.predict.url() + "/api/v1/families/" + curves + "/runs/wsd/forecast";
        List<String> lines = MplCurves.lines("wsd_20000_24000");
        double real = Double.parseDouble(lines.get(lines.size() - 1).split(",")[2]);
        JsonPath forecast = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> given().queryParam("lab", lab).get(url).then().extract().response(),
                        // The plan and the checkpoints reach fit-service on two topics: a forecast made before
                        // the plan arrived has none, and the plan's arrival reforecasts the run.
                        r -> r.statusCode() == 200 && r.jsonPath().getLong("lastStep") >= 17900
                                && wsd.equals(r.jsonPath().getString("schedule"))).jsonPath();
        assertThat(forecast.getString("schedule")).isEqualTo(wsd);
        assertThat(forecast.getList("sizeRuns")).containsExactlyInAnyOrder("constant", "cosine", "wsd");
        assertThat(forecast.getLong("finalLoss.step")).isEqualTo(24000);
        assertThat(forecast.getDouble("finalLoss.loss")).isCloseTo(real, within(0.005 * real));
        assertThat(forecast.getDouble("finalLoss.lower")).isLessThanOrEqualTo(real);
        assertThat(forecast.getDouble("finalLoss.upper")).isGreaterThanOrEqualTo(real);

        String decayNow = wsd.replace("decay-start=20000", "decay-start=" + forecast.getLong("lastStep"));
        JsonPath whatIf = given().queryParam("lab", lab).queryParam("schedule", decayNow).get(url).then()
                .statusCode(200).body("whatIf", equalTo(true)).extract().jsonPath();
        assertThat(whatIf.getDouble("finalLoss.loss")).as("a longer decay ends lower")
                .isLessThan(forecast.getDouble("finalLoss.loss"));
        JsonPath decay = given().queryParam("lab", lab).get(url + "/decay").then().statusCode(200).extract()
                .jsonPath();
        assertThat(decay.getLong("best.decayStart")).isBetween(forecast.getLong("lastStep") + 1, 24000L);
        assertThat(decay.getDouble("best.finalLoss.loss")).as("no worse than decaying now")
                .isLessThanOrEqualTo(whatIf.getDouble("finalLoss.loss") + 1e-4);
        assertThat(decay.getDouble("gain.loss")).isGreaterThan(0);
    }

    private long observationCount() {
        return KafkaTestClient.readAll("scalecast.observations", r -> (lab + "/" + family).equals(r.key()),
                Duration.ofSeconds(2)).size();
    }

    private FittedLaw awaitLawWithPoints(int points) {
        FittedLaw[] found = {null};
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            List<ConsumerRecord<String, String>> laws = KafkaTestClient.readAll("scalecast.laws",
                    r -> (lab + "/" + family + "/chinchilla").equals(r.key()), Duration.ofSeconds(1));
            found[0] = laws.stream().map(r -> read(r.value(), FittedLaw.class))
                    .filter(l -> l.watermark().points() == points).reduce((a, b) -> b).orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    /** The live refit flow on these services: starting the four again for it cost half a minute of CI. */
    @Nested
    class LiveRefit extends LiveRefitFlow {

        @Override
        Pipeline services() {
            return services;
        }
    }
}
