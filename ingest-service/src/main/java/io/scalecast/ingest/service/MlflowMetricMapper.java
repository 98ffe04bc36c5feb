package io.scalecast.ingest.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalecast.contracts.event.EventValidator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the metrics of one MLflow log call into the run's checkpoint and eval events, given its parameters: a loss
 * metric is a checkpoint (with the learning rate logged beside it), {@code eval/<benchmark>/<metric>} an eval result,
 * both at N from a parameter and D from a tokens metric of the same step or step × tokens per step.
 */
public final class MlflowMetricMapper {

    private static final Pattern QUANTITY = Pattern.compile("([0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\\s*([kKmMbBtT]?)");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MlflowMetricMapper() {
    }

    /**
     * One logged metric value.
     *
     * @param key the metric's name
     * @param value its value
     * @param timestamp milliseconds since the epoch, or null
     * @param step the training step
     */
    public record Metric(String key, Double value, Long timestamp, long step) {
    }

    /** Where the events go: the lab, the family (the experiment's name) and the run (the MLflow run's name). */
    public record Target(String lab, String family, String run) {
    }

    /**
     * The events of one call, each with the metric it came from.
     *
     * @param checkpoints checkpoint events
     * @param checkpointSources the metric each checkpoint came from, as {@code 'key' at step s}
     * @param evals eval events
     * @param evalSources the metric each eval result came from
     * @param ignored metrics ScaleCast has no use for (grad_norm, epoch, ...), accepted and not stored
     */
    public record Mapped(List<ObjectNode> checkpoints, List<String> checkpointSources, List<ObjectNode> evals,
                         List<String> evalSources, int ignored) {
    }

    /**
     * A parameter count or token count as labs write it: {@code 124000000}, {@code 1.24e8}, {@code 124M},
     * {@code 1.3B}, {@code 7k}; null when it is none of these.
     */
    public static Double quantity(String text) {
        Matcher m = QUANTITY.matcher(text.strip().replace("_", "").replace(",", ""));
        if (!m.matches()) {
            return null;
        }
        double scale = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "B" -> 1e9;
            case "T" -> 1e12;
            default -> 1;
        };
        return Double.parseDouble(m.group(1)) * scale;
    }

    /** The events of {@code metrics} for {@code target}, or a refusal naming what the run has not logged. */
    public static Mapped map(Target target, Map<String, String> params, List<Metric> metrics, MlflowNames names) {
        Map<Long, Double> tokensAt = valuesByStep(metrics, names.tokens());
        Map<Long, Double> rateAt = valuesByStep(metrics, names.learningRate());
        Double n = firstQuantity(params, names.params());
        Double tokensPerStep = firstQuantity(params, names.tokensPerStep());
        List<ObjectNode> checkpoints = new ArrayList<>();
        List<String> checkpointSources = new ArrayList<>();
        List<ObjectNode> evals = new ArrayList<>();
        List<String> evalSources = new ArrayList<>();
        int ignored = 0;
        for (Metric m : metrics) {
            boolean loss = names.loss().contains(m.key());
            String eval = m.key().startsWith(names.evalPrefix()) ? m.key().substring(names.evalPrefix().length())
                    : null;
            if (!loss && eval == null) {
                boolean used = names.tokens().contains(m.key()) || names.learningRate().contains(m.key());
                ignored += used ? 0 : 1;
                continue;
            }
            Double tokens = tokensAt.containsKey(m.step()) ? tokensAt.get(m.step())
                    : tokensPerStep == null ? null : m.step() * tokensPerStep;
            if (m.step() == 0 && (tokens == null || tokens == 0)) {
                // Before the first step no token has been seen: not a point of any scaling law.
                ignored++;
                continue;
            }
            String source = "metric '" + m.key() + "' at step " + m.step();
            require(n != null, source + " needs the model's parameter count N: log one of the parameters "
                    + names.params() + " (for example num_params=124000000 or 124M) before it");
            require(tokens != null, source + " needs the tokens seen: log one of the parameters "
                    + names.tokensPerStep() + " or one of the metrics " + names.tokens() + " at the same step");
            ObjectNode event = common(target, n, tokens, m);
            if (loss) {
                event.put("metric", "loss");
                if (rateAt.containsKey(m.step())) {
                    event.put("learningRate", rateAt.get(m.step()));
                }
                checkpoints.add(event);
                checkpointSources.add(source);
            } else {
                evalName(eval, m.key(), names.evalPrefix(), event);
                evals.add(event);
                evalSources.add(source);
            }
        }
        return new Mapped(checkpoints, checkpointSources, evals, evalSources, ignored);
    }

    private static ObjectNode common(Target target, double n, double tokens, Metric m) {
        ObjectNode e = NODES.objectNode();
        e.put("schemaVersion", EventValidator.SCHEMA_VERSION);
        e.put("lab", target.lab());
        e.put("family", target.family());
        e.put("run", target.run());
        e.put("params", n);
        e.put("tokens", tokens);
        e.put("step", m.step());
        if (m.value() == null) {
            e.putNull("value");
        } else {
            e.put("value", m.value());
        }
        if (m.timestamp() != null) {
            e.put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    Instant.ofEpochMilli(m.timestamp()).atOffset(ZoneOffset.UTC)));
        }
        return e;
    }

    /** Splits {@code <benchmark>/<metric>} into the event's fields. */
    private static void evalName(String rest, String key, String prefix, ObjectNode event) {
        int slash = rest.indexOf('/');
        require(slash > 0 && slash < rest.length() - 1, "metric '" + key + "': name an eval metric " + prefix
                + "<benchmark>/<metric>, for example " + prefix + "hellaswag/acc");
        event.put("benchmark", rest.substring(0, slash));
        event.put("metric", rest.substring(slash + 1));
    }

    private static Map<Long, Double> valuesByStep(List<Metric> metrics, List<String> keys) {
        Map<Long, Double> byStep = new HashMap<>();
        metrics.stream().filter(m -> keys.contains(m.key()) && m.value() != null)
                .forEach(m -> byStep.put(m.step(), m.value()));
        return byStep;
    }

    private static Double firstQuantity(Map<String, String> params, List<String> keys) {
        return keys.stream().filter(params::containsKey).findFirst().map(k -> quantity(params.get(k))).orElse(null);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw MlflowException.invalid(message);
        }
    }
}
