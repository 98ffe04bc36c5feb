package io.scalecast.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients on the real test broker: produce raw records, read back what a topic holds. Plain rather than
 * SmallRye's KafkaCompanion: the companion brings testcontainers, toxiproxy, opencsv and Mutiny into every module's
 * test classpath, and its consumer tasks (await a count, or a fixed duration) do not express what these tests need
 * most, reading a compacted topic until nothing new comes for a while.
 */
public final class KafkaTestClient {

    /** The broker deploy/local/test.sh starts, unless KAFKA_BOOTSTRAP_SERVERS names another. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:19092";

    private KafkaTestClient() {
    }

    /** The test broker's address. */
    public static String bootstrap() {
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        return env == null || env.isBlank() ? DEFAULT_BOOTSTRAP : env;
    }

    /** Sends values with a key and waits until the broker has them. */
    public static void send(String topic, String key, List<String> values) {
        send(topic, key, values, new StringSerializer());
    }

    /** Sends (key, value) records on one producer, in order, and waits until the broker has them all. */
    public static void sendKeyed(String topic, List<Map.Entry<String, String>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Map.Entry<String, String> r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
            }
            for (var f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Sends raw bytes with a key (bad encodings included) and waits until the broker has them. */
    public static void sendBytes(String topic, String key, List<byte[]> values) {
        send(topic, key, values, new ByteArraySerializer());
    }

    /**
     * Sends values with a key and the record timestamp {@code at} (as if written then, e.g. to look like a backlog)
     * and waits until the broker has them.
     */
    public static void sendAt(String topic, String key, List<String> values, Instant at) {
        send(topic, key, values, new StringSerializer(), at.toEpochMilli());
    }

    private static <V> void send(String topic, String key, List<V> values, Serializer<V> serializer) {
        send(topic, key, values, serializer, null);
    }

    private static <V> void send(String topic, String key, List<V> values, Serializer<V> serializer,
                                 Long timestamp) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(p, new StringSerializer(), serializer)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (V v : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, null, timestamp, key, v)));
            }
            for (var f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Every record of the topic (from the beginning) that matches, read until {@code quiet} passes with none. */
    public static List<ConsumerRecord<String, String>> readAll(String topic,
                                                               Predicate<ConsumerRecord<String, String>> match,
                                                               Duration quiet) {
        return readAll(bootstrap(), topic, match, quiet, new StringDeserializer());
    }

    /** {@link #readAll} on the broker at {@code bootstrap} rather than the test broker. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic,
                                                               Predicate<ConsumerRecord<String, String>> match,
                                                               Duration quiet) {
        return readAll(bootstrap, topic, match, quiet, new StringDeserializer());
    }

    /** {@link #readAll} with the values as the raw bytes on the topic. */
    public static List<ConsumerRecord<String, byte[]>> readAllBytes(String topic,
                                                                    Predicate<ConsumerRecord<String, byte[]>> match,
                                                                    Duration quiet) {
        return readAll(bootstrap(), topic, match, quiet, new ByteArrayDeserializer());
    }

    private static <V> List<ConsumerRecord<String, V>> readAll(String bootstrap, String topic,
                                                             Predicate<ConsumerRecord<String, V>> match,
                                                             Duration quiet, Deserializer<V> deserializer) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < quiet.toNanos()) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    idleSince = System.nanoTime();
                    batch.forEach(r -> {
                        if (match.test(r)) {
                            out.add(r);
                        }
                    });
                }
            }
        }
        return out;
    }

    /** The value of a header as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** A valid JSON checkpoint event of 1e8 parameters with tokens growing with the step. */
    public static String checkpoint(String lab, String family, String run, long step, double value) {
        return checkpoint(lab, family, run, 1e8, 1e6 * (step + 1), step, value);
    }

    /** A valid JSON checkpoint event. */
    public static String checkpoint(String lab, String family, String run, double params, double tokens, long step,
                                    double value) {
        return String.format(Locale.ROOT,
                "{\"schemaVersion\":1,\"lab\":\"%s\",\"family\":\"%s\",\"run\":\"%s\",\"params\":%s,"
                        + "\"tokens\":%s,\"step\":%d,\"value\":%s,\"learningRate\":3.0E-4}",
                lab, family, run, Double.toString(params), Double.toString(tokens), step, Double.toString(value));
    }

    /** Unique lab names keep tests apart on the shared test broker and database. */
    public static String uniqueLab() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
