package io.scalecast.fit.model;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.scalecast.support.recovery.LatestPublished;
import io.scalecast.support.recovery.RepublishScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The fit history of each family. */
@ApplicationScoped
public class FitResultRepository implements PanacheRepository<FitResult> {

    /** The next version number for a family's law. */
    public long nextVersion(String lab, String family, String law) {
        Long max = getEntityManager()
                .createQuery("select max(f.version) from FitResult f where f.lab = ?1 and f.family = ?2 and f.law = ?3",
                        Long.class)
                .setParameter(1, lab).setParameter(2, family).setParameter(3, law).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    /** The newest row of a family's law, whatever its status. */
    public Optional<FitResult> latest(String lab, String family, String law) {
        return find("lab = ?1 and family = ?2 and law = ?3 order by version desc", lab, family, law)
                .firstResultOptional();
    }

    /** The newest published fit of a family's law. */
    public Optional<FitResult> latestPublished(String lab, String family, String law) {
        return published(lab, family, law).firstResultOptional();
    }

    /**
     * The version and newest point's arrival of a family's latest published law, without loading its stored law (a
     * refit reads them every time, and the stored law carries its bootstrap draws).
     */
    public Optional<Published> latestPublishedSummary(String lab, String family, String law) {
        return published(lab, family, law).project(Published.class).firstResultOptional();
    }

    /** A family's fit of a law at {@code version}, published or not. */
    public Optional<FitResult> version(String lab, String family, String law, long version) {
        return find("lab = ?1 and family = ?2 and law = ?3 and version = ?4", lab, family, law, version)
                .firstResultOptional();
    }

    /** A family's published fits of a law, newest first. */
    private PanacheQuery<FitResult> published(String lab, String family, String law) {
        return find("lab = ?1 and family = ?2 and law = ?3 and status = ?4 order by version desc", lab, family, law,
                FitResult.OK);
    }

    /**
     * What {@link #latestPublishedSummary} reads.
     *
     * @param version the law's version
     * @param newestIngestedAt when the newest point it was fitted on arrived
     */
    @RegisterForReflection
    public record Published(long version, Instant newestIngestedAt) {
    }

    /**
     * Drops the stored law of a family's versions below {@code version}, keeping their summary rows: a streaming
     * family gets a version about every second, and each stored law carries its bootstrap draws.
     */
    public long dropPayloadsBefore(String lab, String family, String law, long version) {
        return update("payload = null where lab = ?1 and family = ?2 and law = ?3 and version < ?4"
                + " and payload is not null", lab, family, law, version);
    }

    /**
     * Drops the observed points of a family's versions below {@code version}: only the newest law is ever sent
     * again (TopicRecoveryService), and it must go out as it was first published.
     */
    public long dropObservedBefore(String lab, String family, String law, long version) {
        return update("observed = null where lab = ?1 and family = ?2 and law = ?3 and version < ?4"
                + " and observed is not null", lab, family, law, version);
    }

    /** The ids of the newest published version of every law in scope: what a topic that lost them needs again. */
    public List<Long> latestPublishedIds(RepublishScope scope) {
        return LatestPublished.ids(getEntityManager(), "fit.fit_result", "law", scope);
    }

    /** A family's fits, newest first, with their stored laws. */
    public List<FitResult> history(String lab, String family) {
        return list("lab = ?1 and family = ?2 order by version desc", lab, family);
    }

    /**
     * A page of a family's fits, newest first, without their stored laws (a streaming family has thousands of versions, and
     * each stored law carries its bootstrap draws).
     *
     * @param law only this law kind, or null for all
     * @param before only versions below this one, or null: the next page of one law's history
     * @param limit at most this many
     */
    public List<HistoryRow> page(String lab, String family, String law, Long before, int limit) {
        StringBuilder query = new StringBuilder("lab = :lab and family = :family");
        Parameters params = Parameters.with("lab", lab).and("family", family);
        if (law != null) {
            query.append(" and law = :law");
            params.and("law", law);
        }
        if (before != null) {
            query.append(" and version < :before");
            params.and("before", before);
        }
        return find(query.append(" order by version desc, law").toString(), params).project(HistoryRow.class)
                .page(0, limit).list();
    }

    /**
     * What {@link #page} reads of each fit.
     *
     * @param law the law kind
     * @param version its version
     * @param dataVersion the family data version it saw
     * @param status ok, skipped or failed
     * @param reason why not ok, or null
     * @param objective the objective at the optimum, or null
     * @param fittedAt when
     * @param fittedBy the instance that ran it
     * @param search how it searched, or null
     * @param searchReason why the full search ran, or null
     * @param figures the published law's figures as JSON, or null
     */
    @RegisterForReflection
    public record HistoryRow(String law, long version, long dataVersion, String status, String reason,
                             Double objective, Instant fittedAt, String fittedBy, String search, String searchReason,
                             String figures) {
    }
}
