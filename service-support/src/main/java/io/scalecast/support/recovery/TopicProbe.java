package io.scalecast.support.recovery;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the broker which log a topic is now ({@link TopicIdentity}), with the services' own {@code kafka.*} settings
 * (SASL included), through one admin client kept for the service's life.
 */
@ApplicationScoped
public class TopicProbe {

    private static final long TIMEOUT_SECONDS = 10;

    private final Map<String, Object> kafka;
    private Admin admin;

    public TopicProbe(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    /**
     * The topic's identity now.
     *
     * @throws IllegalStateException naming the topic when it does not exist or the broker does not answer
     */
    public TopicIdentity identify(String topic) {
        try {
            String cluster = admin().describeCluster().clusterId().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            TopicDescription description = admin().describeTopics(List.of(topic)).topicNameValues().get(topic)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new TopicIdentity(cluster, description.topicId().toString());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("topic " + topic + " does not exist", e);
            }
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not describe topic " + topic + " within "
                    + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> props = new HashMap<>();
            kafka.forEach((k, v) -> {
                if (AdminClientConfig.configNames().contains(k)) {
                    props.put(k, v);
                }
            });
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "scalecast-topic-probe");
            admin = Admin.create(props);
        }
        return admin;
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close();
        }
    }
}
