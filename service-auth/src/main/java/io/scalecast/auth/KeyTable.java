package io.scalecast.auth;

import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.contracts.event.ApiKeyEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of every API key, kept from the compacted {@code scalecast.api-keys} topic: the latest event
 * of a key id is its state. It holds hashes only.
 */
@ApplicationScoped
public class KeyTable {

    private final Map<String, Entry> keys = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    /** A live key. */
    private record Entry(String secretSha256, Caller caller) {
    }

    /**
     * Applies one event: a live key of a known role and schema version is added or replaced; anything else (a
     * revocation, an unknown role or version) removes the id, so that a doubtful key authenticates nothing.
     */
    public void apply(ApiKeyEvent event) {
        Optional<Role> role = Role.parse(event.role());
        if (event.revoked() || role.isEmpty() || event.schemaVersion() != ApiKeyEvent.SCHEMA_VERSION
                || event.lab() == null || event.secretSha256() == null) {
            keys.remove(event.keyId());
            return;
        }
        keys.put(event.keyId(), new Entry(event.secretSha256(), new Caller(event.keyId(), event.lab(), role.get())));
    }

    /** The caller whose key {@code token} is, or empty when no live key has its id and secret. */
    public Optional<Caller> find(ApiKeys.Token token) {
        Entry entry = keys.get(token.id());
        if (entry == null || !ApiKeys.matches(entry.secretSha256(), token.secret())) {
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    /** Records that the table has read the topic up to where it ended at start. */
    public void markCaughtUp() {
        caughtUp = true;
    }

    /** Whether the table has read every key that existed when this instance started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** How many live keys the table holds. */
    public int size() {
        return keys.size();
    }
}
