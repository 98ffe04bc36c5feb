package io.scalecast.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed settings of ingest-service, under {@code scalecast.ingest}. */
@ConfigMapping(prefix = "scalecast.ingest")
public interface IngestConfig {

    /** Topic that accepted observations are published to. */
    @WithDefault("scalecast.observations")
    String observationsTopic();

    /** Compacted topic that accepted run plans are published to, keyed lab/family/run. */
    @WithDefault("scalecast.run-plans")
    String runPlansTopic();

    /** Largest batch accepted by the REST endpoints. */
    @WithDefault("10000")
    int maxBatchSize();

    /** Most runs one family may hold; a new run beyond them is refused (revisions of stored points are not). */
    @WithDefault("10000")
    int maxRunsPerFamily();

    /** Most points (checkpoints and eval results) one family may hold; a new point beyond them is refused. */
    @WithDefault("10000000")
    long maxPointsPerFamily();

    /** How long a REST batch waits for the broker to acknowledge every event. */
    @WithDefault("30")
    int publishTimeoutSeconds();

    /** How MLflow's tracking calls map onto families, runs, checkpoints and eval results (docs/access.md#mlflow). */
    Mlflow mlflow();

    /** The MLflow mapping: the names read for every family, and any family's own names under {@code family}. */
    interface Mlflow {

        /** The lab of experiments made while authentication is off or with the operator's key, which has none. */
        @WithDefault("local")
        String defaultLab();

        /** Run parameters holding N, the first one logged wins. */
        @WithDefault("num_params,n_params,n_parameters,model_params")
        List<String> paramsNames();

        /** Run parameters holding the tokens of one optimizer step: D = step × tokens per step. */
        @WithDefault("tokens_per_step")
        List<String> tokensPerStepNames();

        /** Metrics holding the tokens seen at their step, which win over tokens per step. */
        @WithDefault("tokens,num_tokens,train/tokens")
        List<String> tokensMetrics();

        /** Metrics that are the training loss: each becomes a checkpoint. */
        @WithDefault("loss,train_loss,train/loss")
        List<String> lossMetrics();

        /** Metrics holding the learning rate, attached to the loss of the same step and call. */
        @WithDefault("lr,learning_rate,train/learning_rate,lr-AdamW,lr-Adam")
        List<String> learningRateMetrics();

        /** The prefix of eval metrics, named {@code <prefix><benchmark>/<metric>}. */
        @WithDefault("eval/")
        String evalPrefix();

        /** A family's own names, where they differ from the names above. */
        Map<String, FamilyNames> family();
    }

    /** One family's own MLflow names; an absent list means the service-wide one. */
    interface FamilyNames {

        Optional<List<String>> paramsNames();

        Optional<List<String>> tokensPerStepNames();

        Optional<List<String>> tokensMetrics();

        Optional<List<String>> lossMetrics();

        Optional<List<String>> learningRateMetrics();
    }
}
