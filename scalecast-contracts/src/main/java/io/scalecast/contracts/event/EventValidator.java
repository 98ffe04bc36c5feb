package io.scalecast.contracts.event;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks v1 events field by field against the contract in docs/architecture.md and names every bad field. */
public final class EventValidator {

    /** The only schema version this build understands. */
    public static final int SCHEMA_VERSION = 1;

    /** Lab and family names. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    /** Metric and benchmark names. */
    public static final Pattern METRIC = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./@:-]{0,127}");
    private static final int MAX_RUN_LENGTH = 200;
    private static final int MAX_SCHEDULE_LENGTH = 16_384;

    private EventValidator() {
    }

    /** All violations of a checkpoint event; empty when it is valid. */
    public static List<Violation> validate(CheckpointEvent e) {
        List<Violation> out = new ArrayList<>();
        common(out, e.schemaVersion(), e.lab(), e.family(), e.run(), e.params(), e.tokens(), e.step(), e.time());
        if (e.metric() != null) {
            pattern(out, "metric", e.metric(), METRIC);
        }
        if (e.value() == null) {
            out.add(new Violation("value", "is required"));
        } else if (!Double.isFinite(e.value())) {
            out.add(new Violation("value", "must be finite, was " + e.value()));
        } else if (isLossLike(e.metricOrDefault()) && e.value() <= 0) {
            out.add(new Violation("value", "a loss must be > 0, was " + e.value()));
        }
        optionalNonNegative(out, "learningRate", e.learningRate());
        if (e.flops() != null && !(Double.isFinite(e.flops()) && e.flops() > 0)) {
            out.add(new Violation("flops", "must be finite and > 0, was " + e.flops()));
        }
        return out;
    }

    /** All violations of an eval event; empty when it is valid. */
    public static List<Violation> validate(EvalEvent e) {
        List<Violation> out = new ArrayList<>();
        common(out, e.schemaVersion(), e.lab(), e.family(), e.run(), e.params(), e.tokens(), e.step(), e.time());
        pattern(out, "benchmark", e.benchmark(), METRIC);
        pattern(out, "metric", e.metric(), METRIC);
        if (e.value() == null) {
            out.add(new Violation("value", "is required"));
        } else if (!Double.isFinite(e.value())) {
            out.add(new Violation("value", "must be finite, was " + e.value()));
        } else if (e.metric() != null && isFraction(e.metric()) && (e.value() < 0 || e.value() > 1)) {
            out.add(new Violation("value", "a " + e.metric() + " must lie in [0, 1], was " + e.value()));
        }
        if (e.chance() != null && !(e.chance() >= 0 && e.chance() < 1)) {
            out.add(new Violation("chance", "must lie in [0, 1), was " + e.chance()));
        }
        if (e.shots() != null && e.shots() < 0) {
            out.add(new Violation("shots", "must be >= 0, was " + e.shots()));
        }
        return out;
    }

    /**
     * All violations of a run plan's fields; empty when they are valid. The schedule descriptor's meaning is checked
     * where schedules are understood (ingest-service, with scaling-core), and named {@code schedule} there too.
     */
    public static List<Violation> validate(RunPlan p) {
        List<Violation> out = new ArrayList<>();
        header(out, p.schemaVersion(), p.lab(), p.family(), p.run(), p.time());
        if (p.schedule() == null || p.schedule().isBlank()) {
            out.add(new Violation("schedule", "is required: a descriptor such as "
                    + "'cosine,peak=3e-4,final=3e-5,steps=24000,warmup=2000'"));
        } else if (p.schedule().length() > MAX_SCHEDULE_LENGTH) {
            out.add(new Violation("schedule", "must be at most " + MAX_SCHEDULE_LENGTH + " characters, was "
                    + p.schedule().length()));
        }
        if (p.params() != null) {
            positive(out, "params", p.params());
        }
        if (p.tokensPerStep() != null) {
            positive(out, "tokensPerStep", p.tokensPerStep());
        }
        return out;
    }

    /** Throws {@link InvalidEventException} when the run plan's fields are invalid. */
    public static RunPlan require(RunPlan p) {
        throwIfAny(validate(p));
        return p;
    }

    /** Throws {@link InvalidEventException} when the checkpoint event is invalid. */
    public static CheckpointEvent require(CheckpointEvent e) {
        throwIfAny(validate(e));
        return e;
    }

    /** Throws {@link InvalidEventException} when the eval event is invalid. */
    public static EvalEvent require(EvalEvent e) {
        throwIfAny(validate(e));
        return e;
    }

    private static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
    }

    private static void common(List<Violation> out, Integer schemaVersion, String lab, String family, String run,
                               Double params, Double tokens, Long step, String time) {
        header(out, schemaVersion, lab, family, run, time);
        positive(out, "params", params);
        positive(out, "tokens", tokens);
        if (step == null) {
            out.add(new Violation("step", "is required"));
        } else if (step < 0) {
            out.add(new Violation("step", "must be >= 0, was " + step));
        }
    }

    private static void header(List<Violation> out, Integer schemaVersion, String lab, String family, String run,
                               String time) {
        if (schemaVersion == null) {
            out.add(new Violation("schemaVersion", "is required"));
        } else if (schemaVersion != SCHEMA_VERSION) {
            out.add(new Violation("schemaVersion", "unsupported version " + schemaVersion + " (supported: 1)"));
        }
        pattern(out, "lab", lab, NAME);
        pattern(out, "family", family, NAME);
        runName(out, run);
        if (time != null) {
            try {
                OffsetDateTime.parse(time);
            } catch (DateTimeParseException ex) {
                out.add(new Violation("time", "must be an ISO-8601 date-time with offset, was '" + time + "'"));
            }
        }
    }

    private static void pattern(List<Violation> out, String field, String value, Pattern pattern) {
        if (value == null) {
            out.add(new Violation(field, "is required"));
        } else if (!pattern.matcher(value).matches()) {
            out.add(new Violation(field, "must match " + pattern.pattern() + ", was '" + printable(value) + "'"));
        }
    }

    private static void runName(List<Violation> out, String run) {
        runProblem(run).ifPresent(why -> out.add(new Violation("run", why)));
    }

    /** Why {@code run} is not a valid run name, or empty when it is. */
    public static Optional<String> runProblem(String run) {
        if (run == null || run.isBlank()) {
            return Optional.of("is required");
        } else if (run.length() > MAX_RUN_LENGTH) {
            return Optional.of("must be at most " + MAX_RUN_LENGTH + " characters, was " + run.length());
        } else if (run.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }

    private static void positive(List<Violation> out, String field, Double value) {
        if (value == null) {
            out.add(new Violation(field, "is required"));
        } else if (!(Double.isFinite(value) && value > 0)) {
            out.add(new Violation(field, "must be finite and > 0, was " + value));
        }
    }

    private static void optionalNonNegative(List<Violation> out, String field, Double value) {
        if (value != null && !(Double.isFinite(value) && value >= 0)) {
            out.add(new Violation(field, "must be finite and >= 0, was " + value));
        }
    }

    private static boolean isLossLike(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        return m.contains("loss") || m.contains("perplexity") || m.endsWith("ppl");
    }

    private static boolean isFraction(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        return m.equals("accuracy") || m.equals("error") || m.equals("pass_rate") || m.startsWith("acc");
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
