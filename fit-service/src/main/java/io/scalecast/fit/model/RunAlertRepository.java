package io.scalecast.fit.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The alerts raised against runs' forecasts. */
@ApplicationScoped
public class RunAlertRepository implements PanacheRepository<RunAlertRow> {

    /** Whether the run already has an alert of this kind against this forecast version. */
    public boolean raised(String lab, String family, String run, String kind, long forecastVersion) {
        return count("lab = ?1 and family = ?2 and run = ?3 and kind = ?4 and forecastVersion = ?5", lab, family,
                run, kind, forecastVersion) > 0;
    }

    /** A lab's alerts raised at or after {@code since}, newest first, at most {@code limit}. */
    public List<RunAlertRow> since(String lab, Instant since, int limit) {
        return find("lab = ?1 and raisedAt >= ?2 order by raisedAt desc, id desc", lab, since).page(0, limit).list();
    }
}
