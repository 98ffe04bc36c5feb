package io.scalecast.ingest.service;

import io.scalecast.auth.Role;
import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.contracts.event.ApiKeyEvent;
import io.scalecast.ingest.model.ApiKeyRecord;
import io.scalecast.ingest.model.ApiKeyRepository;
import io.scalecast.support.outbox.Outbox;
import io.scalecast.support.recovery.RepublishScope;
import io.scalecast.support.recovery.RepublishSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Issues and revokes API keys: the row and its event on {@code scalecast.api-keys} go through the outbox in one
 * transaction, so every service learns of exactly the keys stored.
 */
@ApplicationScoped
public class ApiKeyService {

    private final ApiKeyRepository repository;
    private final Outbox outbox;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyService(ApiKeyRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    /** A new key for {@code lab}; the answer is the only place its secret ever appears. */
    @Transactional
    public IssuedKey create(String lab, Role role, String name, String createdBy) {
        ApiKeys.Token token = ApiKeys.generate(random);
        ApiKeyRecord row = new ApiKeyRecord();
        row.id = token.id();
        row.lab = lab;
        row.role = role.wireName();
        row.secretSha256 = token.secretSha256();
        row.name = name;
        row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row.createdBy = createdBy;
        repository.persist(row);
        publish(row);
        return new IssuedKey(token.value(), KeyView.of(row));
    }

    /** Revokes the lab's key {@code id}; empty when the lab has no such key. Revoking twice changes nothing. */
    @Transactional
    public Optional<KeyView> revoke(String lab, String id) {
        Optional<ApiKeyRecord> row = repository.findByIdOptional(id).filter(r -> r.lab.equals(lab));
        row.filter(r -> r.revokedAt == null).ifPresent(r -> {
            r.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            publish(r);
        });
        return row.map(KeyView::of);
    }

    /** The lab's keys, revoked ones included, without secrets. */
    @Transactional
    public List<KeyView> list(String lab) {
        return repository.ofLab(lab).stream().map(KeyView::of).toList();
    }

    /**
     * Queues the current state of every key in {@code scope} again (its family is ignored: keys belong to labs),
     * as it was last published.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void republish(RepublishScope scope, RepublishSink sink) {
        List<ApiKeyRecord> rows = scope.lab() == null ? repository.listAll() : repository.ofLab(scope.lab());
        rows.forEach(row -> sink.sendEvent(row.id, event(row)));
    }

    private void publish(ApiKeyRecord row) {
        outbox.publish(ApiKeyEvent.TOPIC, row.id, event(row));
    }

    private static ApiKeyEvent event(ApiKeyRecord row) {
        Instant time = row.revokedAt == null ? row.createdAt : row.revokedAt;
        return new ApiKeyEvent(ApiKeyEvent.SCHEMA_VERSION, row.id, row.lab, row.role, row.secretSha256,
                row.revokedAt != null, time.toString());
    }

    /**
     * A key as listed: everything but its secret.
     *
     * @param id the public id
     * @param lab the lab
     * @param role read, write or admin
     * @param name what the key is for, or null
     * @param createdAt when it was issued
     * @param createdBy the id of the key that issued it ({@code operator} for the site operator)
     * @param revokedAt when it was revoked, or null while it is live
     */
    public record KeyView(String id, String lab, String role, String name, Instant createdAt, String createdBy,
                          Instant revokedAt) {

        static KeyView of(ApiKeyRecord r) {
            return new KeyView(r.id, r.lab, r.role, r.name, r.createdAt, r.createdBy, r.revokedAt);
        }
    }

    /**
     * A key just issued.
     *
     * @param key the whole key, {@code sc_<id>_<secret>}: shown this once, stored nowhere
     * @param details the key as it will be listed
     */
    public record IssuedKey(String key, KeyView details) {
    }
}
