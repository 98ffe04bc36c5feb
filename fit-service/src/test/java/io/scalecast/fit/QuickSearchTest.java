package io.scalecast.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.contracts.event.Observation;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.fit.model.FitResult;
import io.scalecast.fit.model.FitResultRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * New families arriving together while full searches cannot be afforded (one refit thread, full searches given a
 * tiny share of its time while families wait): the first one gets the full search, the ones that wait behind it get
 * quick laws, and once no family waits each owed full search runs on the same data, reaching at least the quick
 * optimum; then nothing more is owed, so the families are left alone.
 */
@QuarkusTest
@TestProfile(QuickSearchTest.Deferring.class)
class QuickSearchTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.8, 450, 2000, 0.34, 0.36);
    private static final int FAMILIES = 5;

    /** One refit thread, full searches nearly never affordable while families wait, bootstraps that yield. */
    public static class Deferring implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scalecast.fit.refit-threads", "1",
                    "scalecast.fit.full-search-share-while-waiting", "0.001",
                    "scalecast.fit.bootstrap-yields", "true",
                    "scalecast.fit.bootstrap-resamples", "100");
        }
    }

    @Inject
    ObjectMapper mapper;

    @Inject
    FitResultRepository results;

    @Test
    void familiesThatWaitGetQuickLawsAndTheirFullSearchesOnceNoneWaits() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        for (int f = 0; f < FAMILIES; f++) {
            KafkaTestClient.send("scalecast.observations", lab + "/q" + f, observations(lab, "q" + f));
        }

        // The fit history, not the compacted laws topic, keeps every version.
        List<String> deferred = new ArrayList<>();
        for (int f = 0; f < FAMILIES; f++) {
            String family = "q" + f;
            FitResult first = await().atMost(Duration.ofSeconds(90))
                    .until(() -> fits(lab, family, FittedLaw.CHINCHILLA), l -> !l.isEmpty()).get(0);
            if (FittedLaw.Diagnostics.QUICK.equals(first.search)) {
                deferred.add(family);
            } else {
                assertThat(first.search).as(family).isEqualTo(FittedLaw.Diagnostics.FULL);
            }
        }
        assertThat(deferred).as("families that waited behind the first full search").isNotEmpty();

        for (String family : deferred) {
            List<FitResult> laws = await().atMost(Duration.ofSeconds(90)).until(
                    () -> fits(lab, family, FittedLaw.CHINCHILLA), l -> l.stream().anyMatch(QuickSearchTest::full));
            FitResult quick = laws.get(0);
            FitResult full = laws.stream().filter(QuickSearchTest::full).findFirst().orElseThrow();
            assertThat(quick.searchReason).isEqualTo("no earlier fit of the family on this instance;"
                    + " the full search is deferred while other families wait");
            assertThat(full.searchReason).isEqualTo("no earlier fit of the family on this instance");
            assertThat(full.dataVersion).as("the same data").isEqualTo(quick.dataVersion);
            assertThat(full.objective).isLessThanOrEqualTo(quick.objective * (1 + 1e-9));
            List<FitResult> power = await().atMost(Duration.ofSeconds(30)).until(
                    () -> fits(lab, family, FittedLaw.POWER_COMPUTE), l -> l.stream().anyMatch(QuickSearchTest::full));
            assertThat(power.get(0).search).isEqualTo(FittedLaw.Diagnostics.QUICK);
        }

        int fitted = fits(lab, deferred.get(0), FittedLaw.CHINCHILLA).size();
        Thread.sleep(3_000);
        assertThat(fits(lab, deferred.get(0), FittedLaw.CHINCHILLA)).as("nothing is owed after the full search")
                .hasSize(fitted);
    }

    /** The family's published fits of one law, oldest first. */
    private List<FitResult> fits(String lab, String family, String law) {
        List<FitResult> newestFirst = QuarkusTransaction.requiringNew().call(() -> results.history(lab, family))
                .stream().filter(r -> law.equals(r.law) && FitResult.OK.equals(r.status)).toList();
        List<FitResult> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }

    private static boolean full(FitResult fit) {
        return FittedLaw.Diagnostics.FULL.equals(fit.search);
    }

    private List<String> observations(String lab, String family) throws Exception {
        SyntheticFamily synthetic = new SyntheticFamily(TRUTH, new double[] {2e7, 6e7, 2e8, 6e8, 2e9}, 40, 20, 0.002,
                7);
        String now = Instant.now().toString();
        List<String> out = new ArrayList<>();
        for (SyntheticFamily.Checkpoint c : synthetic.generate()) {
            Observation o = new Observation(1, Observation.CHECKPOINT, lab, family, c.run(), c.params(), c.tokens(),
                    c.step(), "loss", c.loss(), null, 6 * c.params() * c.tokens(), null, null, null, null, 1, now);
            out.add(mapper.writeValueAsString(o));
        }
        return out;
    }
}
