package io.scalecast.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of ingest-service, under {@code scalecast.ingest}. */
@ConfigMapping(prefix = "scalecast.ingest")
public interface IngestConfig {

    /** Topic that accepted observations are published to. */
    @WithDefault("scalecast.observations")
    String observationsTopic();

    /** Compacted topic that accepted run plans are published to, keyed lab/family/run. */
    @WithDefault("scalecast.run-plans")
    String runPlansTopic();

    /** Largest batch accepted by the REST endpoints. */
    @WithDefault("10000")
    int maxBatchSize();

    /** Most runs one family may hold; a new run beyond them is refused (revisions of stored points are not). */
    @WithDefault("10000")
    int maxRunsPerFamily();

    /** Most points (checkpoints and eval results) one family may hold; a new point beyond them is refused. */
    @WithDefault("10000000")
    long maxPointsPerFamily();

    /** How long a REST batch waits for the broker to acknowledge every event. */
    @WithDefault("30")
    int publishTimeoutSeconds();
}
