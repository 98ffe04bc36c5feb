package io.scalecast.predict.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Knows whether this instance has read one compacted topic up to where it ended when the instance started, so
 * readiness can wait for it: an instance that answered before would give 404s for what it has not read yet.
 */
public final class TopicCatchUp {

    private static final Logger LOG = Logger.getLogger(TopicCatchUp.class);

    /**
     * After this long without a new record the reader is taken to be at the end, in case the topic's last
     * records were compacted away (a deleted tombstone) and their offsets never arrive.
     */
    static final Duration IDLE = Duration.ofSeconds(10);

    private final String topic;
    private final Map<String, Object> kafka;
    private final Map<Integer, Long> consumed = new ConcurrentHashMap<>();
    private volatile Map<Integer, Long> targets;
    private volatile long lastRecordNanos = System.nanoTime();
    private volatile boolean caughtUp;

    /**
     * @param topic the topic
     * @param kafka the Kafka client configuration
     */
    public TopicCatchUp(String topic, Map<String, Object> kafka) {
        this.topic = topic;
        this.kafka = kafka;
    }

    /** The topic. */
    public String topic() {
        return topic;
    }

    /** Starts reading the topic's end offsets, on a thread of its own. */
    public void start() {
        Thread t = new Thread(this::readTargets, topic + "-end-offsets");
        t.setDaemon(true);
        t.start();
    }

    /** Records that the reader passed {@code offset} of {@code partition}. */
    public void passed(int partition, long offset) {
        consumed.merge(partition, offset + 1, Math::max);
        lastRecordNanos = System.nanoTime();
    }

    /** Whether every partition has been read up to its end at start-up; once true it stays true. */
    public boolean caughtUp() {
        if (!caughtUp && targets != null) {
            caughtUp = reached(targets, consumed)
                    || System.nanoTime() - lastRecordNanos > IDLE.toNanos() && !consumed.isEmpty();
        }
        return caughtUp;
    }

    /** Per partition, offsets read and the end at start-up, for the health check; empty before the end is known. */
    public Map<String, String> progress() {
        Map<Integer, Long> t = targets;
        if (t == null) {
            return Map.of();
        }
        return t.entrySet().stream().collect(Collectors.toMap(e -> "partition " + e.getKey(),
                e -> consumed.getOrDefault(e.getKey(), 0L) + "/" + e.getValue()));
    }

    /** Whether each partition's consumed offset reached its target; an empty partition needs nothing. */
    public static boolean reached(Map<Integer, Long> targets, Map<Integer, Long> consumed) {
        return targets.entrySet().stream().allMatch(e -> consumed.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private void readTargets() {
        Map<String, Object> config = new ConcurrentHashMap<>();
        kafka.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        while (targets == null) {
            try (Admin admin = Admin.create(config)) {
                Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
                        .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()),
                                p -> OffsetSpec.latest()));
                targets = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                        .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
                LOG.infof("reading %s up to %s before reporting ready", topic, targets);
            } catch (Exception e) {
                LOG.warnf("cannot read the end offsets of %s yet, retrying: %s", topic, e.toString());
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
