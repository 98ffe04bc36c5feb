package io.scalecast.support.recovery;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code published_topic} rows of the service's own schema. */
@ApplicationScoped
public class PublishedTopicRepository implements PanacheRepositoryBase<PublishedTopic, String> {

    private final String table;

    public PublishedTopicRepository(
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") Optional<String> schema) {
        this.table = schema.map(s -> s + ".").orElse("") + "published_topic";
    }

    /**
     * The topic's row, created empty when missing and locked for the caller's transaction: a second instance that
     * checks the same topic waits here, then finds the identity the first one recorded.
     */
    public PublishedTopic lock(String topic) {
        getEntityManager().createNativeQuery("INSERT INTO " + table + " (topic, republished) VALUES (?1, 0)"
                + " ON CONFLICT (topic) DO NOTHING").setParameter(1, topic).executeUpdate();
        return findById(topic, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Records that the topic's rows now live in {@code identity}, after sending {@code republished} again. */
    public void record(String topic, TopicIdentity identity, long republished, Instant at) {
        update("clusterId = ?1, topicId = ?2, republished = ?3, recoveredAt = ?4 where topic = ?5",
                identity.clusterId(), identity.topicId(), republished, at, topic);
    }
}
