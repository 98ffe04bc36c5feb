package io.scalecast.fit.service;

import io.scalecast.core.data.TokenCut;
import io.scalecast.fit.config.FitConfig;
import java.util.Map;
import java.util.Set;

/**
 * The configuration a family is fitted with: its stored settings over the service defaults.
 *
 * @param metric the checkpoint metric fitted as the loss
 * @param tokenCut {@code hitchhiker}, {@code none}, or a token count below which checkpoints are dropped
 * @param pinned parameters held fixed, by name (A, B, E, alpha, beta)
 * @param borrowFrom the family of the same lab whose law lends A and α, or null
 * @param borrowMode {@code pin} (hold the donor's A and α) or {@code prior} (Gaussian priors from its draws)
 * @param bootstrapResamples run-bootstrap resamples, 0 for none
 * @param excludeRuns runs left out of every fit of the family (diverged runs, or models kept for the downstream map
 *     only, as Gadre et al.'s recipe keeps its 1.4B model out of the loss fit)
 * @param targetLoss the loss its runs' forecast ends are held to (a {@code target} alert when worse), or null
 */
public record FamilySettings(String metric, String tokenCut, Map<String, Double> pinned, String borrowFrom,
                             String borrowMode, int bootstrapResamples, Set<String> excludeRuns, Double targetLoss) {

    public static final String PIN = "pin";
    public static final String PRIOR = "prior";

    public FamilySettings {
        pinned = Map.copyOf(pinned);
        excludeRuns = Set.copyOf(excludeRuns);
    }

    /** The service defaults. */
    public static FamilySettings defaults(FitConfig config) {
        return new FamilySettings(config.lossMetric(), config.tokenCut() ? "hitchhiker" : "none", Map.of(), null,
                null, config.bootstrapResamples(), Set.of(), null);
    }

    /** These settings with another target loss. */
    public FamilySettings withTargetLoss(Double target) {
        return new FamilySettings(metric, tokenCut, pinned, borrowFrom, borrowMode, bootstrapResamples, excludeRuns,
                target);
    }

    /** The early-checkpoint rule. */
    public TokenCut tokenCutRule() {
        return TokenCut.parse(tokenCut);
    }

    /** Whether the parameter term (A and α) comes from outside the data, so one model size can be fitted. */
    public boolean paramsTermGiven() {
        return borrowFrom != null || (pinned.containsKey("A") && pinned.containsKey("alpha"));
    }
}
