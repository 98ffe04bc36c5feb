package io.scalecast.fit.service;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.law.LawKind;
import java.util.function.LongFunction;

/**
 * One law fit-service fits, as a bean: which families it applies to and why not, and its fit as a family's next
 * version. {@link RefitService} runs every one, in {@link LawKind} order, on each family it refits, and records and
 * publishes what each comes to; a new law is a new implementation.
 */
public interface LawFitter {

    /** The law this fits. */
    LawKind kind();

    /**
     * What this law makes of the family now: the reason it is not fitted (too few runs, no frontier, ...), or its fit,
     * to run outside any transaction with the version it is given.
     */
    Attempt prepare(FamilySnapshot snapshot);

    /**
     * Either a reason the family is not fitted by the law, or the fit of a version.
     *
     * @param skipped why not, or null
     * @param fit the fit of a version, or null
     */
    record Attempt(String skipped, LongFunction<FittedLaw> fit) {

        /** The family is not fitted by the law, for {@code reason}. */
        public static Attempt skip(String reason) {
            return new Attempt(reason, null);
        }

        /** The family is fitted by {@code fit}. */
        public static Attempt of(LongFunction<FittedLaw> fit) {
            return new Attempt(null, fit);
        }
    }
}
