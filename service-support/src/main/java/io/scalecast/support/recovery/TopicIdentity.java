package io.scalecast.support.recovery;

/**
 * Which log a topic is: the broker cluster's id and the topic's own id. Kafka gives a topic a new id whenever it is
 * created, so a new cluster, a cluster whose data was lost, and a topic deleted and made again all differ here, even
 * when a new cluster was formatted with the old cluster id.
 *
 * @param clusterId the cluster id the broker reports
 * @param topicId the topic's id (a UUID)
 */
public record TopicIdentity(String clusterId, String topicId) {

    @Override
    public String toString() {
        return "cluster " + clusterId + ", topic id " + topicId;
    }
}
