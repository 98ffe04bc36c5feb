-- The tables of service-support's machinery, the same in the schema of every service that stores (ingest, fit, eval):
-- defined once here, run by each service's Flyway from the location db/support before its own migrations. Version
-- 0.1 sorts before every service's V1; on a schema made before these tables moved here they exist already (IF NOT
-- EXISTS), and Flyway records this migration out of order (quarkus.flyway.out-of-order).

-- The transactional outbox: an event about a stored row is written in the row's transaction and relayed to Kafka
-- (OutboxRelay). Ids come 50 at a time (pooled-lo, allocationSize 50 in OutboxEvent) so inserts go in JDBC batches.
CREATE TABLE IF NOT EXISTS outbox (
    id          BIGSERIAL PRIMARY KEY,
    topic       VARCHAR(255) NOT NULL,
    record_key  VARCHAR(512) NOT NULL,
    payload     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    sent_at     TIMESTAMPTZ
);
ALTER SEQUENCE outbox_id_seq INCREMENT BY 50;
CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

-- Which log (broker cluster and topic id) this service's rows were last published to, per topic it owns: a topic
-- that is another log now (a lost or replaced broker) is refilled from the database (TopicRecoveryService).
CREATE TABLE IF NOT EXISTS published_topic (
    topic         VARCHAR(255) PRIMARY KEY,
    cluster_id    VARCHAR(64),
    topic_id      VARCHAR(64),
    republished   BIGINT NOT NULL,
    recovered_at  TIMESTAMPTZ
);
