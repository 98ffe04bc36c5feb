package io.scalecast.fit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The refit delay while the observations consumer trails the stream. */
class ObservationLagTest {

    private static final Duration CONFIGURED = Duration.ofMillis(500);
    private static final Duration CAP = Duration.ofSeconds(10);

    @Test
    void aConsumerWithinTheConfiguredDelayKeepsIt() {
        assertThat(ObservationLag.stretched(CONFIGURED, Duration.ZERO, CAP)).isEqualTo(CONFIGURED);
        assertThat(ObservationLag.stretched(CONFIGURED, Duration.ofMillis(400), CAP)).isEqualTo(CONFIGURED);
    }

    @Test
    void aTrailingConsumerStretchesTheDelayToItsLagUpToTheCap() {
        assertThat(ObservationLag.stretched(CONFIGURED, Duration.ofSeconds(3), CAP)).isEqualTo(Duration.ofSeconds(3));
        assertThat(ObservationLag.stretched(CONFIGURED, Duration.ofMinutes(5), CAP)).isEqualTo(CAP);
    }
}
