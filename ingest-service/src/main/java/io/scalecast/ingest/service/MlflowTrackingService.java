package io.scalecast.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scalecast.auth.Caller;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.model.MlflowExperimentRecord;
import io.scalecast.ingest.model.MlflowExperimentRepository;
import io.scalecast.ingest.model.MlflowRunRecord;
import io.scalecast.ingest.model.MlflowRunRepository;
import io.scalecast.ingest.service.MlflowMetricMapper.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Keeps MLflow experiments (a lab's families) and runs with their parameters and tags, and turns logged metrics
 * into checkpoint and eval events published like a REST batch: all of a call's events or none.
 */
@ApplicationScoped
public class MlflowTrackingService {

    /** MLflow's own limits on one log-batch call. */
    public static final int MAX_METRICS = 1000;
    public static final int MAX_PARAMS = 100;
    public static final int MAX_TAGS = 100;
    private static final int MAX_KEY = 250;
    private static final int MAX_PARAM_VALUE = 6000;
    private static final int MAX_TAG_VALUE = 8000;
    private static final Set<String> STATUSES = Set.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");
    private static final String RUN_NAME_TAG = "mlflow.runName";

    private final MlflowExperimentRepository experiments;
    private final MlflowRunRepository runs;
    private final BatchIntake intake;
    private final IngestConfig config;
    private final MeterRegistry metrics;

    public MlflowTrackingService(MlflowExperimentRepository experiments, MlflowRunRepository runs, BatchIntake intake,
                                 IngestConfig config, MeterRegistry metrics) {
        this.experiments = experiments;
        this.runs = runs;
        this.intake = intake;
        this.config = config;
        this.metrics = metrics;
    }

    /** The lab a caller's MLflow calls act in: the key's, or the configured default for a key of every lab. */
    public String lab(Caller caller) {
        return caller.anyLab() ? config.mlflow().defaultLab() : caller.lab();
    }

    /** Creates the experiment of family {@code name}; its name must be a valid family name and new in the lab. */
    @Transactional
    public MlflowExperimentRecord createExperiment(String lab, String name, String artifactLocation,
                                                   Map<String, String> tags) {
        require(name != null && !name.isBlank(), "Missing value for required parameter 'name'.");
        require(EventValidator.NAME.matcher(name).matches(), "Invalid value '" + name + "' for parameter 'name': "
                + "the experiment's name is the ScaleCast family and must match " + EventValidator.NAME.pattern());
        if (experiments.findByName(lab, name).isPresent()) {
            throw MlflowException.exists("Experiment '" + name + "' already exists.");
        }
        checkTags(tags);
        MlflowExperimentRecord e = new MlflowExperimentRecord();
        e.lab = lab;
        e.name = name;
        e.artifactLocation = artifactLocation;
        e.tags.putAll(tags);
        e.createdAt = Instant.now();
        e.updatedAt = e.createdAt;
        experiments.persist(e);
        return e;
    }

    /** The lab's experiment named {@code name}. */
    @Transactional
    public MlflowExperimentRecord experimentByName(String lab, String name) {
        require(name != null, "Missing value for required parameter 'experiment_name'.");
        return experiments.findByName(lab, name).orElseThrow(() -> MlflowException.notFound(
                "Could not find experiment with name '" + name + "'"));
    }

    /** The lab's experiment with id {@code id}. */
    @Transactional
    public MlflowExperimentRecord experiment(String lab, String id) {
        return findExperiment(lab, id);
    }

    /**
     * Creates a run; its name (the {@code run_name} field or the {@code mlflow.runName} tag, else its id) is the
     * ScaleCast run its metrics belong to.
     */
    @Transactional
    public MlflowRunRecord createRun(String lab, String experimentId, String userId, Long startTime, String runName,
                                     Map<String, String> tags) {
        MlflowExperimentRecord experiment = findExperiment(lab, experimentId);
        checkTags(tags);
        MlflowRunRecord r = new MlflowRunRecord();
        r.runId = UUID.randomUUID().toString().replace("-", "");
        r.experimentId = experiment.id;
        r.lab = lab;
        r.family = experiment.name;
        r.runName = runName != null ? runName : tags.getOrDefault(RUN_NAME_TAG, r.runId);
        EventValidator.runProblem(r.runName).ifPresent(why -> {
            throw MlflowException.invalid("Invalid value for parameter 'run_name': the run's name is the ScaleCast "
                    + "run and " + why);
        });
        r.userId = userId;
        r.status = "RUNNING";
        r.startTime = startTime != null ? startTime : System.currentTimeMillis();
        r.tags.putAll(tags);
        r.tags.put(RUN_NAME_TAG, r.runName);
        runs.persist(r);
        return r;
    }

    /** The lab's run {@code runId}. */
    @Transactional
    public MlflowRunRecord run(String lab, String runId) {
        return findRun(lab, runId, false);
    }

    /** Sets the run's status and end time; a run keeps the name it was created with, which names its points. */
    @Transactional
    public MlflowRunRecord updateRun(String lab, String runId, String status, Long endTime, String runName) {
        MlflowRunRecord r = findRun(lab, runId, true);
        require(status == null || STATUSES.contains(status), "Invalid value '" + status + "' for parameter "
                + "'status': one of " + STATUSES);
        requireSameName(r, runName, "run_name");
        if (status != null) {
            r.status = status;
        }
        if (endTime != null) {
            r.endTime = endTime;
        }
        return r;
    }

    /**
     * Logs a call's parameters, tags and metrics: the parameters and tags are stored and the metrics' events
     * published, or nothing is when any of them is refused. Returns the number of events published.
     */
    public int log(Caller caller, String runId, List<Metric> metrics, Map<String, String> params,
                   Map<String, String> tags) {
        require(metrics.size() <= MAX_METRICS, "A batch logging request can contain at most " + MAX_METRICS
                + " metrics. Got " + metrics.size() + " metrics.");
        require(params.size() <= MAX_PARAMS, "A batch logging request can contain at most " + MAX_PARAMS
                + " params. Got " + params.size() + " params.");
        require(tags.size() <= MAX_TAGS, "A batch logging request can contain at most " + MAX_TAGS
                + " tags. Got " + tags.size() + " tags.");
        List<BatchIntake.Prepared> batches = QuarkusTransaction.requiringNew()
                .call(() -> record(caller, runId, metrics, params, tags));
        int published = 0;
        for (BatchIntake.Prepared batch : batches) {
            published += intake.publish(batch);
        }
        return published;
    }

    /** Checks and stores the parameters and tags, and prepares the metrics' events, in one transaction. */
    private List<BatchIntake.Prepared> record(Caller caller, String runId, List<Metric> metrics,
                                              Map<String, String> params, Map<String, String> tags) {
        String lab = lab(caller);
        MlflowRunRecord r = findRun(lab, runId, true);
        MlflowNames names = MlflowNames.of(config.mlflow(), r.family);
        Map<String, String> merged = new LinkedHashMap<>(r.params);
        params.forEach((k, v) -> merged.put(k, checkParam(r, names, k, v)));
        checkTags(tags);
        requireSameName(r, tags.get(RUN_NAME_TAG), "tags." + RUN_NAME_TAG);
        MlflowMetricMapper.Mapped mapped = MlflowMetricMapper.map(
                new MlflowMetricMapper.Target(lab, r.family, r.runName), merged, metrics, names);
        List<BatchIntake.Prepared> batches = new ArrayList<>();
        batches.add(prepare(() -> intake.checkpoints(nodes(mapped.checkpoints()), caller),
                mapped.checkpointSources()));
        batches.add(prepare(() -> intake.evals(nodes(mapped.evals()), caller), mapped.evalSources()));
        r.params.putAll(params);
        r.tags.putAll(tags);
        this.metrics.counter("scalecast.ingest.mlflow.metrics", "outcome", "ignored").increment(mapped.ignored());
        this.metrics.counter("scalecast.ingest.mlflow.metrics", "outcome", "mapped")
                .increment(mapped.checkpoints().size() + mapped.evals().size());
        return batches;
    }

    /** Prepares a batch, turning a refused item into MLflow's error naming the metric it came from. */
    private static BatchIntake.Prepared prepare(Supplier<BatchIntake.Prepared> batch,
                                                List<String> sources) {
        try {
            return batch.get();
        } catch (RefusedException e) {
            String source = e.index() == null ? "" : sources.get(e.index()) + ": ";
            String why = e.violations() == null || e.violations().isEmpty() ? e.getMessage()
                    : e.violations().get(0).toString();
            throw new MlflowException(e.status(), MlflowException.codeFor(e.status()), source + why);
        }
    }

    /** A parameter's value, refused when it changes a logged one or when a number ScaleCast reads is not one. */
    private static String checkParam(MlflowRunRecord r, MlflowNames names, String key, String value) {
        require(key != null && !key.isEmpty() && key.length() <= MAX_KEY, "Invalid value for parameter 'key': a "
                + "param key must be 1 to " + MAX_KEY + " characters");
        require(value != null && value.length() <= MAX_PARAM_VALUE, "Invalid value for parameter '" + key
                + "': a param value must be at most " + MAX_PARAM_VALUE + " characters");
        String logged = r.params.get(key);
        require(logged == null || logged.equals(value), "Changing param values is not allowed. Param with key='"
                + key + "' was already logged with value='" + logged + "' for run ID='" + r.runId
                + "'. Attempted logging new value '" + value + "'.");
        boolean numeric = names.numericParam(key);
        Double number = numeric ? MlflowMetricMapper.quantity(value) : null;
        require(!numeric || (number != null && number > 0), "Invalid value '" + value
                + "' for parameter '" + key + "': ScaleCast reads it as a positive number such as 124000000, "
                + "1.24e8 or 124M");
        return value;
    }

    private static void checkTags(Map<String, String> tags) {
        tags.forEach((k, v) -> {
            require(k != null && !k.isEmpty() && k.length() <= MAX_KEY, "Invalid value for parameter 'key': a tag "
                    + "key must be 1 to " + MAX_KEY + " characters");
            require(v == null || v.length() <= MAX_TAG_VALUE, "Invalid value for tag '" + k + "': a tag value must "
                    + "be at most " + MAX_TAG_VALUE + " characters");
        });
    }

    private static void requireSameName(MlflowRunRecord r, String name, String field) {
        require(name == null || name.equals(r.runName), "Invalid value '" + name + "' for parameter '" + field
                + "': ScaleCast keeps the name a run was created with ('" + r.runName + "'), which names its points");
    }

    private MlflowExperimentRecord findExperiment(String lab, String id) {
        require(id != null, "Missing value for required parameter 'experiment_id'.");
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw MlflowException.notFound("No Experiment with id=" + id + " exists");
        }
        return experiments.findInLab(lab, number).orElseThrow(() -> MlflowException.notFound("No Experiment with id="
                + id + " exists. The experiment is the ScaleCast family: call mlflow.set_experiment(\"<family>\") "
                + "before starting a run"));
    }

    private MlflowRunRecord findRun(String lab, String runId, boolean lock) {
        require(runId != null, "Missing value for required parameter 'run_id'.");
        return (lock ? runs.lockInLab(lab, runId) : runs.findInLab(lab, runId)).orElseThrow(
                () -> MlflowException.notFound("Run with id=" + runId + " not found"));
    }

    private static List<JsonNode> nodes(List<? extends JsonNode> events) {
        return new ArrayList<>(events);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw MlflowException.invalid(message);
        }
    }
}
