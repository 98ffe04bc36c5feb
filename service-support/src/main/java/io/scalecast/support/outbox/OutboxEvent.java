package io.scalecast.support.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A Kafka record written in the same transaction as the row it is about, sent later by {@link OutboxRelay}. */
@Entity
@Table(name = "outbox")
public class OutboxEvent {

    // A pooled sequence, not IDENTITY: Hibernate can then batch the inserts of a poll's rows (V4/V5 migrations).
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_id")
    @SequenceGenerator(name = "outbox_id", sequenceName = "outbox_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String key;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
