package io.scalecast.fit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.contracts.event.Observation;
import io.scalecast.contracts.rest.FitHistoryEntry;
import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.fit.model.FamilyStateRepository;
import io.scalecast.fit.model.FitPointRepository;
import io.scalecast.fit.model.FitResult;
import io.scalecast.fit.model.FitResultRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RefitTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.8, 450, 2000, 0.34, 0.36);

    @Inject
    ObjectMapper mapper;

    @Inject
    FitPointRepository points;

    @Inject
    FamilyStateRepository families;

    @Inject
    FitResultRepository results;

    @Test
    void fitsAFamilyFromItsObservationsAndPublishesTheLaw() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> observations = observations(lab, "synth", 1);

        KafkaTestClient.send("scalecast.observations", lab + "/synth", observations);

        List<FittedLaw> laws = awaitLaws(lab, "synth", 1);
        FittedLaw law = laws.get(laws.size() - 1);
        assertThat(law.key()).isEqualTo(lab + "/synth/chinchilla");
        assertThat(law.watermark().points()).isEqualTo(100);
        assertThat(law.watermark().runs()).isEqualTo(5);
        assertThat(law.watermark().sizes()).isEqualTo(5);
        assertThat(law.params().get("alpha")).isCloseTo(0.34, within(0.05));
        assertThat(law.params().get("beta")).isCloseTo(0.36, within(0.05));
        ChinchillaLaw fitted = new ChinchillaLaw(law.params().get("E"), law.params().get("A"), law.params().get("B"),
                law.params().get("alpha"), law.params().get("beta"));
        double truth = TRUTH.loss(2e10, 4e11);
        assertThat(fitted.loss(2e10, 4e11)).isCloseTo(truth, within(truth * 0.01));
        assertThat(laws.get(0).diagnostics().search()).isEqualTo(FittedLaw.Diagnostics.FULL);
        assertThat(laws.get(0).diagnostics().searchReason()).isEqualTo("no earlier fit of the family on this instance");
        assertThat(laws.get(0).diagnostics().starts()).isEqualTo(450);
        assertThat(law.diagnostics().warnings()).as("five sizes identify the law").isEmpty();
        assertThat(law.intervals()).containsOnlyKeys("E", "A", "B", "alpha", "beta");
        law.params().forEach((name, value) -> assertThat(value)
                .isBetween(law.intervals().get(name).lower(), law.intervals().get(name).upper()));
        assertThat(law.bootstrap().resamples()).isEqualTo(1000);
        assertThat(law.bootstrap().runs()).isEqualTo(5);
        assertThat(law.bootstrap().draws()).hasSize(200).allSatisfy(d -> assertThat(d).hasSize(5));
        assertThat(law.backtest().targetRun()).isEqualTo(SyntheticFamily.runName(2e9));
        assertThat(law.backtest().trainRuns()).isEqualTo(4);
        assertThat(law.backtest().are()).isLessThan(0.01)
                .isLessThan(law.backtest().bestLossBaseline()).isLessThan(law.backtest().mostTrainedBaseline());
        assertThat(law.config().freeParameters()).isEqualTo(5);
        assertThat(law.observed().total()).isEqualTo(100);
        assertThat(law.observed().runs()).hasSize(5);
        assertThat(law.observed().points()).hasSize(100)
                .allSatisfy(p -> assertThat(p).hasSize(5))
                .anySatisfy(p -> assertThat(p[4]).isEqualTo(1.0));
        List<FitResult> history = QuarkusTransaction.requiringNew().call(() -> results.history(lab, "synth"));
        assertThat(history).filteredOn(r -> !FittedLaw.OVERTRAINING.equals(r.law)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.status).isEqualTo(FitResult.OK));
        // Every run trains 40 tokens per parameter: nothing tells the over-training law's exponent from E.
        assertThat(history).filteredOn(r -> FittedLaw.OVERTRAINING.equals(r.law)).singleElement()
                .satisfies(r -> assertThat(r.status).isEqualTo(FitResult.SKIPPED));
        assertThat(history).filteredOn(r -> FittedLaw.CHINCHILLA.equals(r.law)).first()
                .satisfies(r -> assertThat(r.version).isEqualTo(law.version()));
        assertThat(history).extracting(r -> r.law).contains(FittedLaw.POWER_COMPUTE);
        FittedLaw power = new PublishedLaws(mapper).of(lab, "synth", FittedLaw.POWER_COMPUTE).stream()
                .reduce((a, b) -> b).orElseThrow();
        assertThat(power.key()).isEqualTo(lab + "/synth/power-compute");
        assertThat(power.params()).containsOnlyKeys("E", "A", "alpha");
        assertThat(power.watermark().pointsFitted()).isBetween(3, 99);
        assertThat(power.watermark().runs()).isGreaterThanOrEqualTo(3);
        power.params().forEach((name, value) -> assertThat(value)
                .isBetween(power.intervals().get(name).lower(), power.intervals().get(name).upper()));
        assertThat(power.bootstrap().resamples()).isEqualTo(200);
        assertThat(power.bootstrap().draws()).allSatisfy(d -> assertThat(d).hasSize(3));
        assertThat(power.backtest().targetRun()).isEqualTo(SyntheticFamily.runName(2e9));
        // The frontier's exponent sits near Chinchilla's compute-optimal αβ/(α+β) = 0.175 of the truth.
        assertThat(power.params().get("alpha")).isBetween(0.1, 0.3);
    }

    @Test
    void aGrowingFamilyIsRefittedWarmToTheFullSearchOptimumUntilItsConfigurationChanges() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> observations = observations(lab, "grow", 1);
        PublishedLaws published = new PublishedLaws(mapper);
        KafkaTestClient.send("scalecast.observations", lab + "/grow", firstSteps(observations, 12));
        published.awaitPoints(lab, "grow", 60);
        FittedLaw first = published.of(lab, "grow").get(0);

        KafkaTestClient.send("scalecast.observations", lab + "/grow", observations);
        FittedLaw grown = published.awaitPoints(lab, "grow", 100);

        assertThat(first.diagnostics().search()).isEqualTo(FittedLaw.Diagnostics.FULL);
        assertThat(grown.diagnostics().search()).isEqualTo(FittedLaw.Diagnostics.WARM);
        assertThat(grown.diagnostics().searchReason()).isNull();
        assertThat(grown.diagnostics().starts()).isEqualTo(1);
        ChinchillaLaw full = fullSearch(lab, "grow");
        ChinchillaLaw warm = ChinchillaLaw.fromNamed(grown.params());
        assertThat(warm.alpha()).isCloseTo(full.alpha(), within(1e-4));
        assertThat(warm.beta()).isCloseTo(full.beta(), within(1e-4));
        assertThat(warm.loss(2e10, 4e11)).isCloseTo(full.loss(2e10, 4e11), within(1e-6));
        assertThat(grown.bootstrap().refreshed()).isBetween(4, 1000);
        assertThat(grown.bootstrap().resamples()).isEqualTo(1000);
        assertThat(grown.bootstrap().draws()).hasSize(200);
        assertThat(grown.intervals().get("alpha").lower()).isLessThan(warm.alpha());
        assertThat(grown.intervals().get("alpha").upper()).isGreaterThan(warm.alpha());
        assertThat(grown.backtest()).isNotNull();
        assertThat(QuarkusTransaction.requiringNew().call(() -> results.history(lab, "grow")))
                .filteredOn(r -> FittedLaw.CHINCHILLA.equals(r.law)).extracting(r -> r.search)
                .startsWith(FittedLaw.Diagnostics.WARM).endsWith(FittedLaw.Diagnostics.FULL);

        given().queryParam("lab", lab).contentType("application/json").body("{\"bootstrapResamples\":300}")
                .put("/api/v1/families/grow/config").then().statusCode(200);

        FittedLaw reconfigured = awaitLaw(lab, "grow", l -> l.bootstrap().resamples() == 300);
        assertThat(reconfigured.diagnostics().search()).isEqualTo(FittedLaw.Diagnostics.FULL);
        assertThat(reconfigured.diagnostics().searchReason()).isEqualTo("the family's configuration changed");
        assertThat(reconfigured.bootstrap().refreshed()).isEqualTo(300);
        List<FitResult> kept = QuarkusTransaction.requiringNew().call(() -> results.history(lab, "grow")).stream()
                .filter(r -> FittedLaw.CHINCHILLA.equals(r.law)).toList();
        assertThat(kept).hasSizeGreaterThanOrEqualTo(3);
        assertThat(kept.subList(0, 2)).allSatisfy(r -> assertThat(r.payload).contains("\"version\":" + r.version));
        assertThat(kept.subList(2, kept.size())).allSatisfy(r -> {
            assertThat(r.payload).isNull();
            assertThat(r.objective).isNotNull();
            assertThat(r.search).isNotNull();
        });
        assertTheHistoryKeepsEveryVersionsFigures(lab, published.of(lab, "grow"));
    }

    /** The history over REST: each published version's figures as published, long after its payload is dropped. */
    private void assertTheHistoryKeepsEveryVersionsFigures(String lab, List<FittedLaw> published) {
        FitHistoryEntry[] history = given().queryParam("lab", lab).queryParam("law", FittedLaw.CHINCHILLA)
                .get("/api/v1/families/grow/fits").then().statusCode(200).extract().as(FitHistoryEntry[].class);
        assertThat(history).extracting(FitHistoryEntry::law).containsOnly(FittedLaw.CHINCHILLA);
        assertThat(history).extracting(FitHistoryEntry::version).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        for (FittedLaw law : published) {
            FitHistoryEntry.Figures figures = Arrays.stream(history).filter(e -> e.version() == law.version())
                    .findFirst().orElseThrow().figures();
            assertThat(figures.params()).isEqualTo(law.params());
            assertThat(figures.intervals()).isEqualTo(law.intervals());
            assertThat(figures.watermark()).isEqualTo(law.watermark());
            assertThat(figures.backtestAre()).isEqualTo(law.backtest() == null ? null : law.backtest().are());
        }
        FitHistoryEntry[] newest = given().queryParam("lab", lab).queryParam("law", FittedLaw.CHINCHILLA)
                .queryParam("limit", 2).get("/api/v1/families/grow/fits").then().statusCode(200).extract()
                .as(FitHistoryEntry[].class);
        assertThat(newest).extracting(FitHistoryEntry::version).containsExactly(history[0].version(),
                history[1].version());
        given().queryParam("lab", lab).queryParam("law", FittedLaw.CHINCHILLA).queryParam("limit", 1)
                .queryParam("before", history[1].version()).get("/api/v1/families/grow/fits").then().statusCode(200)
                .body("version", contains((int) history[2].version()));
        given().queryParam("lab", lab).queryParam("limit", 0).get("/api/v1/families/grow/fits").then()
                .statusCode(400).body("field", equalTo("limit"));
        assertAKeptVersionIsServedWhole(lab, published, history);
    }

    /** A version whose stored law is kept is served as published, draws and all; a dropped one says why it is not. */
    private void assertAKeptVersionIsServedWhole(String lab, List<FittedLaw> published, FitHistoryEntry[] history) {
        long newest = history[0].version();
        FittedLaw expected = published.stream().filter(l -> l.version() == newest).findFirst().orElseThrow();
        FittedLaw served = given().queryParam("lab", lab).get("/api/v1/families/grow/fits/" + newest).then()
                .statusCode(200).extract().as(FittedLaw.class);
        assertThat(served.params()).isEqualTo(expected.params());
        assertThat(served.watermark()).isEqualTo(expected.watermark());
        assertThat(served.bootstrap().draws()).hasSameSizeAs(expected.bootstrap().draws()).isNotEmpty();
        assertThat(served.bootstrap().draws().get(0)).containsExactly(expected.bootstrap().draws().get(0));
        given().queryParam("lab", lab).get("/api/v1/families/grow/fits/" + history[2].version()).then()
                .statusCode(404).body("error", containsString("no longer kept whole"));
        given().queryParam("lab", lab).get("/api/v1/families/grow/fits/999999").then().statusCode(404)
                .body("error", containsString("has no chinchilla fit of version 999999"));
    }

    /** The Chinchilla fit of every stored point of a family, from the full start grid. */
    private ChinchillaLaw fullSearch(String lab, String family) {
        List<CheckpointPoint> all = QuarkusTransaction.requiringNew().call(() -> points.forFamily(lab, family, "loss"))
                .stream().map(p -> new CheckpointPoint(p.run(), p.params(), p.tokens(), p.value())).toList();
        FamilyData data = FamilyData.of(TokenCut.HITCHHIKER.apply(all));
        return ChinchillaFitter.epoch().fit(data.params(), data.tokens(), data.loss()).law();
    }

    private FittedLaw awaitLaw(String lab, String family, Predicate<FittedLaw> which) {
        await().atMost(Duration.ofSeconds(60)).until(() -> laws(lab, family).stream().anyMatch(which));
        return laws(lab, family).stream().filter(which).findFirst().orElseThrow();
    }

    /** The observations of each run's first {@code steps} checkpoints (they come 20 per run, in order). */
    private static List<String> firstSteps(List<String> observations, int steps) {
        return IntStream.range(0, observations.size()).filter(i -> i % 20 < steps).mapToObj(observations::get)
                .toList();
    }

    @Test
    void redeliveredObservationsChangeNothingAndNewerRevisionsWin() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> observations = observations(lab, "dup", 1);
        KafkaTestClient.send("scalecast.observations", lab + "/dup", observations);
        await().atMost(Duration.ofSeconds(30)).until(() -> dataVersion(lab, "dup") == 100);

        KafkaTestClient.send("scalecast.observations", lab + "/dup", observations);
        KafkaTestClient.send("scalecast.observations", lab + "/dup", observations(lab, "dup", 2).subList(0, 1));

        await().atMost(Duration.ofSeconds(30)).until(() -> dataVersion(lab, "dup") == 101);
        assertThat(QuarkusTransaction.requiringNew().call(() -> points.count("lab", lab))).isEqualTo(100);
    }

    /** Three runs of two sizes are fitted, and the law says the N term is not identified and what to do. */
    @Test
    void aFamilyOfTwoModelSizesIsFittedWithAWarningAndTheAdvice() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> twoSizes = new ArrayList<>();
        String now = Instant.now().toString();
        SyntheticFamily synthetic = new SyntheticFamily(TRUTH, new double[] {6e7, 2e9}, 40, 20, 0.002, 7);
        for (SyntheticFamily.Checkpoint c : synthetic.generate()) {
            twoSizes.add(mapper.writeValueAsString(checkpoint(lab, "two", c.run(), c, c.loss(), now)));
            if (c.params() == 6e7) {
                twoSizes.add(mapper.writeValueAsString(checkpoint(lab, "two", c.run() + "-seed2", c,
                        c.loss() * 1.003, now)));
            }
        }

        // The last checkpoints of the 2e9 run come later, so the family's second law is a warm refit.
        KafkaTestClient.send("scalecast.observations", lab + "/two", twoSizes.subList(0, 50));
        awaitLaw(lab, "two", l -> l.watermark().points() == 50);
        FittedLaw first = awaitLaw(lab, "two", l -> l.watermark().runs() == 3);
        KafkaTestClient.send("scalecast.observations", lab + "/two", twoSizes.subList(50, 60));

        FittedLaw law = awaitLaw(lab, "two", l -> l.watermark().points() == 60);
        assertThat(law.watermark().runs()).isEqualTo(3);
        assertThat(law.watermark().sizes()).isEqualTo(2);
        assertThat(law.diagnostics().warnings()).anySatisfy(w -> assertThat(w).startsWith("2 model sizes")
                .contains("pin alpha or borrow A and alpha"));
        // Two sizes leave A and alpha on a flat valley: the full search sees it, the warm refit repeats it.
        assertThat(first.diagnostics().search()).isEqualTo(FittedLaw.Diagnostics.FULL);
        assertThat(first.diagnostics().warnings()).anySatisfy(w -> assertThat(w).startsWith("a flat valley"));
        assertThat(law.diagnostics().search()).isEqualTo(FittedLaw.Diagnostics.WARM);
        assertThat(law.diagnostics().warnings()).anySatisfy(w -> assertThat(w).startsWith("a flat valley"));
    }

    private static Observation checkpoint(String lab, String family, String run, SyntheticFamily.Checkpoint c,
                                          double loss, String now) {
        return new Observation(1, Observation.CHECKPOINT, lab, family, run, c.params(), c.tokens(), c.step(), "loss",
                loss, null, 6 * c.params() * c.tokens(), null, null, null, null, 1, now);
    }

    @Test
    void aFamilyWithTooFewRunsIsNotFitted() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> twoRuns = observations(lab, "thin", 1).subList(0, 40);

        KafkaTestClient.send("scalecast.observations", lab + "/thin", twoRuns);

        await().atMost(Duration.ofSeconds(30)).until(() -> dataVersion(lab, "thin") == 40
                && !QuarkusTransaction.requiringNew().call(() -> families.findFamily(lab, "thin").get().dirty));
        List<FitResult> history = QuarkusTransaction.requiringNew().call(() -> results.history(lab, "thin"));
        assertThat(history).filteredOn(r -> FittedLaw.CHINCHILLA.equals(r.law)).singleElement().satisfies(r -> {
            assertThat(r.status).isEqualTo(FitResult.SKIPPED);
            assertThat(r.reason).contains("needs at least 3 runs").contains("has 2").contains("borrow A and alpha");
        });
        assertThat(history).filteredOn(r -> FittedLaw.POWER_COMPUTE.equals(r.law)).singleElement().satisfies(r -> {
            assertThat(r.status).isEqualTo(FitResult.SKIPPED);
            assertThat(r.reason).isEqualTo("the compute frontier needs points of at least 3 runs, has 2");
        });
        assertThat(history).filteredOn(r -> FittedLaw.OVERTRAINING.equals(r.law)).singleElement().satisfies(r -> {
            assertThat(r.status).isEqualTo(FitResult.SKIPPED);
            assertThat(r.reason).isEqualTo("needs the finals of at least 5 runs, has 2");
        });
        assertThat(laws(lab, "thin")).isEmpty();
    }

    private List<FittedLaw> awaitLaws(String lab, String family, int atLeast) {
        return new PublishedLaws(mapper).await(lab, family, atLeast);
    }

    private List<FittedLaw> laws(String lab, String family) {
        return new PublishedLaws(mapper).of(lab, family);
    }

    private long dataVersion(String lab, String family) {
        return QuarkusTransaction.requiringNew()
                .call(() -> families.findFamily(lab, family).map(s -> s.dataVersion).orElse(0L));
    }

    private List<String> observations(String lab, String family, long revision) throws Exception {
        SyntheticFamily synthetic = new SyntheticFamily(TRUTH, new double[] {2e7, 6e7, 2e8, 6e8, 2e9}, 40, 20, 0.002,
                7);
        String now = Instant.now().toString();
        List<String> out = new ArrayList<>();
        for (SyntheticFamily.Checkpoint c : synthetic.generate()) {
            double value = revision == 1 ? c.loss() : c.loss() * 1.01;
            Observation o = new Observation(1, Observation.CHECKPOINT, lab, family, c.run(), c.params(), c.tokens(),
                    c.step(), "loss", value, null, 6 * c.params() * c.tokens(), null, null, null, null, revision, now);
            out.add(mapper.writeValueAsString(o));
        }
        return out;
    }
}
