package io.scalecast.ingest.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One issued API key: its id, lab and role, and the SHA-256 of its secret. */
@Entity
@Table(name = "api_key")
public class ApiKeyRecord {

    @Id
    public String id;

    public String lab;
    public String role;

    @Column(name = "secret_sha256")
    public String secretSha256;

    public String name;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
