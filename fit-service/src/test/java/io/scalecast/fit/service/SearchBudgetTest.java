package io.scalecast.fit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalecast.core.law.LawKind;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Full searches while families wait get their share of the refit time; owed searches are tracked per law. */
class SearchBudgetTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final RefitBacklog backlog = new RefitBacklog();

    @Test
    void aFullSearchIsAlwaysAffordableWhileNoFamilyWaits() {
        SearchBudget budget = new SearchBudget(backlog, 0.25, clock::get);
        budget.timed(() -> clock.addAndGet(400)).get();

        assertThat(budget.fullAffordable()).isTrue();
    }

    @Test
    void whileFamiliesWaitTheNextFullSearchComesAfterThreeTimesTheLastOnesTimeAtAQuarterShare() {
        SearchBudget budget = new SearchBudget(backlog, 0.25, clock::get);
        backlog.queued();
        assertThat(budget.fullAffordable()).as("the first one").isTrue();

        budget.timed(() -> clock.addAndGet(400)).get();

        clock.addAndGet(1_199);
        assertThat(budget.fullAffordable()).isFalse();
        clock.addAndGet(1);
        assertThat(budget.fullAffordable()).isTrue();
    }

    @Test
    void aShareOfOneNeverDefers() {
        SearchBudget budget = new SearchBudget(backlog, 1, clock::get);
        backlog.queued();
        budget.timed(() -> clock.addAndGet(400)).get();

        assertThat(budget.fullAffordable()).isTrue();
        assertThatThrownBy(() -> new SearchBudget(backlog, 0, clock::get))
                .hasMessageContaining("full-search-share-while-waiting");
    }

    @Test
    void aFamilyOwesUntilEveryLawThatOwedIsPaid() {
        SearchBudget budget = new SearchBudget(backlog, 0.25, clock::get);

        budget.owes(LawKind.CHINCHILLA, "lab", "f", "no earlier fit");
        budget.owes(LawKind.POWER_COMPUTE, "lab", "f", "no earlier fit");
        budget.owes(LawKind.CHINCHILLA, "lab", "g", null);

        assertThat(budget.owing()).containsExactly(new SearchBudget.Family("lab", "f"));
        budget.owes(LawKind.CHINCHILLA, "lab", "f", null);
        assertThat(budget.owes("lab", "f")).isTrue();
        budget.owes(LawKind.POWER_COMPUTE, "lab", "f", null);
        assertThat(budget.owes("lab", "f")).isFalse();
        assertThat(budget.owing()).isEmpty();
    }

    @Test
    void aForgottenFamilyOwesNothingOfAnyLaw() {
        SearchBudget budget = new SearchBudget(backlog, 0.25, clock::get);
        budget.owes(LawKind.CHINCHILLA, "lab", "f", "no earlier fit");
        budget.owes(LawKind.POWER_COMPUTE, "lab", "f", "no earlier fit");
        budget.owes(LawKind.CHINCHILLA, "lab", "g", "no earlier fit");

        budget.forget(new SearchBudget.Family("lab", "f"));

        assertThat(budget.owing()).containsExactly(new SearchBudget.Family("lab", "g"));
    }
}
