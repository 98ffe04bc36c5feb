package io.scalecast.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of ingest-service, under {@code scalecast.ingest}. */
@ConfigMapping(prefix = "scalecast.ingest")
public interface IngestConfig {

    /** Topic that accepted observations are published to. */
    @WithDefault("scalecast.observations")
    String observationsTopic();

    /** Largest batch accepted by the REST endpoints. */
    @WithDefault("10000")
    int maxBatchSize();

    /** How long a REST batch waits for the broker to acknowledge every event. */
    @WithDefault("30")
    int publishTimeoutSeconds();
}
