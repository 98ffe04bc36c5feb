package io.scalecast.fit.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalecast.core.event.FittedLaw;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a warm refit may publish the family's last back-test instead of running one. */
class WarmStartRegistryTest {

    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private static final FittedLaw.Backtest BACKTEST = new FittedLaw.Backtest(0.01, 0.05, 0.08, "n2e9", 4, 30, 3.0);

    @Test
    void aBacktestStaysCurrentForItsPeriodOnly() {
        WarmStartRegistry.State state = new WarmStartRegistry.State(null, null, BACKTEST, T);

        assertThat(state.backtestStillCurrent(T.plusMillis(4_999), Duration.ofSeconds(5))).isTrue();
        assertThat(state.backtestStillCurrent(T.plusSeconds(5), Duration.ofSeconds(5))).isFalse();
        assertThat(state.backtestStillCurrent(T, Duration.ZERO)).isFalse();
    }

    @Test
    void aFamilyTooSmallForABacktestKeepsThatAnswerForThePeriodAndAStateWithoutOneNeverHasOne() {
        assertThat(new WarmStartRegistry.State(null, null, null, T).backtestStillCurrent(T.plusSeconds(1),
                Duration.ofSeconds(5))).isTrue();
        assertThat(new WarmStartRegistry.State(null, null, null, null).backtestStillCurrent(T,
                Duration.ofSeconds(5))).isFalse();
    }
}
