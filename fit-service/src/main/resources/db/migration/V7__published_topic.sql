-- Which log (broker cluster and topic id) this service's rows were last published to, per topic it owns: a topic
-- that is another log now (a lost or replaced broker) is refilled from the database (TopicRecoveryService).
CREATE TABLE published_topic (
    topic         VARCHAR(255) PRIMARY KEY,
    cluster_id    VARCHAR(64),
    topic_id      VARCHAR(64),
    republished   BIGINT NOT NULL,
    recovered_at  TIMESTAMPTZ
);

-- The newest published version of each law keeps its observed points, so a republished law is the one first sent.
ALTER TABLE fit_result ADD COLUMN observed TEXT;
