-- published_topic is service-support's (db/support/V0_1__outbox_and_published_topic.sql).

-- The newest published version of each law keeps its observed points, so a republished law is the one first sent.
ALTER TABLE fit_result ADD COLUMN observed TEXT;
