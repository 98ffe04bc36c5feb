package io.scalecast.fit.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The points of each family. */
@ApplicationScoped
public class FitPointRepository implements PanacheRepository<FitPoint> {

    /** Every point of a family's metric, ordered by run and step. */
    public List<PointRow> forFamily(String lab, String family, String metric) {
        return find("lab = ?1 and family = ?2 and metric = ?3 order by run, step", lab, family, metric)
                .project(PointRow.class).list();
    }

    /** Every point of a family's metric with its step and learning rate, ordered by run and step. */
    public List<CurvePointRow> curves(String lab, String family, String metric) {
        return find("lab = ?1 and family = ?2 and metric = ?3 order by run, step", lab, family, metric)
                .project(CurvePointRow.class).list();
    }

    /** A run's last {@code limit} checkpoints of a metric, newest first: when they arrived, for its cadence. */
    public List<FitPoint> latest(String lab, String family, String run, String metric, int limit) {
        return find("lab = ?1 and family = ?2 and run = ?3 and metric = ?4 order by step desc", lab, family, run,
                metric).page(0, limit).list();
    }

    /** Whether any checkpoint of the family's metric logged its learning rate. */
    public boolean anyRate(String lab, String family, String metric) {
        return find("lab = ?1 and family = ?2 and metric = ?3 and learningRate is not null", lab, family, metric)
                .firstResultOptional().isPresent();
    }
}
