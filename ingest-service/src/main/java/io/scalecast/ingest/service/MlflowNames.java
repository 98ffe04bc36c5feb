package io.scalecast.ingest.service;

import io.scalecast.ingest.config.IngestConfig;
import java.util.List;
import java.util.Optional;

/**
 * The parameter and metric names the MLflow mapping reads for one family: the family's own where configured,
 * the service-wide ones otherwise.
 *
 * @param params run parameters holding N
 * @param tokensPerStep run parameters holding the tokens of one step
 * @param tokens metrics holding the tokens seen at their step
 * @param loss metrics that are the training loss
 * @param learningRate metrics holding the learning rate
 * @param evalPrefix the prefix of {@code <prefix><benchmark>/<metric>} eval metrics
 */
public record MlflowNames(List<String> params, List<String> tokensPerStep, List<String> tokens, List<String> loss,
                          List<String> learningRate, String evalPrefix) {

    /** The names for {@code family} under {@code config}. */
    public static MlflowNames of(IngestConfig.Mlflow config, String family) {
        Optional<IngestConfig.FamilyNames> own = Optional.ofNullable(config.family().get(family));
        return new MlflowNames(
                own.flatMap(IngestConfig.FamilyNames::paramsNames).orElse(config.paramsNames()),
                own.flatMap(IngestConfig.FamilyNames::tokensPerStepNames).orElse(config.tokensPerStepNames()),
                own.flatMap(IngestConfig.FamilyNames::tokensMetrics).orElse(config.tokensMetrics()),
                own.flatMap(IngestConfig.FamilyNames::lossMetrics).orElse(config.lossMetrics()),
                own.flatMap(IngestConfig.FamilyNames::learningRateMetrics).orElse(config.learningRateMetrics()),
                config.evalPrefix());
    }

    /** Whether {@code key} is one of the parameters this mapping reads as numbers. */
    public boolean numericParam(String key) {
        return params.contains(key) || tokensPerStep.contains(key);
    }
}
