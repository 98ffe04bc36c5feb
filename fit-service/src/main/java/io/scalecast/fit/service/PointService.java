package io.scalecast.fit.service;

import io.scalecast.contracts.event.Observation;
import io.scalecast.fit.model.FamilyStateRepository;
import io.scalecast.fit.model.FitPointRepository;
import io.scalecast.support.events.Arrival;
import io.scalecast.support.persistence.NewestRevisionUpsert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Keeps each observation at its newest revision and marks its family for a refit when something changed. */
@ApplicationScoped
public class PointService {

    private static final NewestRevisionUpsert UPSERT = new NewestRevisionUpsert("fit.fit_point",
            "fit_point_natural_key", List.of("lab", "family", "run", "metric", "step"),
            List.of("params", "tokens", "value", "learning_rate", "revision", "ingested_at"));

    private final FitPointRepository points;
    private final FamilyStateRepository families;

    public PointService(FitPointRepository points, FamilyStateRepository families) {
        this.points = points;
        this.families = families;
    }

    /**
     * Stores each observation unless an equal or newer revision is stored, then counts the changes of each family in
     * one statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acceptAll(List<Arrival> arrivals) {
        boolean[] changed = UPSERT.apply(points.getEntityManager(), arrivals.stream()
                .map(a -> row(a.observation())).toList());
        families.touchChanged(arrivals, changed);
    }

    private static Object[] row(Observation o) {
        return new Object[] {o.lab(), o.family(), o.run(), o.metric(), o.step(), o.params(), o.tokens(), o.value(),
            o.learningRate(), o.revision(), Instant.parse(o.ingestedAt())};
    }
}
