package io.scalecast.support.recovery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Which log (cluster and topic id) the service's rows were last published to for one topic it owns, so that a
 * topic which is not that log any more (a lost or replaced broker) is noticed and refilled from the database.
 */
@Entity
@Table(name = "published_topic")
public class PublishedTopic {

    @Id
    public String topic;

    @Column(name = "cluster_id")
    public String clusterId;

    @Column(name = "topic_id")
    public String topicId;

    /** How many records the last recovery sent again. */
    public long republished;

    @Column(name = "recovered_at")
    public Instant recoveredAt;

    /** The identity recorded, or null before the first check. */
    public TopicIdentity identity() {
        return topicId == null ? null : new TopicIdentity(clusterId, topicId);
    }
}
