-- Which log (broker cluster and topic id) this service's rows were last published to, per topic it owns: a topic
-- that is another log now (a lost or replaced broker) is refilled from the database (TopicRecoveryService).
CREATE TABLE published_topic (
    topic         VARCHAR(255) PRIMARY KEY,
    cluster_id    VARCHAR(64),
    topic_id      VARCHAR(64),
    republished   BIGINT NOT NULL,
    recovered_at  TIMESTAMPTZ
);
