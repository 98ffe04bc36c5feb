-- API keys: the SHA-256 of each secret, never the secret; revoked keys stay for the audit trail.
CREATE TABLE ingest.api_key (
    id            text PRIMARY KEY,
    lab           text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('read', 'write', 'admin')),
    secret_sha256 char(64)    NOT NULL,
    name          text,
    created_at    timestamptz NOT NULL,
    created_by    text        NOT NULL,
    revoked_at    timestamptz
);

CREATE INDEX api_key_by_lab ON ingest.api_key (lab, created_at);
