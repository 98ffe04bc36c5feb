package io.scalecast.fit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The fitting pool's workers, and the parallel streams its tasks start, run at the lower priority. */
class LowPriorityThreadsTest {

    @Test
    void aTaskAndItsParallelStreamRunAtTheGivenNiceValue() {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        int before = LowPriorityThreads.currentNice();
        assumeTrue(before < 7, "the test runs below nice 7");
        ForkJoinPool pool = LowPriorityThreads.forkJoinPool("test-fit", 2, 7);
        try {
            List<Integer> nice = pool.invoke(ForkJoinTask.adapt(() -> IntStream.range(0, 64)
                    .parallel().map(i -> LowPriorityThreads.currentNice()).boxed().toList()));

            assertThat(nice).hasSize(64).containsOnly(7);
            assertThat(LowPriorityThreads.currentNice()).as("the caller keeps its own").isEqualTo(before);
        } finally {
            pool.shutdownNow();
        }
    }
}
