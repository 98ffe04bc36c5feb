package io.scalecast.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.event.FittedLaw;
import io.scalecast.core.event.Observation;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.fit.model.FamilyStateRepository;
import io.scalecast.fit.model.FitPointRepository;
import io.scalecast.fit.model.FitResult;
import io.scalecast.fit.model.FitResultRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        assertThat(law.params().get("alpha")).isCloseTo(0.34, within(0.05));
        assertThat(law.params().get("beta")).isCloseTo(0.36, within(0.05));
        ChinchillaLaw fitted = new ChinchillaLaw(law.params().get("E"), law.params().get("A"), law.params().get("B"),
                law.params().get("alpha"), law.params().get("beta"));
        double truth = TRUTH.loss(2e10, 4e11);
        assertThat(fitted.loss(2e10, 4e11)).isCloseTo(truth, within(truth * 0.01));
        assertThat(law.diagnostics().starts()).isEqualTo(4500);
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
        assertThat(history).isNotEmpty().allSatisfy(r -> assertThat(r.status).isEqualTo(FitResult.OK));
        assertThat(history.get(0).version).isEqualTo(law.version());
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

    @Test
    void aFamilyWithTooFewRunsIsNotFitted() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        List<String> twoRuns = observations(lab, "thin", 1).subList(0, 40);

        KafkaTestClient.send("scalecast.observations", lab + "/thin", twoRuns);

        await().atMost(Duration.ofSeconds(30)).until(() -> dataVersion(lab, "thin") == 40
                && !QuarkusTransaction.requiringNew().call(() -> families.findFamily(lab, "thin").get().dirty));
        List<FitResult> history = QuarkusTransaction.requiringNew().call(() -> results.history(lab, "thin"));
        assertThat(history).singleElement().satisfies(r -> {
            assertThat(r.status).isEqualTo(FitResult.SKIPPED);
            assertThat(r.reason).contains("needs at least 3 runs").contains("has 2").contains("borrow A and alpha");
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
        List<String> out = new java.util.ArrayList<>();
        for (SyntheticFamily.Checkpoint c : synthetic.generate()) {
            double value = revision == 1 ? c.loss() : c.loss() * 1.01;
            Observation o = new Observation(1, Observation.CHECKPOINT, lab, family, c.run(), c.params(), c.tokens(),
                    c.step(), "loss", value, null, 6 * c.params() * c.tokens(), null, null, null, null, revision, now);
            out.add(mapper.writeValueAsString(o));
        }
        return out;
    }
}
