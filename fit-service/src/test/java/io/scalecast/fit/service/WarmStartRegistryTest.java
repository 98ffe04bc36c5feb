package io.scalecast.fit.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.fit.LogForm;
import io.scalecast.core.fit.RollingBootstrap;
import io.scalecast.core.fit.SearchPolicy;
import io.scalecast.core.law.LawKind;
import io.scalecast.core.law.PowerLaw;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one store of every law's warm state: per law kind, when a bootstrap is kept, when a back-test is current. */
class WarmStartRegistryTest {

    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private static final FittedLaw.Backtest BACKTEST = new FittedLaw.Backtest(0.01, 0.05, 0.08, "n2e9", 4, 30, 3.0);

    @Test
    void aBacktestStaysCurrentForItsPeriodOnly() {
        WarmStartRegistry.State<Object> state = new WarmStartRegistry.State<>(null, null, BACKTEST, T);

        assertThat(state.backtestStillCurrent(T.plusMillis(4_999), Duration.ofSeconds(5))).isTrue();
        assertThat(state.backtestStillCurrent(T.plusSeconds(5), Duration.ofSeconds(5))).isFalse();
        assertThat(state.backtestStillCurrent(T, Duration.ZERO)).isFalse();
    }

    @Test
    void aFamilyTooSmallForABacktestKeepsThatAnswerForThePeriodAndAStateWithoutOneNeverHasOne() {
        assertThat(new WarmStartRegistry.State<>(null, null, null, T).backtestStillCurrent(T.plusSeconds(1),
                Duration.ofSeconds(5))).isTrue();
        assertThat(new WarmStartRegistry.State<>(null, null, null, null).backtestStillCurrent(T,
                Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void eachLawOfAFamilyHasItsOwnStateAndForgettingOneKeepsTheOthers() {
        WarmStartRegistry registry = new WarmStartRegistry();
        registry.put(LawKind.CHINCHILLA, "lab", "f", new WarmStartRegistry.State<>(previous("chinchilla"), null,
                null, null));
        registry.put(LawKind.POWER_COMPUTE, "lab", "f", new WarmStartRegistry.State<>(previous("power"), null, null,
                null));

        registry.forget(LawKind.CHINCHILLA, "lab", "f");

        assertThat(registry.get(LawKind.CHINCHILLA, "lab", "f")).isEmpty();
        assertThat(registry.<String>get(LawKind.POWER_COMPUTE, "lab", "f")).map(s -> s.previous().law())
                .hasValue("power");
        assertThat(registry.get(LawKind.POWER_COMPUTE, "other", "f")).isEmpty();
    }

    /** Every law keeps its bootstrap on a warm refit until a run outgrows it, and starts one after a full search. */
    @Test
    void aBootstrapIsKeptOnlyByAWarmRefitOfTheDataItServes() {
        FamilyData data = FamilyData.of(points(5));
        RollingBootstrap<PowerLaw> kept = new RollingBootstrap<>(10, 1, data, LogForm.POWER);
        Optional<WarmStartRegistry.State<PowerLaw>> state = Optional.of(new WarmStartRegistry.State<>(null, kept,
                null, null));

        assertThat(WarmStartRegistry.bootstrapFor(state, false, data, 10, 1, LogForm.POWER)).isSameAs(kept);
        assertThat(WarmStartRegistry.bootstrapFor(state, true, data, 10, 1, LogForm.POWER)).isNotSameAs(kept);
        assertThat(WarmStartRegistry.bootstrapFor(state, false, data, 20, 1, LogForm.POWER)).isNotSameAs(kept);
        assertThat(WarmStartRegistry.bootstrapFor(state, false, FamilyData.of(points(30)), 10, 1, LogForm.POWER))
                .as("a run grown from 5 to 30 points").isNotSameAs(kept);
        assertThat(WarmStartRegistry.bootstrapFor(state, false, data, 0, 1, LogForm.POWER)).isNull();
        assertThat(WarmStartRegistry.bootstrapFor(Optional.empty(), false, data, 10, 1, LogForm.POWER)).isNotNull();
    }

    private static SearchPolicy.Previous<String> previous(String law) {
        return new SearchPolicy.Previous<>(law, 1, List.of("r"), 1, T, null);
    }

    /** Three runs, the last with {@code last} points. */
    private static List<CheckpointPoint> points(int last) {
        List<CheckpointPoint> points = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < (r == 2 ? last : 5); k++) {
                points.add(new CheckpointPoint("r" + r, 1e8 * (r + 1), 1e9 * (k + 1), 3 - 0.1 * k));
            }
        }
        return points;
    }
}
