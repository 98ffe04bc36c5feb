package io.scalecast.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.contracts.event.Observation;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.OvertrainingLaw;
import io.scalecast.fit.model.FitResult;
import io.scalecast.fit.model.FitResultRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The over-training law of a family whose runs span token multipliers, over the real broker and database. */
@QuarkusTest
class OvertrainingRefitTest {

    /** Gadre et al.'s RedPajama fit, the truth of the synthetic runs. */
    private static final OvertrainingLaw TRUTH = new OvertrainingLaw(1.8366, 166.21, 366.69, -0.27285);

    private static final double[] SIZES = {1e7, 3e7, 1e8, 3e8, 1e9};

    @Inject
    ObjectMapper mapper;

    @Inject
    FitResultRepository results;

    @Test
    void runsAtSeveralTokenMultipliersGetTheOvertrainingLawWithIntervalsAndABacktest() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        KafkaTestClient.send("scalecast.observations", lab + "/gadre", observations(lab, "gadre",
                new double[] {5, 20, 80}));
        PublishedLaws published = new PublishedLaws(mapper);

        await().atMost(Duration.ofSeconds(60)).until(() -> published.of(lab, "gadre", FittedLaw.OVERTRAINING)
                .stream().anyMatch(l -> l.watermark().runs() == 15 && l.watermark().dataVersion() == 60));
        FittedLaw law = published.of(lab, "gadre", FittedLaw.OVERTRAINING).stream()
                .filter(l -> l.watermark().dataVersion() == 60).reduce((a, b) -> b).orElseThrow();

        assertThat(law.key()).isEqualTo(lab + "/gadre/overtraining");
        assertThat(law.params()).containsOnlyKeys("E", "a", "b", "p");
        assertThat(law.params().get("E")).isCloseTo(TRUTH.e(), within(1e-4));
        assertThat(law.params().get("p")).isCloseTo(TRUTH.p(), within(1e-5));
        assertThat(law.watermark().pointsFitted()).isEqualTo(15);
        assertThat(law.watermark().maxTokens()).isEqualTo(80 * 1e9);
        assertThat(law.bootstrap().method()).isEqualTo(FittedLaw.Bootstrap.RUNS);
        assertThat(law.bootstrap().draws()).hasSizeGreaterThan(150).allSatisfy(d -> {
            assertThat(d).hasSize(5);
            assertThat(d[3]).isEqualTo(d[4]);
        });
        ChinchillaLaw chinchillaForm = ChinchillaLaw.fromVector(law.bootstrap().draws().get(0));
        assertThat(chinchillaForm.loss(6.9e9, 20 * 6.9e9)).isCloseTo(TRUTH.loss(6.9e9, 20), within(1e-3));
        law.params().forEach((name, value) -> assertThat(value)
                .isBetween(law.intervals().get(name).lower() - 1e-9, law.intervals().get(name).upper() + 1e-9));
        assertThat(law.backtest().targetRun()).isEqualTo("n1e+09-m80");
        assertThat(law.backtest().trainRuns()).isEqualTo(12);
        assertThat(law.backtest().are()).isLessThan(1e-4).isLessThan(law.backtest().bestLossBaseline());
        assertThat(law.config().runsForFreeFit()).isEqualTo(5);
    }

    @Test
    void runsAtOneTokenMultiplierAreNotFittedAndTheHistorySaysWhy() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        KafkaTestClient.send("scalecast.observations", lab + "/flat", observations(lab, "flat", new double[] {20}));

        await().atMost(Duration.ofSeconds(60)).until(() -> history(lab, "flat").stream()
                .anyMatch(r -> FittedLaw.OVERTRAINING.equals(r.law)));

        assertThat(history(lab, "flat")).filteredOn(r -> FittedLaw.OVERTRAINING.equals(r.law)).singleElement()
                .satisfies(r -> {
                    assertThat(r.status).isEqualTo(FitResult.SKIPPED);
                    assertThat(r.reason).startsWith("the runs' token multipliers D/N span 1.00x")
                            .contains("at least 4x");
                });
    }

    private List<FitResult> history(String lab, String family) {
        return QuarkusTransaction.requiringNew().call(() -> results.history(lab, family));
    }

    /** Runs of 5 sizes at each multiplier, 4 checkpoints each (at 1/4 ... 4/4 of D = M·N) on the true law. */
    private List<String> observations(String lab, String family, double[] multipliers) throws Exception {
        String now = Instant.now().toString();
        List<String> out = new ArrayList<>();
        for (double m : multipliers) {
            for (double n : SIZES) {
                String run = String.format("n%.0e-m%.0f", n, m);
                for (int step = 1; step <= 4; step++) {
                    double tokens = m * n * step / 4;
                    Observation o = new Observation(1, Observation.CHECKPOINT, lab, family, run, n, tokens, step,
                            "loss", TRUTH.loss(n, tokens / n), null, 6 * n * tokens, null, null, null, null, 1,
                            now);
                    out.add(mapper.writeValueAsString(o));
                }
            }
        }
        return out;
    }
}
