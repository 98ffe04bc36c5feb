package io.scalecast.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.contracts.event.ApiKeyEvent;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeyTableTest {

    private final KeyTable table = new KeyTable();
    private final ApiKeys.Token key = ApiKeys.generate(new SecureRandom());

    private ApiKeyEvent event(String role, boolean revoked, int schemaVersion) {
        return new ApiKeyEvent(schemaVersion, key.id(), "lab-a", role, key.secretSha256(), revoked,
                "2026-11-30T00:00:00Z");
    }

    @Test
    void aLiveKeyIdentifiesItsLabAndRole() {
        table.apply(event("write", false, 1));
        assertThat(table.find(key)).contains(new Caller(key.id(), "lab-a", Role.WRITE));
    }

    @Test
    void theRightIdWithAnotherSecretIsNobody() {
        table.apply(event("write", false, 1));
        ApiKeys.Token forged = new ApiKeys.Token(key.id(), ApiKeys.generate(new SecureRandom()).secret());
        assertThat(table.find(forged)).isEmpty();
    }

    @Test
    void aRevocationRemovesTheKeyAndTheLatestEventWins() {
        table.apply(event("read", false, 1));
        table.apply(event("admin", false, 1));
        assertThat(table.find(key)).map(Caller::role).contains(Role.ADMIN);

        table.apply(event("admin", true, 1));
        assertThat(table.find(key)).isEmpty();
        assertThat(table.size()).isZero();
    }

    @Test
    void aDoubtfulEventRemovesTheKeyRatherThanKeepIt() {
        table.apply(event("read", false, 1));
        table.apply(event("owner", false, 1));
        assertThat(table.find(key)).isEmpty();

        table.apply(event("read", false, 1));
        table.apply(event("read", false, 2));
        assertThat(table.find(key)).isEmpty();
    }
}
