package io.scalecast.contracts.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API key format {@code sc_<id>_<secret>}: a public 12-hex-digit id that names the key in lists, logs and
 * revocations, and a 256-bit random secret of which only the SHA-256 is ever stored or sent.
 *
 * <p>A plain SHA-256 suffices (no salt, no slow hash) because the secret is 256 random bits: there is no dictionary
 * to search.
 */
public final class ApiKeys {

    private static final Pattern TOKEN = Pattern.compile("sc_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final int ID_BYTES = 6;
    private static final int SECRET_BYTES = 32;

    private ApiKeys() {
    }

    /**
     * A key split into its parts; {@code toString} never shows the secret, so a key printed by mistake leaks
     * nothing.
     *
     * @param id the public id
     * @param secret the secret
     */
    public record Token(String id, String secret) {

        /** The whole key, as the caller sends it: {@code sc_<id>_<secret>}. */
        public String value() {
            return "sc_" + id + "_" + secret;
        }

        /** The SHA-256 of the secret, as stored. */
        public String secretSha256() {
            return sha256(secret);
        }

        @Override
        public String toString() {
            return "sc_" + id + "_***";
        }
    }

    /** A new random key. */
    public static Token generate(SecureRandom random) {
        byte[] id = new byte[ID_BYTES];
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(id);
        random.nextBytes(secret);
        return new Token(HexFormat.of().formatHex(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The key in {@code text}, or empty when it is not of the form {@code sc_<id>_<secret>}. */
    public static Optional<Token> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(text.trim());
        return m.matches() ? Optional.of(new Token(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The lower-case hex SHA-256 of {@code text}'s UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code secret} hashes to {@code expectedSha256}, compared in constant time. */
    public static boolean matches(String expectedSha256, String secret) {
        byte[] expected = expectedSha256.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = sha256(secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
