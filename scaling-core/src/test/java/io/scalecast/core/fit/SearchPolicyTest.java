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

        assertThat(r.ran).as("the warm start after the full search checks whether it confirms the quick law")
                .containsExactly("quick", "full", "warm");
        assertThat(paid.full()).isTrue();
        assertThat(paid.moved()).isTrue();
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
        SearchPolicy.Previous<String> previous = new SearchPolicy.Previous<>("law", 1, RUNS, 1, T, "owed");

        assertThat(moved(previous, RUNS, 1, true, 1 + 1e-10)).as("confirmed").isFalse();
        assertThat(moved(previous, RUNS, 1, true, 1.001)).as("another optimum").isTrue();
        assertThat(moved(previous, RUNS, 2, true, 1)).as("configuration").isTrue();
        assertThat(moved(previous, List.of("a"), 1, true, 1)).as("runs").isTrue();
        assertThat(moved(null, RUNS, 1, true, 1)).as("first fit").isTrue();
        assertThat(moved(previous, RUNS, 1, false, 2)).as("quick, the warm start untrusted").isTrue();
        SearchPolicy.Previous<String> clean = new SearchPolicy.Previous<>("law", 1, RUNS, 1, T, null);
        assertThat(moved(clean, RUNS, 1, true, 1)).as("warm").isFalse();
    }

    /** Whether a refit on {@code runs} whose warm start reaches {@code warm} (the full search: 1) moved. */
    private static boolean moved(SearchPolicy.Previous<String> previous, List<String> runs, long configVersion,
                                 boolean fullAffordable, double warm) {
        return POLICY.search(previous, runs, configVersion, T, fullAffordable, new Recorder().searches(warm, 1, 1))
                .moved();
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
