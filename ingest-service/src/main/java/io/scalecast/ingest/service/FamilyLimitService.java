package io.scalecast.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.contracts.event.CheckpointEvent;
import io.scalecast.contracts.event.EvalEvent;
import io.scalecast.contracts.event.InvalidEventException;
import io.scalecast.contracts.event.Observation;
import io.scalecast.contracts.event.Violation;
import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.model.CheckpointRepository;
import io.scalecast.ingest.model.EvalRepository;
import io.scalecast.ingest.model.FamilyUsage;
import io.scalecast.ingest.model.FamilyUsageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Admits each new point of a family within the family's limits on runs and points, so one runaway job cannot fill
 * the database or every fit's memory; a point over a limit is refused with the limit's name and value. A REST batch is
 * checked as a whole before it is published, so that its sender hears of the limit rather than the DLQ.
 */
@ApplicationScoped
public class FamilyLimitService {

    private final FamilyUsageRepository usage;
    private final CheckpointRepository checkpoints;
    private final EvalRepository evals;
    private final IngestConfig config;
    private final ObjectMapper json;

    public FamilyLimitService(FamilyUsageRepository usage, CheckpointRepository checkpoints, EvalRepository evals,
                              IngestConfig config, ObjectMapper json) {
        this.usage = usage;
        this.checkpoints = checkpoints;
        this.evals = evals;
        this.config = config;
        this.json = json;
    }

    /**
     * A point a REST batch would add: its family, run and natural key within the family.
     *
     * @param lab the lab
     * @param family the family
     * @param run the run
     * @param key the rest of the natural key, by column name
     */
    public record Point(String lab, String family, String run, Map<String, Object> key) {

        public static Point of(CheckpointEvent e) {
            return new Point(e.lab(), e.family(), e.run(), ordered("run", e.run(), "metric", e.metricOrDefault(),
                    "step", e.step()));
        }

        public static Point of(EvalEvent e) {
            return new Point(e.lab(), e.family(), e.run(), ordered("run", e.run(), "step", e.step(), "benchmark",
                    e.benchmark(), "metric", e.metric()));
        }

        /** The whole natural key, lab and family included. */
        public Map<String, Object> naturalKey() {
            Map<String, Object> m = ordered("lab", lab, "family", family);
            m.putAll(key);
            return m;
        }

        private static Map<String, Object> ordered(Object... pairs) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
            return m;
        }
    }

    /**
     * A batch over a family's limit.
     *
     * @param index the batch's first item of the family
     * @param violation the limit, its value and its setting
     */
    public record Refusal(int index, Violation violation) {
    }

    /**
     * Whether the {@code kind} points of a batch fit within their families' limits, counting only the runs and keys
     * the families do not hold yet; the consumer still counts each point as it stores it, so a batch that races
     * another writer past a limit has its extra points dead-lettered.
     */
    @Transactional
    public Optional<Refusal> checkBatch(String kind, List<Point> points) {
        for (Map.Entry<List<String>, List<Point>> family : byFamily(points).entrySet()) {
            List<Point> ofFamily = family.getValue();
            Optional<Violation> over = checkFamily(family.getKey().get(0), family.getKey().get(1), kind, ofFamily);
            if (over.isPresent()) {
                // The family's first point is the first equal to it: any earlier equal point is of the same family.
                return Optional.of(new Refusal(points.indexOf(ofFamily.get(0)), over.get()));
            }
        }
        return Optional.empty();
    }

    /** The points grouped by (lab, family), families and points in batch order. */
    private static Map<List<String>, List<Point>> byFamily(List<Point> points) {
        Map<List<String>, List<Point>> out = new LinkedHashMap<>();
        points.forEach(p -> out.computeIfAbsent(List.of(p.lab(), p.family()), k -> new ArrayList<>()).add(p));
        return out;
    }

    private Optional<Violation> checkFamily(String lab, String family, String kind, List<Point> points) {
        Set<String> runs = new LinkedHashSet<>();
        Set<Map<String, Object>> keys = new LinkedHashSet<>();
        points.forEach(p -> {
            runs.add(p.run());
            keys.add(p.key());
        });
        FamilyUsage u = usage.forFamily(lab, family, kind).orElseGet(FamilyUsage::new);
        // Most batches are far from the limits: only a batch that could cross one pays for the exact count.
        if (u.runs + runs.size() <= config.maxRunsPerFamily()
                && u.points + keys.size() <= config.maxPointsPerFamily()) {
            return Optional.empty();
        }
        String what = Observation.EVAL.equals(kind) ? "eval results" : "checkpoints";
        long newRuns = usage.countNewRuns(lab, family, kind, write(runs));
        if (u.runs + newRuns > config.maxRunsPerFamily()) {
            return Optional.of(new Violation("run", "family '" + family + "' of lab '" + lab + "' has " + u.runs
                    + " runs with " + what + " and the batch adds " + newRuns + "; the limit is "
                    + config.maxRunsPerFamily() + " runs per family (scalecast.ingest.max-runs-per-family)"));
        }
        String keyJson = write(keys);
        long newPoints = Observation.EVAL.equals(kind) ? evals.countNew(lab, family, keyJson)
                : checkpoints.countNew(lab, family, keyJson);
        if (u.points + newPoints > config.maxPointsPerFamily()) {
            return Optional.of(new Violation("family", "family '" + family + "' of lab '" + lab + "' holds "
                    + u.points + " " + what + " and the batch adds " + newPoints + " new; the limit is "
                    + config.maxPointsPerFamily() + " per family (scalecast.ingest.max-points-per-family)"));
        }
        return Optional.empty();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    /**
     * Counts the new points of a batch of {@code kind} (distinct keys not stored before), two statements per family
     * instead of two per point.
     *
     * @throws InvalidEventException when a family would pass a limit: the batch is then stored event by event
     *     ({@link #admitPoint}), which admits the points up to the limit and names it for the rest
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void admitAll(String kind, List<Point> newPoints) {
        byFamily(newPoints).forEach((family, points) -> {
            Set<String> runs = new LinkedHashSet<>();
            points.forEach(p -> runs.add(p.run()));
            int newRuns = usage.addRuns(family.get(0), family.get(1), kind, write(runs));
            if (!usage.addPoints(family.get(0), family.get(1), kind, newRuns, points.size(),
                    config.maxPointsPerFamily(), config.maxRunsPerFamily())) {
                throw new InvalidEventException(List.of(new Violation("family", "the batch would take family '"
                        + family.get(1) + "' of lab '" + family.get(0) + "' past a limit")));
            }
        });
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
