package io.scalecast.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(7 * SECOND);
    private final RateLimiter limiter = new RateLimiter(2, 3, now::get);

    @Test
    void aBurstPassesThenTheRateHolds() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("k")).as("request %d of the burst", i).isZero();
        }
        assertThat(limiter.acquire("k")).isEqualTo(1);

        now.addAndGet(SECOND / 2);
        assertThat(limiter.acquire("k")).as("half a second at 2/s refills one").isZero();
        assertThat(limiter.acquire("k")).isPositive();
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        assertThat(limiter.acquire("a")).isPositive();
        assertThat(limiter.acquire("b")).isZero();
    }

    @Test
    void anIdleKeyRefillsOnlyToItsBurst() {
        limiter.acquire("k");
        now.addAndGet(3600 * SECOND);
        int admitted = 0;
        while (limiter.acquire("k") == 0) {
            admitted++;
        }
        assertThat(admitted).isEqualTo(3);
    }

    @Test
    void retryAfterCoversTheWaitAtLowRates() {
        RateLimiter slow = new RateLimiter(0.1, 1, now::get);
        assertThat(slow.acquire("k")).isZero();
        assertThat(slow.acquire("k")).isEqualTo(10);
    }
}
