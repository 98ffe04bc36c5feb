package io.scalecast.fit.service;

import io.scalecast.core.event.Observation;
import io.scalecast.fit.model.FamilyStateRepository;
import io.scalecast.fit.model.FitPoint;
import io.scalecast.fit.model.FitPointRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Keeps each observation at its newest revision and marks its family for a refit when something changed. */
@ApplicationScoped
public class PointService {

    private final FitPointRepository points;
    private final FamilyStateRepository families;

    public PointService(FitPointRepository points, FamilyStateRepository families) {
        this.points = points;
        this.families = families;
    }

    /** Stores the observation unless an equal or newer revision is stored; returns whether it changed anything. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean accept(Observation o, int partition) {
        FitPoint p = points.findByKey(o.lab(), o.family(), o.run(), o.metric(), o.step()).orElse(null);
        if (p != null && p.revision >= o.revision()) {
            return false;
        }
        if (p == null) {
            p = new FitPoint();
            p.lab = o.lab();
            p.family = o.family();
            p.run = o.run();
            p.metric = o.metric();
            p.step = o.step();
        }
        p.params = o.params();
        p.tokens = o.tokens();
        p.value = o.value();
        p.revision = o.revision();
        p.ingestedAt = Instant.parse(o.ingestedAt());
        if (p.id == null) {
            points.persist(p);
        }
        families.touchData(o.lab(), o.family(), partition);
        return true;
    }
}
