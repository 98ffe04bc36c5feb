package io.scalecast.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scalecast.fit.model.FamilyState;
import io.scalecast.fit.model.FamilyStateRepository;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A family's change counts in the real database, under the concurrency of a batch, a refit and a config change. */
@QuarkusTest
class FamilyStateTest {

    @Inject
    FamilyStateRepository families;

    /**
     * A batch of observations keeps its transaction open while a configuration change and a refit's mark-clean
     * commit beside it: each change counts, and the family stays due because it has data no fit has seen.
     */
    @Test
    void changesCommittedBesideAnOpenBatchAreNeitherLostNorMarkedClean() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        QuarkusTransaction.requiringNew().run(() -> families.touchData(lab, "f", 3, 1));
        FamilyState before = state(lab);

        CompletableFuture<Boolean>[] beside = new CompletableFuture[2];
        QuarkusTransaction.requiringNew().run(() -> {
            families.touchData(lab, "f", 3, 1);
            beside[0] = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
                families.touchConfig(lab, "f");
                return true;
            }));
            beside[1] = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                    .call(() -> families.markClean(before.id, before.dataVersion, before.configVersion,
                            before.runsVersion)));
            sleep();
        });

        assertThat(beside[0].get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(beside[1].get(30, TimeUnit.SECONDS)).as("the refit saw an older data version").isFalse();
        FamilyState after = state(lab);
        assertThat(after.dataVersion).isEqualTo(2);
        assertThat(after.configVersion).isEqualTo(1);
        assertThat(after.partitionNo).isEqualTo(3);
        assertThat(after.dirty).isTrue();
        assertThat(after.firstDirtyAt).isEqualTo(before.firstDirtyAt);
    }

    private FamilyState state(String lab) {
        return QuarkusTransaction.requiringNew().call(() -> families.findFamily(lab, "f").orElseThrow());
    }

    /** Gives the other transactions time to reach the family's row while this one holds it. */
    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
