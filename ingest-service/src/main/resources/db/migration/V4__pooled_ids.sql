-- Hibernate takes ids 50 at a time (pooled-lo, allocationSize 50) so that a poll's rows are inserted in JDBC batches;
-- the sequences count in the same steps. Ids already used stay below the next block. (The outbox's is
-- service-support's, db/support.)
ALTER SEQUENCE ingest.checkpoint_id_seq INCREMENT BY 50;
ALTER SEQUENCE ingest.eval_result_id_seq INCREMENT BY 50;
