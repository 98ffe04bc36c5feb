package io.scalecast.testing;

import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.contracts.event.ApiKeyEvent;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * API keys for tests of services that have no key store of their own: published straight onto the real key topic
 * as ingest-service would, and the test profile settings that turn keys on.
 */
public final class TestKeys {

    /**
     * The operator key every access test profile configures: fixed, because Quarkus loads a test's profile and the
     * test itself in different class loaders, and a random key would differ between the two.
     */
    public static final ApiKeys.Token OPERATOR = new ApiKeys.Token("0000000000ff",
            "test-operator-key-not-a-secret-0123456789ab");

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /**
     * Settings that turn keys on with the {@link #OPERATOR} key and a request rate low enough to reach in a test:
     * {@code ratePerSecond} on average, bursts of {@code burst}.
     */
    public static Map<String, String> accessProfile(int ratePerSecond, int burst) {
        return Map.of("scalecast.auth.enabled", "true",
                "scalecast.auth.operator-key-sha256", ApiKeys.sha256(OPERATOR.value()),
                "scalecast.auth.requests-per-second", String.valueOf(ratePerSecond),
                "scalecast.auth.burst", String.valueOf(burst));
    }

    /** Issues a new key of {@code lab} with {@code role} (read, write, admin) on the key topic. */
    public static ApiKeys.Token issue(String lab, String role) {
        ApiKeys.Token token = ApiKeys.generate(RANDOM);
        publish(token, lab, role, false);
        return token;
    }

    /** Revokes {@code token} (of {@code lab} and {@code role}) on the key topic. */
    public static void revoke(ApiKeys.Token token, String lab, String role) {
        publish(token, lab, role, true);
    }

    /** The Authorization header value of {@code token}. */
    public static String bearer(ApiKeys.Token token) {
        return "Bearer " + token.value();
    }

    private static void publish(ApiKeys.Token token, String lab, String role, boolean revoked) {
        String json = "{\"schemaVersion\":" + ApiKeyEvent.SCHEMA_VERSION + ",\"keyId\":\"" + token.id()
                + "\",\"lab\":\"" + lab + "\",\"role\":\"" + role + "\",\"secretSha256\":\"" + token.secretSha256()
                + "\",\"revoked\":" + revoked + ",\"time\":\"" + Instant.now() + "\"}";
        KafkaTestClient.send(ApiKeyEvent.TOPIC, token.id(), List.of(json));
    }
}
