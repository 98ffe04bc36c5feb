package io.scalecast.contracts.event;

/**
 * An API key as ingest-service publishes it on the compacted {@code scalecast.api-keys} topic, keyed by its id; the
 * latest record of an id is the key's state, so a revocation replaces the key it revokes. It carries the SHA-256 of
 * the secret, never the secret.
 *
 * @param schemaVersion the event schema version, 1
 * @param keyId the key's public id, the middle part of {@code sc_<id>_<secret>}
 * @param lab the lab the key acts for
 * @param role {@code read} (queries), {@code write} (events) or {@code admin} (both, keys and configuration)
 * @param secretSha256 the lower-case hex SHA-256 of the key's secret
 * @param revoked whether the key is revoked; a revoked key authenticates nothing
 * @param time ISO-8601 time of the change
 */
public record ApiKeyEvent(int schemaVersion, String keyId, String lab, String role, String secretSha256,
                          boolean revoked, String time) {

    /** The schema version this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    /** The topic. */
    public static final String TOPIC = "scalecast.api-keys";
}
