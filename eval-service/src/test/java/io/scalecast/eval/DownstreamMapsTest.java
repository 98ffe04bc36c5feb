package io.scalecast.eval;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.contracts.event.DownstreamLaw;
import io.scalecast.contracts.event.Observation;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.ErrorLaw;
import io.scalecast.core.law.SigmoidAccuracyLaw;
import io.scalecast.eval.model.MapFit;
import io.scalecast.eval.model.MapFitRepository;
import io.scalecast.eval.model.MapState;
import io.scalecast.eval.model.MapStateRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Loss-to-error maps fitted from results and losses streamed over the real broker, published on their topic. */
@QuarkusTest
class DownstreamMapsTest {

    /** Gadre et al.'s RedPajama map of the 17-task average error. */
    private static final ErrorLaw GADRE = new ErrorLaw(0.85699193, 2.20649008, 0.71459055);

    /** A Chinchilla law in the range of small models' losses. */
    private static final ChinchillaLaw CHINCHILLA = new ChinchillaLaw(1.8, 480, 2085, 0.35, 0.37);

    @Inject
    ObjectMapper mapper;

    @Inject
    MapFitRepository fits;

    @Inject
    MapStateRepository states;

    @Test
    void resultsPairedWithTheirLossesGiveEachBenchmarksMapOnTheTopic() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        SigmoidAccuracyLaw mc = new SigmoidAccuracyLaw(0.25, 0.9, 4, 3.0);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            double loss = 2.4 + 0.25 * i;
            records.add(observation(lab, Observation.CHECKPOINT, "r" + i, "loss", loss, null, null));
            records.add(observation(lab, Observation.EVAL, "r" + i, "error", GADRE.error(loss), "avg17", null));
            records.add(observation(lab, Observation.EVAL, "r" + i, "accuracy", mc.accuracy(loss), "arc_easy", 0.25));
            records.add(observation(lab, Observation.EVAL, "r" + i, "accuracy", 1 - GADRE.error(loss), "winograd",
                    0.5));
            if (i < 3) {
                records.add(observation(lab, Observation.EVAL, "r" + i, "accuracy", 0.3, "piqa", 0.5));
            }
        }

        KafkaTestClient.send("scalecast.observations", lab + "/fam", records);

        DownstreamLaw avg = awaitMap(lab, "avg17");
        assertThat(avg.form()).isEqualTo("exponential");
        assertThat(avg.params().get("epsilon")).isCloseTo(GADRE.epsilon(), within(1e-5));
        assertThat(avg.params().get("gamma")).isCloseTo(GADRE.gamma(), within(1e-5));
        assertThat(avg.models()).hasSize(8).allSatisfy(m -> assertThat(m.lossFromLaw()).isFalse());
        assertThat(avg.heldOut().run()).isEqualTo("r0/100");
        assertThat(avg.reliable()).isTrue();
        assertThat(avg.drawMethod()).isEqualTo("covariance");
        assertThat(avg.draws()).hasSize(200).allSatisfy(d -> assertThat(d).hasSize(3));
        DownstreamLaw arc = awaitMap(lab, "arc_easy");
        assertThat(arc.form()).isEqualTo("sigmoid");
        assertThat(arc.params().get("ceiling")).isCloseTo(0.9, within(1e-4));
        assertThat(arc.chance()).isEqualTo(0.25);
        // The test profile's average avg2 of arc_easy and winograd: the mean of their errors at each checkpoint.
        DownstreamLaw avg2 = awaitMap(lab, "avg2");
        double loss0 = 2.4;
        assertThat(avg2.models().get(0).error())
                .isCloseTo((1 - mc.accuracy(loss0) + GADRE.error(loss0)) / 2, within(1e-12));
        assertThat(avg2.chance()).isNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> latest(lab, "piqa").isPresent());
        assertThat(latest(lab, "piqa").orElseThrow()).satisfies(f -> {
            assertThat(f.status).isEqualTo(MapFit.SKIPPED);
            assertThat(f.reason).isEqualTo("needs the result and the loss (observed, or from the family's loss law)"
                    + " of at least 4 checkpoints, has 3");
        });
        given().queryParam("lab", lab).get("/api/v1/families/fam/maps").then().statusCode(200)
                .body("find { it.benchmark == 'avg17' }.status", equalTo("ok"))
                .body("find { it.benchmark == 'avg17' }.form", equalTo("exponential"))
                .body("find { it.benchmark == 'piqa' }.status", equalTo("skipped"))
                .body("find { it.benchmark == 'piqa' }.reason", endsWith("of at least 4 checkpoints, has 3"));
        given().queryParam("lab", lab).queryParam("benchmark", "piqa").get("/api/v1/families/fam/maps").then()
                .statusCode(200).body("benchmark", everyItem(equalTo("piqa")));
        given().queryParam("lab", lab).get("/api/v1/families/none/maps").then().statusCode(404)
                .body("error", equalTo("no maps for family 'none' of lab '" + lab + "'"));
    }

    @Test
    void evalsStreamedBeforeOrAfterTheirLossesGiveTheSameMap() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> losses = new ArrayList<>();
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // A little scatter around Gadre's law, so the map is a real fit and not an exact recovery.
            double loss = 2.4 + 0.25 * i;
            double error = GADRE.error(loss) * (1 + 0.01 * Math.sin(7.0 * i));
            losses.add(observation(lab, "early", Observation.CHECKPOINT, "r" + i, "loss", loss, null, null));
            results.add(observation(lab, "early", Observation.EVAL, "r" + i, "error", error, "avg17", null));
        }

        // Family "early": every result is stored (and skipped for want of losses) before the losses come.
        KafkaTestClient.send("scalecast.observations", lab + "/early", results);
        await().atMost(Duration.ofSeconds(30)).until(() -> latest(lab, "early", "avg17").isPresent());
        assertThat(latest(lab, "early", "avg17").orElseThrow().reason).endsWith("has 0");
        KafkaTestClient.send("scalecast.observations", lab + "/early", losses);
        // Family "late": the losses first, then the results.
        KafkaTestClient.send("scalecast.observations", lab + "/late", renamed(losses, "early", "late"));
        KafkaTestClient.send("scalecast.observations", lab + "/late", renamed(results, "early", "late"));

        DownstreamLaw early = awaitMap(lab, "early", "avg17", m -> m.models().size() == 8);
        DownstreamLaw late = awaitMap(lab, "late", "avg17", m -> m.models().size() == 8);
        assertThat(early.form()).isEqualTo(late.form());
        assertThat(early.params()).isEqualTo(late.params());
        assertThat(early.models()).usingRecursiveFieldByFieldElementComparator().isEqualTo(late.models());
        assertThat(early.draws()).isNotEmpty();
        assertThat(early.heldOut()).isEqualTo(late.heldOut());
    }

    /**
     * Maps are fitted outside any transaction: a family of many benchmarks, each with its run bootstrap, takes far
     * longer than the test profile's 3-second transaction timeout, and still gets every map.
     */
    @Test
    void aFamilyWhoseMapsTakeLongerThanATransactionMayLastGetsEveryMap() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> records = new ArrayList<>();
        int benchmarks = 100;
        for (int i = 0; i < 12; i++) {
            double loss = 2.4 + 0.1 * i;
            records.add(observation(lab, "wide", Observation.CHECKPOINT, "r" + i, "loss", loss, null, null));
            for (int b = 0; b < benchmarks; b++) {
                double error = GADRE.error(loss) * (1 + 0.02 * Math.sin(3.0 * i + b));
                records.add(observation(lab, "wide", Observation.EVAL, "r" + i, "error", error, "task" + b, null));
            }
        }
        long t0 = System.nanoTime();

        KafkaTestClient.send("scalecast.observations", lab + "/wide", records);

        await().atMost(Duration.ofSeconds(180)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> fits.count("lab = ?1 and status = ?2", lab, MapFit.OK)) >= benchmarks);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(3));
        MapState state = QuarkusTransaction.requiringNew().call(() -> states.find("lab", lab).firstResult());
        assertThat(state.dirty).isFalse();
        ObjectMapper lenient = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        List<DownstreamLaw> published = KafkaTestClient.readAll("scalecast.downstream-laws",
                r -> r.key().startsWith(lab + "/wide/"), Duration.ofSeconds(5)).stream()
                .map(r -> read(lenient, r.value())).toList();
        assertThat(published).extracting(DownstreamLaw::benchmark).doesNotHaveDuplicates().hasSize(benchmarks);
        assertThat(published).allSatisfy(m -> {
            assertThat(m.models()).hasSize(12);
            assertThat(m.drawMethod()).isEqualTo("runs");
        });
    }

    /** A family streaming checkpoints without evaluation results is refitted to nothing and marked clean. */
    @Test
    void aFamilyOfLossesOnlyIsMarkedCleanWithoutMaps() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> losses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            losses.add(observation(lab, Observation.CHECKPOINT, "r" + i, "loss", 2.4 + 0.01 * i, null, null));
        }

        KafkaTestClient.send("scalecast.observations", lab + "/fam", losses);

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            MapState s = states.find("lab", lab).firstResult();
            return s != null && !s.dirty && s.dataVersion >= 50;
        }));
        assertThat(QuarkusTransaction.requiringNew().call(() -> fits.count("lab", lab))).isZero();
    }

    private static List<String> renamed(List<String> records, String from, String to) {
        return records.stream().map(r -> r.replace("\"family\":\"" + from + "\"", "\"family\":\"" + to + "\""))
                .toList();
    }

    @Test
    void checkpointsWithoutALossTakeItFromTheFamilysLawAndANewLawRefitsTheMap() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(eval(lab, i, GADRE.error(CHINCHILLA.loss(params(i), tokens(i)))));
        }
        KafkaTestClient.send("scalecast.observations", lab + "/fam", results);
        await().atMost(Duration.ofSeconds(30)).until(() -> latest(lab, "avg17").isPresent());
        assertThat(latest(lab, "avg17").orElseThrow().reason).endsWith("of at least 4 checkpoints, has 0");

        KafkaTestClient.send("scalecast.laws", lab + "/fam/chinchilla", List.of("{not a law", law(lab, 1, CHINCHILLA),
                law(lab, 1, CHINCHILLA).replace("\"law\":\"chinchilla\"", "\"law\":\"overtraining\"")));

        DownstreamLaw first = awaitMap(lab, "avg17", m -> "chinchilla v1".equals(m.lossLaw()));
        assertThat(first.models()).hasSize(8).allSatisfy(m -> assertThat(m.lossFromLaw()).isTrue());
        assertThat(first.models().get(0).loss()).isCloseTo(CHINCHILLA.loss(params(0), tokens(0)), within(1e-12));
        assertThat(first.params().get("epsilon")).isCloseTo(GADRE.epsilon(), within(1e-5));
        assertThat(first.params().get("gamma")).isCloseTo(GADRE.gamma(), within(1e-5));
        assertThat(KafkaTestClient.readAll("scalecast.laws.dlq", r -> (lab + "/fam/chinchilla").equals(r.key()),
                Duration.ofSeconds(5))).singleElement()
                .satisfies(r -> assertThat(KafkaTestClient.header(r, "dead-letter-reason")).isNotBlank());

        // A newer law moves the losses it gave, so the map is refitted on them.
        ChinchillaLaw moved = new ChinchillaLaw(CHINCHILLA.e() + 0.1, CHINCHILLA.a(), CHINCHILLA.b(),
                CHINCHILLA.alpha(), CHINCHILLA.beta());
        KafkaTestClient.send("scalecast.laws", lab + "/fam/chinchilla", List.of(law(lab, 2, moved)));
        DownstreamLaw second = awaitMap(lab, "avg17", m -> "chinchilla v2".equals(m.lossLaw()));
        assertThat(second.version()).isGreaterThan(first.version());
        assertThat(second.models().get(0).loss()).isCloseTo(moved.loss(params(0), tokens(0)), within(1e-12));
    }

    private static double params(int i) {
        return 2e7 * Math.pow(2, i);
    }

    private static double tokens(int i) {
        return 20 * params(i);
    }

    private String eval(String lab, int i, double error) throws Exception {
        return mapper.writeValueAsString(new Observation(1, Observation.EVAL, lab, "fam", "r" + i, params(i),
                tokens(i), 100, "error", error, null, 6 * params(i) * tokens(i), "avg17", null, null, null, 1,
                Instant.now().toString()));
    }

    private String law(String lab, long version, ChinchillaLaw law) throws Exception {
        return mapper.writeValueAsString(Map.of("schemaVersion", 1, "lab", lab, "family", "fam", "law", "chinchilla",
                "version", version, "params", law.named()));
    }

    private Optional<MapFit> latest(String lab, String benchmark) {
        return latest(lab, "fam", benchmark);
    }

    private Optional<MapFit> latest(String lab, String family, String benchmark) {
        return QuarkusTransaction.requiringNew().call(() -> fits.latest(lab, family, benchmark));
    }

    private DownstreamLaw awaitMap(String lab, String benchmark) {
        return awaitMap(lab, benchmark, m -> m.models().size() == 8);
    }

    private DownstreamLaw awaitMap(String lab, String benchmark, Predicate<DownstreamLaw> which) {
        return awaitMap(lab, "fam", benchmark, which);
    }

    private DownstreamLaw awaitMap(String lab, String family, String benchmark, Predicate<DownstreamLaw> which) {
        ObjectMapper lenient = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        DownstreamLaw[] found = {null};
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            found[0] = KafkaTestClient.readAll("scalecast.downstream-laws",
                    r -> (lab + "/" + family + "/" + benchmark).equals(r.key()), Duration.ofSeconds(1)).stream()
                    .map(r -> read(lenient, r.value())).filter(which).reduce((a, b) -> b)
                    .orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private static DownstreamLaw read(ObjectMapper m, String json) {
        try {
            return m.readValue(json, DownstreamLaw.class);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    private String observation(String lab, String kind, String run, String metric, double value, String benchmark,
                               Double chance) throws Exception {
        return observation(lab, "fam", kind, run, metric, value, benchmark, chance);
    }

    private String observation(String lab, String family, String kind, String run, String metric, double value,
                               String benchmark, Double chance) throws Exception {
        return mapper.writeValueAsString(new Observation(1, kind, lab, family, run, 1e8, 2e9, 100, metric, value, null,
                1.2e18, benchmark, chance, null, null, 1, Instant.now().toString()));
    }
}
