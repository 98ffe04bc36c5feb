package io.scalecast.fit.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scalecast.fit.config.FitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * How far the observations consumer trails the stream (the age of the newest record of its last batch), and the
 * refit delay that follows from it: a family's {@code max-delay} stretches to the lag, up to {@code
 * lagging-max-delay}, so that under more events than the machine can take the consumers catch up before the refits.
 */
@ApplicationScoped
public class ObservationLag {

    /** A lag read this long ago no longer counts: batches stopped coming because the consumer caught up. */
    static final Duration STALE = Duration.ofSeconds(2);

    private final FitConfig config;
    private volatile Observed last = new Observed(Duration.ZERO, Instant.EPOCH);

    public ObservationLag(FitConfig config, MeterRegistry metrics) {
        this.config = config;
        Gauge.builder("scalecast.fit.observation.lag", this, l -> l.current().toMillis() / 1000.0)
                .description("Age of the newest observation of the consumer's last batch").baseUnit("seconds")
                .register(metrics);
        Gauge.builder("scalecast.fit.refit.max.delay", this, l -> l.maxDelay().toMillis() / 1000.0)
                .description("The max-delay the refit loop applies now").baseUnit("seconds").register(metrics);
    }

    /**
     * The lag of one batch.
     *
     * @param lag the age of its newest record when it arrived
     * @param at when it arrived
     */
    public record Observed(Duration lag, Instant at) {
    }

    /** Records a batch whose newest record was written at {@code newest}. */
    public void batch(Instant newest) {
        Instant now = Instant.now();
        Duration lag = Duration.between(newest, now);
        last = new Observed(lag.isNegative() ? Duration.ZERO : lag, now);
    }

    /** The last batch's lag as recorded. */
    public Observed last() {
        return last;
    }

    /** The consumer's lag now: the last batch's, unless no batch came for {@link #STALE}. */
    public Duration current() {
        Observed o = last;
        return o.at().isBefore(Instant.now().minus(STALE)) ? Duration.ZERO : o.lag();
    }

    /** The max-delay of a refit now: the configured one, or the lag up to {@code lagging-max-delay}. */
    public Duration maxDelay() {
        return stretched(config.maxDelay(), current(), config.laggingMaxDelay());
    }

    /** {@code configured}, stretched to {@code lag} but not past {@code cap}. */
    static Duration stretched(Duration configured, Duration lag, Duration cap) {
        Duration wanted = lag.compareTo(cap) > 0 ? cap : lag;
        return wanted.compareTo(configured) > 0 ? wanted : configured;
    }
}
