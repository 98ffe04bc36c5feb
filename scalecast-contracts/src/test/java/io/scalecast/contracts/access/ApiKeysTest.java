package io.scalecast.contracts.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void aGeneratedKeyParsesBackAndMatchesOnlyItsOwnHash() {
        ApiKeys.Token key = ApiKeys.generate(new SecureRandom());
        ApiKeys.Token other = ApiKeys.generate(new SecureRandom());

        assertThat(key.value()).matches("sc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        assertThat(ApiKeys.parse(key.value())).contains(key);
        assertThat(ApiKeys.matches(key.secretSha256(), key.secret())).isTrue();
        assertThat(ApiKeys.matches(key.secretSha256(), other.secret())).isFalse();
        assertThat(key.id()).isNotEqualTo(other.id());
    }

    @Test
    void theHashIsSha256OfTheSecret() {
        // The published SHA-256 test vector for "abc" (FIPS 180-2).
        assertThat(ApiKeys.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aSecretWithUnderscoresStillSplitsAtTheId() {
        String secret = "_".repeat(10) + "a".repeat(33);
        assertThat(ApiKeys.parse("sc_0123456789ab_" + secret))
                .contains(new ApiKeys.Token("0123456789ab", secret));
    }

    @Test
    void malformedKeysAreNotKeys() {
        String secret = "a".repeat(43);
        assertThat(ApiKeys.parse(null)).isEmpty();
        assertThat(ApiKeys.parse("")).isEmpty();
        assertThat(ApiKeys.parse("sk_0123456789ab_" + secret)).isEmpty();
        assertThat(ApiKeys.parse("sc_0123456789AB_" + secret)).isEmpty();
        assertThat(ApiKeys.parse("sc_0123456789ab_" + secret + "a")).isEmpty();
        assertThat(ApiKeys.parse("sc_0123456789ab_" + secret.substring(1) + "!")).isEmpty();
    }

    @Test
    void printingAKeyNeverShowsItsSecret() {
        ApiKeys.Token key = ApiKeys.generate(new SecureRandom());
        assertThat(key.toString()).isEqualTo("sc_" + key.id() + "_***").doesNotContain(key.secret());
    }
}
