package io.scalecast.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Counts each family's runs and points as rows are added, within the limits it is given. */
@ApplicationScoped
public class FamilyUsageRepository implements PanacheRepository<FamilyUsage> {

    /** Records the run of a new point of {@code kind}; true when it is the run's first point of that kind. */
    public boolean addRun(String lab, String family, String kind, String run) {
        return getEntityManager().createNativeQuery("INSERT INTO ingest.family_run (lab, family, kind, run)"
                        + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING").setParameter(1, lab)
                .setParameter(2, family).setParameter(3, kind).setParameter(4, run).executeUpdate() == 1;
    }

    /**
     * Counts one more point of {@code kind} (and one more run when {@code newRun}), unless the family already has
     * {@code maxPoints} points or would exceed {@code maxRuns} runs; true when counted. One statement, atomic
     * against other writers of the family.
     */
    public boolean addPoint(String lab, String family, String kind, boolean newRun, long maxPoints, int maxRuns) {
        return getEntityManager().createNativeQuery("INSERT INTO ingest.family_usage (lab, family, kind, runs,"
                        + " points) VALUES (?1, ?2, ?3, ?4, 1) ON CONFLICT (lab, family, kind) DO UPDATE SET points ="
                        + " family_usage.points + 1, runs = family_usage.runs + EXCLUDED.runs"
                        + " WHERE family_usage.points < ?5 AND family_usage.runs + EXCLUDED.runs <= ?6")
                .setParameter(1, lab).setParameter(2, family).setParameter(3, kind).setParameter(4, newRun ? 1 : 0)
                .setParameter(5, maxPoints).setParameter(6, maxRuns).executeUpdate() == 1;
    }

    /** Records the runs of new points of {@code kind} (a JSON array of run names); how many were new to the family. */
    public int addRuns(String lab, String family, String kind, String runs) {
        return getEntityManager().createNativeQuery("INSERT INTO ingest.family_run (lab, family, kind, run)"
                        + " SELECT ?1, ?2, ?3, r FROM jsonb_array_elements_text(CAST(?4 AS jsonb)) AS r"
                        + " ON CONFLICT DO NOTHING").setParameter(1, lab).setParameter(2, family)
                .setParameter(3, kind).setParameter(4, runs).executeUpdate();
    }

    /**
     * Counts {@code points} more points and {@code newRuns} more runs of {@code kind}, unless that would take the
     * family past {@code maxPoints} or {@code maxRuns}; true when counted. One statement, atomic against other
     * writers of the family.
     */
    public boolean addPoints(String lab, String family, String kind, int newRuns, int points, long maxPoints,
                             int maxRuns) {
        return getEntityManager().createNativeQuery("INSERT INTO ingest.family_usage (lab, family, kind, runs,"
                        + " points) SELECT ?1, ?2, ?3, ?4, ?5 WHERE ?5 <= ?6 AND ?4 <= ?7 ON CONFLICT (lab, family,"
                        + " kind) DO UPDATE SET points = family_usage.points + EXCLUDED.points, runs ="
                        + " family_usage.runs + EXCLUDED.runs WHERE family_usage.points + EXCLUDED.points <= ?6"
                        + " AND family_usage.runs + EXCLUDED.runs <= ?7").setParameter(1, lab)
                .setParameter(2, family).setParameter(3, kind).setParameter(4, newRuns).setParameter(5, points)
                .setParameter(6, maxPoints).setParameter(7, maxRuns).executeUpdate() == 1;
    }

    /** How many of {@code runs} (a JSON array of distinct run names) the family has no point of {@code kind} in. */
    public long countNewRuns(String lab, String family, String kind, String runs) {
        Number n = (Number) getEntityManager().createNativeQuery("SELECT count(*) FROM jsonb_array_elements_text("
                        + "CAST(?1 AS jsonb)) AS r(run) WHERE NOT EXISTS (SELECT 1 FROM ingest.family_run f"
                        + " WHERE f.lab = ?2 AND f.family = ?3 AND f.kind = ?4 AND f.run = r.run)")
                .setParameter(1, runs).setParameter(2, lab).setParameter(3, family).setParameter(4, kind)
                .getSingleResult();
        return n.longValue();
    }

    public Optional<FamilyUsage> forFamily(String lab, String family, String kind) {
        return find("lab = ?1 and family = ?2 and kind = ?3", lab, family, kind).firstResultOptional();
    }
}
