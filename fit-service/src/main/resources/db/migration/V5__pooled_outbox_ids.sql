-- The outbox takes ids 50 at a time (pooled-lo, allocationSize 50 in OutboxEvent) so its inserts go in JDBC batches.
ALTER SEQUENCE fit.outbox_id_seq INCREMENT BY 50;
