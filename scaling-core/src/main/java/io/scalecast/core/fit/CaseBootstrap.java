package io.scalecast.core.fit;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A bootstrap over cases that each carry one point (a run's final, a model on a loss-to-error map): each resample
 * draws as many cases with replacement and is refitted; a resample with too few distinct cases to determine the law
 * counts as failed. Resample i uses seed + i, so results do not depend on thread scheduling.
 */
final class CaseBootstrap {

    private CaseBootstrap() {
    }

    /**
     * The usable refits of {@code resamples} resamples.
     *
     * @param distinct fewest distinct cases a resample needs
     * @param refit fits a resample; empty when it reaches no usable law
     */
    static <P, L> List<L> draws(List<P> cases, int resamples, long seed, int distinct,
                                Function<List<P>, Optional<L>> refit) {
        return IntStream.range(0, resamples).parallel().mapToObj(i -> {
            int[] pick = new SplittableRandom(seed + i).ints(cases.size(), 0, cases.size()).toArray();
            if (IntStream.of(pick).distinct().count() < distinct) {
                return Optional.<L>empty();
            }
            return refit.apply(IntStream.of(pick).mapToObj(cases::get).toList());
        }).flatMap(Optional::stream).toList();
    }
}
