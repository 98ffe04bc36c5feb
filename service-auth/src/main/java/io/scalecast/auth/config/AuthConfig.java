package io.scalecast.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Access settings shared by every service: whether keys are required, the operator key and the request rate. */
@ConfigMapping(prefix = "scalecast.auth")
public interface AuthConfig {

    /** Whether REST requests need an API key; off, a request names its lab with {@code ?lab=}. */
    @WithDefault("true")
    boolean enabled();

    /** The SHA-256 (hex) of the site operator's whole key, an admin of every lab; none when absent. */
    Optional<String> operatorKeySha256();

    /** The average requests per second one key may make to one instance. */
    @WithDefault("50")
    double requestsPerSecond();

    /** How many requests one key may make at once above that rate. */
    @WithDefault("100")
    int burst();

    /** The compacted topic the keys are read from. */
    @WithDefault("scalecast.api-keys")
    String topic();
}
