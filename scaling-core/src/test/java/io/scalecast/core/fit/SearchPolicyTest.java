package io.scalecast.core.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalecast.contracts.event.FittedLaw;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The search policy's deferral: a refit that cannot afford the full search runs the quick one and owes the full
 * search, follows the quick law warm while it still cannot afford it, and runs it once it can; a full search that
 * lands where a warm start from the previous law does confirms that law.
 */
class SearchPolicyTest {

    private static final SearchPolicy POLICY = new SearchPolicy(Duration.ofMinutes(30), 1.25);
    private static final Instant T = Instant.parse("2026-12-06T08:00:00Z");
    private static final List<String> RUNS = List.of("a", "b", "c");

    /** A fit: which search made it, and its objective per point. */
    private record Fit(String by, double meanObjective, boolean converged) {
    }

    /** Searches that record which ran, with the objectives each reaches. */
    private static final class Recorder {
        final List<String> ran = new ArrayList<>();

        SearchPolicy.Searches<Fit> searches(double warm, double quick, double full) {
            return new SearchPolicy.Searches<>(() -> run("warm", warm), () -> run("quick", quick),
                    () -> run("full", full), Fit::converged, Fit::meanObjective);
        }

        private Fit run(String by, double objective) {
            ran.add(by);
            return new Fit(by, objective, true);
        }
    }

    @Test
    void aFirstFitThatCannotAffordTheFullSearchRunsTheQuickOneAndOwesIt() {
        Recorder r = new Recorder();

        SearchPolicy.Searched<Fit> first = POLICY.search(null, RUNS, 1, T, false, r.searches(1, 1, 1));

        assertThat(r.ran).containsExactly("quick");
        assertThat(first.search()).isEqualTo(FittedLaw.Diagnostics.QUICK);
        assertThat(first.owed()).isEqualTo("no earlier fit of the family on this instance");
        assertThat(first.searchReason()).isEqualTo("no earlier fit of the family on this instance;"
                + " the full search is deferred while other families wait");
        assertThat(first.fresh()).isTrue();
        assertThat(first.full()).isFalse();
    }

    @Test
    void whileTheFullSearchIsOwedAndUnaffordableARefitFollowsTheQuickLawWarmAndKeepsOwingIt() {
        Recorder r = new Recorder();
        SearchPolicy.Previous<String> quick = quickFirstFit(r);

        SearchPolicy.Searched<Fit> next = POLICY.search(quick, RUNS, 1, T.plusSeconds(1), false,
                r.searches(1.01, 1, 1));

        assertThat(r.ran).containsExactly("quick", "warm");
        assertThat(next.search()).isEqualTo(FittedLaw.Diagnostics.WARM);
        assertThat(next.owed()).isEqualTo("no earlier fit of the family on this instance");
        assertThat(next.searchReason()).startsWith("a full search is owed: no earlier fit");
        assertThat(previousAfter(next).owed()).isEqualTo(next.owed());
    }

    @Test
    void anOwedFullSearchRunsOnceAffordableAndIsPaid() {
        Recorder r = new Recorder();
        SearchPolicy.Previous<String> quick = quickFirstFit(r);

        SearchPolicy.Searched<Fit> paid = POLICY.search(quick, RUNS, 1, T.plusSeconds(5), true,
                r.searches(1, 1, 0.9));

        assertThat(r.ran).containsExactly("quick", "full");
        assertThat(paid.full()).isTrue();
        assertThat(paid.reason()).isEqualTo("no earlier fit of the family on this instance");
        assertThat(paid.owed()).isNull();
        SearchPolicy.Previous<String> after = SearchPolicy.Previous.after(paid, quick, "law", 0.9, RUNS, 1,
                T.plusSeconds(5));
        assertThat(after.owed()).isNull();
        assertThat(after.fullSearchAt()).isEqualTo(T.plusSeconds(5));
    }

    @Test
    void anUntrustedWarmStartWhileOwingFallsBackToTheQuickSearch() {
        Recorder r = new Recorder();
        SearchPolicy.Previous<String> quick = quickFirstFit(r);

        SearchPolicy.Searched<Fit> next = POLICY.search(quick, RUNS, 1, T.plusSeconds(1), false,
                r.searches(2, 1, 1));

        assertThat(r.ran).containsExactly("quick", "warm", "quick");
        assertThat(next.search()).isEqualTo(FittedLaw.Diagnostics.QUICK);
        assertThat(next.owed()).isEqualTo("no earlier fit of the family on this instance");
    }

    @Test
    void otherRunsWhileOwingAreANewReasonAndTheWarmStartIsNotTried() {
        Recorder r = new Recorder();
        SearchPolicy.Previous<String> quick = quickFirstFit(r);

        SearchPolicy.Searched<Fit> next = POLICY.search(quick, List.of("a", "b", "c", "d"), 1, T.plusSeconds(1),
                false, r.searches(1, 1, 1));

        assertThat(r.ran).containsExactly("quick", "quick");
        assertThat(next.owed()).isEqualTo("the runs changed from 3 to 4");
    }

    @Test
    void aLawWithoutAQuickSearchRunsItsFullSearchWhenDue() {
        Recorder r = new Recorder();
        SearchPolicy.Searches<Fit> s = r.searches(1, 1, 1);

        SearchPolicy.Searched<Fit> first = POLICY.search(null, RUNS, 1, T, false,
                new SearchPolicy.Searches<>(s.warm(), null, s.full(), s.converged(), s.meanObjective()));

        assertThat(r.ran).containsExactly("full");
        assertThat(first.full()).isTrue();
        assertThat(first.owed()).isNull();
    }

    @Test
    void aFullSearchConfirmsThePreviousLawOnlyWhereAWarmStartReachesItsObjective() {
        Recorder r = new Recorder();
        SearchPolicy.Previous<String> previous = new SearchPolicy.Previous<>("law", 1, RUNS, 1, T, "owed");
        SearchPolicy.Searched<Fit> full = POLICY.search(previous, RUNS, 1, T, true, r.searches(1, 1, 1));

        assertThat(POLICY.confirmed(full, previous, RUNS, 1, r.searches(1 + 1e-10, 1, 1))).isTrue();
        assertThat(POLICY.confirmed(full, previous, RUNS, 1, r.searches(1.001, 1, 1))).isFalse();
        assertThat(POLICY.confirmed(full, previous, RUNS, 2, r.searches(1, 1, 1))).as("configuration").isFalse();
        assertThat(POLICY.confirmed(full, previous, List.of("a"), 1, r.searches(1, 1, 1))).as("runs").isFalse();
        assertThat(POLICY.confirmed(full, null, RUNS, 1, r.searches(1, 1, 1))).as("first fit").isFalse();
        SearchPolicy.Searched<Fit> quick = POLICY.search(previous, RUNS, 1, T, false, r.searches(2, 1, 1));
        assertThat(POLICY.confirmed(quick, previous, RUNS, 1, r.searches(1, 1, 1))).as("quick").isFalse();
    }

    /** What a family's first fit leaves when it could not afford the full search. */
    private static SearchPolicy.Previous<String> quickFirstFit(Recorder r) {
        return previousAfter(POLICY.search(null, RUNS, 1, T, false, r.searches(1, 1, 1)));
    }

    private static SearchPolicy.Previous<String> previousAfter(SearchPolicy.Searched<Fit> searched) {
        return SearchPolicy.Previous.after(searched, null, searched.fit().by(), searched.fit().meanObjective(), RUNS,
                1, T);
    }
}
