package io.scalecast.eval.service;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.LawKind;
import io.scalecast.eval.config.EvalConfig;
import io.scalecast.eval.model.EvalPointRepository;
import io.scalecast.eval.model.LossLaw;
import io.scalecast.eval.model.LossLawRepository;
import io.scalecast.eval.model.MapStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Keeps each family's newest Chinchilla law, whose loss at a result's (N, D) stands in for a checkpoint without a
 * loss observation, and marks the family's maps due when such a result waits for it.
 */
@ApplicationScoped
public class LossLawService {

    private final LossLawRepository laws;
    private final EvalPointRepository evals;
    private final MapStateRepository states;
    private final EvalConfig config;

    public LossLawService(LossLawRepository laws, EvalPointRepository evals, MapStateRepository states,
                          EvalConfig config) {
        this.laws = laws;
        this.evals = evals;
        this.states = states;
        this.config = config;
    }

    /** Stores the law if it is a newer Chinchilla law of its family; other kinds are not loss laws here. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accept(FittedLaw law) {
        if (!FittedLaw.CHINCHILLA.equals(law.law())) {
            return;
        }
        ChinchillaLaw params = LawKind.chinchilla().fromNamed(law.params());
        LossLaw row = laws.forFamily(law.lab(), law.family()).orElse(null);
        if (row != null && row.version >= law.version()) {
            return;
        }
        if (row == null) {
            row = new LossLaw();
            row.lab = law.lab();
            row.family = law.family();
        }
        row.version = law.version();
        row.set(params);
        row.receivedAt = Instant.now();
        if (row.id == null) {
            laws.persist(row);
        }
        // A family whose results all have their own losses keeps its maps: the law changes none of their points.
        if (evals.countWithoutLoss(law.lab(), law.family(), config.lossMetric()) > 0) {
            states.touchData(law.lab(), law.family(), 1);
        }
    }

    /** How the maps name the law whose losses they used. */
    public static String describe(LossLaw law) {
        return FittedLaw.CHINCHILLA + " v" + law.version;
    }
}
