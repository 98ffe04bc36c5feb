package io.scalecast.support.recovery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalecast.support.outbox.Outbox;
import io.scalecast.support.worker.WorkerLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the topics this service owns filled from its database: at start and then periodically it compares each
 * automatic {@link Republisher}'s topic with the log its rows were last published to, and when they differ (a lost,
 * new or replaced broker) queues every row's latest event again through the outbox; it also republishes on an
 * operator's request.
 *
 * <p>The comparison and the republish run in one transaction holding the topic's {@code published_topic} row, so
 * of several instances exactly one republishes after a change, and a crash part-way rolls back and is redone.
 */
@ApplicationScoped
public class TopicRecoveryService {

    private static final Logger LOG = Logger.getLogger(TopicRecoveryService.class);

    private final List<Republisher> republishers;
    private final TopicProbe probe;
    private final PublishedTopicRepository topics;
    private final Outbox outbox;
    private final int timeoutSeconds;
    private final WorkerLoop worker;
    private final Map<String, Status> status = new ConcurrentHashMap<>();

    public TopicRecoveryService(Instance<Republisher> republishers, TopicProbe probe,
                                PublishedTopicRepository topics, Outbox outbox,
                                @ConfigProperty(name = "scalecast.recovery.check-every", defaultValue = "30s")
                                Duration checkEvery,
                                @ConfigProperty(name = "scalecast.recovery.transaction-timeout", defaultValue = "30m")
                                Duration timeout) {
        this.republishers = republishers.stream().toList();
        this.probe = probe;
        this.topics = topics;
        this.outbox = outbox;
        this.timeoutSeconds = (int) timeout.toSeconds();
        this.worker = new WorkerLoop("topic-recovery", this::checkAll, checkEvery.toMillis());
    }

    void start(@Observes StartupEvent event) {
        if (republishers.stream().anyMatch(Republisher::automatic)) {
            worker.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.stop(5000);
    }

    /** Checks every automatic topic once; a topic that cannot be checked now is tried again at the next round. */
    public void checkAll() {
        for (Republisher r : republishers) {
            if (r.automatic()) {
                try {
                    status.put(r.topic(), check(r));
                } catch (RuntimeException e) {
                    LOG.warnf("cannot check %s for recovery: %s", r.topic(), e.getMessage());
                    status.merge(r.topic(), Status.failed(e.getMessage()), Status::failedAgain);
                }
            }
        }
    }

    private Status check(Republisher r) {
        TopicIdentity now = probe.identify(r.topic());
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(() -> {
            PublishedTopic row = topics.lock(r.topic());
            TopicIdentity before = row.identity();
            if (now.equals(before)) {
                return Status.checked(row);
            }
            RepublishSink sink = new RepublishSink(outbox, r.topic());
            r.queue(RepublishScope.ALL, sink);
            Instant at = Instant.now();
            topics.record(r.topic(), now, sink.count(), at);
            if (before == null) {
                LOG.infof("%s is %s (first check): queued the %d %s the database holds", r.topic(), now,
                        sink.count(), r.what());
            } else {
                LOG.infof("%s is %s, not %s where this service's rows went: queued %d %s again from the database",
                        r.topic(), now, before, sink.count(), r.what());
            }
            return new Status(now, sink.count(), at, null);
        });
    }

    /** Queues the rows of {@code what} in {@code scope} again now, whatever the topic holds. */
    public Republished republish(String what, RepublishScope scope) {
        Republisher r = find(what).orElseThrow(() -> new IllegalArgumentException("unknown: " + what));
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(() -> {
            RepublishSink sink = new RepublishSink(outbox, r.topic());
            r.queue(scope, sink);
            LOG.infof("queued %d %s of %s again on request", sink.count(), r.what(), scope);
            return new Republished(r.what(), r.topic(), scope.lab(), scope.family(), sink.count(), sink.firstId(),
                    sink.lastId());
        });
    }

    /** The republisher of {@code what}, if this service owns it. */
    public Optional<Republisher> find(String what) {
        return republishers.stream().filter(r -> r.what().equals(what)).findFirst();
    }

    /** What this service can republish. */
    public List<String> whats() {
        // Sorted: the beans' order is not defined, and this list is part of an error message clients read.
        return republishers.stream().map(Republisher::what).sorted().toList();
    }

    /** The automatic topics, each with its last check (absent before the first). */
    public Map<String, Optional<Status>> status() {
        return republishers.stream().filter(Republisher::automatic)
                .collect(Collectors.toMap(Republisher::topic,
                        r -> Optional.ofNullable(status.get(r.topic()))));
    }

    /**
     * One topic's last check.
     *
     * @param identity the log the rows are in, once a check has succeeded (the latest or an earlier one)
     * @param republished how many records the last recovery sent again
     * @param recoveredAt when the identity was last recorded
     * @param error why the latest check failed, or null
     */
    public record Status(TopicIdentity identity, long republished, Instant recoveredAt, String error) {

        static Status checked(PublishedTopic row) {
            return new Status(row.identity(), row.republished, row.recoveredAt, null);
        }

        static Status failed(String error) {
            return new Status(null, 0, null, error);
        }

        /** A failed check after {@code old}: an instance that checked once stays ready, with the error shown. */
        static Status failedAgain(Status old, Status failed) {
            return new Status(old.identity, old.republished, old.recoveredAt, failed.error);
        }

        /** Whether a check has succeeded, the latest or an earlier one. */
        public boolean ok() {
            return identity != null;
        }
    }

    /**
     * A republish done on request.
     *
     * @param what keys, plans, observations, laws or maps
     * @param topic where they go
     * @param lab the lab, or null for every lab
     * @param family the family, or null for every family
     * @param queued how many records were queued
     * @param firstOutboxId the first outbox id queued (-1 when none)
     * @param lastOutboxId the last outbox id queued (-1 when none)
     */
    public record Republished(String what, String topic, String lab, String family, long queued, long firstOutboxId,
                              long lastOutboxId) {
    }
}
