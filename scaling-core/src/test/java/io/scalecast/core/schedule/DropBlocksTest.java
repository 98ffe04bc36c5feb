package io.scalecast.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DropBlocksTest {

    private static final String COSINE = "cosine,peak=3e-4,final=3e-5,steps=24000,warmup=2160";

    /** A bootstrap's resamples share the schedule and steps of their curve: the grouping is built once for them. */
    @Test
    void theSameScheduleAndStepsReuseTheirGrouping() {
        LearningRates rates = Schedule.parse(COSINE).rates();
        DropBlocks first = DropBlocks.of(rates, new int[] {3000, 12000, 24000});
        assertThat(DropBlocks.of(rates, new int[] {3000, 12000, 24000})).isSameAs(first);
        assertThat(DropBlocks.of(rates, new int[] {3000, 12000, 23000})).isNotSameAs(first);
        assertThat(DropBlocks.of(Schedule.parse(COSINE).rates(), new int[] {3000, 12000, 24000}))
                .as("another schedule object, though equal: identity is the key").isNotSameAs(first);
    }

    /** Only the most recent groupings are kept, so a long-running service does not hold every schedule it saw. */
    @Test
    void onlyRecentGroupingsAreKept() {
        LearningRates rates = Schedule.parse(COSINE).rates();
        DropBlocks first = DropBlocks.of(rates, new int[] {5000});
        for (int i = 1; i <= DropBlocks.RECENT_SIZE; i++) {
            DropBlocks.of(rates, new int[] {5000 + i});
        }
        assertThat(DropBlocks.of(rates, new int[] {5000})).isNotSameAs(first);
        DropBlocks fresh = DropBlocks.of(rates, new int[] {5000});
        assertThat(fresh.end(0)).isEqualTo(first.end(0));
        assertThat(fresh.drop(0)).isEqualTo(first.drop(0));
    }
}
