package io.scalecast.system;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/** Where Kafka's default partitioner places a record key on the input topics (3 partitions, as created). */
final class Partitions {

    /** Partitions of every ScaleCast topic but the DLQs. */
    static final int COUNT = 3;

    private Partitions() {
    }

    static int of(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % COUNT;
    }
}
