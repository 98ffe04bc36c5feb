package io.scalecast.auth.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalecast.auth.KeyTable;
import io.scalecast.auth.config.AuthConfig;
import io.scalecast.contracts.event.ApiKeyEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the whole compacted {@code scalecast.api-keys} topic into the {@link KeyTable} on its own thread and then
 * follows it. Every instance reads every partition from the start without a consumer group (a table, not a queue),
 * so it is a plain Kafka consumer rather than a messaging channel; it uses the services' {@code kafka.*} settings,
 * SASL included.
 */
@ApplicationScoped
public class KeyTopicReader {

    private static final Logger LOG = Logger.getLogger(KeyTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long RETRY_MILLIS = 1000;

    private final KeyTable table;
    private final AuthConfig config;
    private final Map<String, Object> kafka;
    private final ObjectMapper mapper;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public KeyTopicReader(KeyTable table, AuthConfig config,
                          @Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper mapper) {
        this.table = table;
        this.config = config;
        this.kafka = kafka;
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            table.markCaughtUp();
            return;
        }
        running = true;
        thread = new Thread(this::run, "api-key-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5000);
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("reading %s failed (%s); retrying", config.topic(), e.toString());
                pause();
            }
        }
    }

    /** Reads every partition from its start, marks the table caught up at the ends seen first, then follows. */
    private void follow(KafkaConsumer<String, String> c) {
        List<TopicPartition> partitions = partitions(c);
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = c.endOffsets(partitions);
        while (running) {
            for (ConsumerRecord<String, String> record : c.poll(POLL)) {
                apply(record);
            }
            if (!table.caughtUp() && ends.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                table.markCaughtUp();
                LOG.infof("read %d live API keys from %s", table.size(), config.topic());
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        List<PartitionInfo> infos = c.partitionsFor(config.topic());
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + config.topic() + " does not exist");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            table.apply(mapper.readValue(record.value(), ApiKeyEvent.class));
        } catch (IOException e) {
            LOG.warnf("skipping an unreadable record at %s-%d@%d", record.topic(), record.partition(),
                    record.offset());
        }
    }

    private Properties properties() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A table is read from its start: a position past the end of a topic made anew (a lost broker refilled by
        // ingest-service) goes back to the start, not to the end past the keys sent again.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Properties out = new Properties();
        out.putAll(props);
        return out;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
