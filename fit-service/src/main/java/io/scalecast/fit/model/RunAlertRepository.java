package io.scalecast.fit.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The incidents of runs: open ones have no {@code recoveredAt}. */
@ApplicationScoped
public class RunAlertRepository implements PanacheRepository<RunAlertRow> {

    /** The family's open incidents. */
    public List<RunAlertRow> open(String lab, String family) {
        return list("lab = ?1 and family = ?2 and recoveredAt is null", lab, family);
    }

    /** The run's open incident of this kind, if it has one. */
    public Optional<RunAlertRow> open(String lab, String family, String run, String kind) {
        return find("lab = ?1 and family = ?2 and run = ?3 and kind = ?4 and recoveredAt is null", lab, family, run,
                kind).firstResultOptional();
    }

    /**
     * Whether the run has an incident of this kind raised at or after {@code step}: the checkpoints up to it were
     * judged already (a refit may judge the same checkpoints again).
     */
    public boolean judged(String lab, String family, String run, String kind, long step) {
        return count("lab = ?1 and family = ?2 and run = ?3 and kind = ?4 and step >= ?5", lab, family, run, kind,
                step) > 0;
    }

    /**
     * A lab's alerts (of one family, when {@code family} is not null) raised at or after {@code since}, newest first,
     * at most {@code limit}.
     */
    public List<RunAlertRow> since(String lab, String family, Instant since, int limit) {
        String order = " order by raisedAt desc, id desc";
        return (family == null ? find("lab = ?1 and raisedAt >= ?2" + order, lab, since)
                : find("lab = ?1 and family = ?2 and raisedAt >= ?3" + order, lab, family, since))
                .page(0, limit).list();
    }
}
