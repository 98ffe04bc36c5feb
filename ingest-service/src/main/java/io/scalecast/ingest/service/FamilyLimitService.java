package io.scalecast.ingest.service;

import io.scalecast.core.event.InvalidEventException;
import io.scalecast.core.event.Observation;
import io.scalecast.core.event.Violation;
import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.model.FamilyUsage;
import io.scalecast.ingest.model.FamilyUsageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Admits each new point of a family within the family's limits on runs and points, so one runaway job cannot fill
 * the database or every fit's memory; a point over a limit is refused with the limit's name and value.
 */
@ApplicationScoped
public class FamilyLimitService {

    private final FamilyUsageRepository usage;
    private final IngestConfig config;

    public FamilyLimitService(FamilyUsageRepository usage, IngestConfig config) {
        this.usage = usage;
        this.config = config;
    }

    /**
     * Counts a new point (a key not stored before) of {@code kind}, {@link Observation#CHECKPOINT} or
     * {@link Observation#EVAL}, of {@code run}; revisions of stored points are not new and are always admitted.
     *
     * @throws InvalidEventException when the family is at its limit of points, or of runs and the run is new
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void admitPoint(String lab, String family, String kind, String run) {
        boolean newRun = usage.addRun(lab, family, kind, run);
        if (!usage.addPoint(lab, family, kind, newRun, config.maxPointsPerFamily(), config.maxRunsPerFamily())) {
            throw new InvalidEventException(List.of(refusal(lab, family, kind, run)));
        }
    }

    private Violation refusal(String lab, String family, String kind, String run) {
        FamilyUsage u = usage.forFamily(lab, family, kind).orElseThrow();
        String points = Observation.EVAL.equals(kind) ? "eval results" : "checkpoints";
        if (u.points >= config.maxPointsPerFamily()) {
            return new Violation("family", "family '" + family + "' of lab '" + lab + "' already holds " + u.points
                    + " " + points + "; the limit is " + config.maxPointsPerFamily() + " per family"
                    + " (scalecast.ingest.max-points-per-family)");
        }
        return new Violation("run", "run '" + run + "' would be run " + (u.runs + 1) + " of family '" + family
                + "' with " + points + "; the limit is " + config.maxRunsPerFamily() + " runs per family"
                + " (scalecast.ingest.max-runs-per-family)");
    }
}
