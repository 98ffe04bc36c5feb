package io.scalecast.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.fit.RunGrowth;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.service.FamilySettings;
import io.scalecast.fit.service.FamilySnapshot;
import io.scalecast.fit.service.PowerFitService;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The power law's rolling bootstrap follows the Chinchilla law's rule: a warm refit keeps it and refits a few draws,
 * until a run has outgrown the frontier points it had when the bootstrap began, which starts a new one.
 */
@QuarkusTest
class PowerBootstrapTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);
    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8, 7e8};

    @Inject
    PowerFitService powerFits;

    @Inject
    FitConfig config;

    @Test
    void aRunThatOutgrowsItsFrontierPointsRenewsTheBootstrapOfAWarmRefit() {
        List<SyntheticFamily.Checkpoint> all = new SyntheticFamily(TRUTH, SIZES, 20, 40, 0.002, 5).generate();
        String lab = KafkaTestClient.uniqueLab();
        // The smallest run: each of its checkpoints is on the compute frontier, as it has the least compute.
        String growing = SyntheticFamily.runName(SIZES[0]);
        FamilySnapshot early = snapshot(lab, all, growing, 6, 1);
        FamilySnapshot later = snapshot(lab, all, growing, 8, 2);
        FamilySnapshot grown = snapshot(lab, all, growing, 40, 3);
        int earlyPoints = frontierPointsOf(early, growing);
        int laterPoints = frontierPointsOf(later, growing);
        int grownPoints = frontierPointsOf(grown, growing);
        assertThat(RunGrowth.outgrows(earlyPoints, laterPoints)).as("outgrown at %d of %d", laterPoints, earlyPoints)
                .isFalse();
        assertThat(RunGrowth.outgrows(earlyPoints, grownPoints)).as("outgrown at %d of %d", grownPoints, earlyPoints)
                .isTrue();

        FittedLaw first = fit(early, 1);
        FittedLaw kept = fit(later, 2);
        FittedLaw renewed = fit(grown, 3);

        assertThat(first.diagnostics().search()).isEqualTo(FittedLaw.Diagnostics.FULL);
        assertThat(first.bootstrap().refreshed()).isEqualTo(200);
        assertThat(kept.diagnostics().search()).isEqualTo(FittedLaw.Diagnostics.WARM);
        assertThat(kept.bootstrap().refreshed()).isEqualTo(config.bootstrapMinRefresh());
        assertThat(renewed.diagnostics().search()).isEqualTo(FittedLaw.Diagnostics.WARM);
        assertThat(renewed.bootstrap().refreshed()).isEqualTo(200);
    }

    /** The family with only the first {@code keep} checkpoints of {@code run}. */
    private FamilySnapshot snapshot(String lab, List<SyntheticFamily.Checkpoint> all, String run, int keep,
                                    long dataVersion) {
        List<CheckpointPoint> points = all.stream().filter(c -> !c.run().equals(run) || c.step() <= 1000L * keep)
                .map(c -> new CheckpointPoint(c.run(), c.params(), c.tokens(), c.loss())).toList();
        return new FamilySnapshot(0, lab, "power", dataVersion, 0, FamilySettings.defaults(config), points,
                Instant.now(), Instant.now(), null);
    }

    private int frontierPointsOf(FamilySnapshot snapshot, String run) {
        Map<String, Long> perRun = powerFits.frontier(snapshot).stream()
                .collect(Collectors.groupingBy(CheckpointPoint::run, Collectors.counting()));
        return perRun.getOrDefault(run, 0L).intValue();
    }

    private FittedLaw fit(FamilySnapshot snapshot, long version) {
        return powerFits.fit(snapshot, powerFits.frontier(snapshot), version);
    }
}
