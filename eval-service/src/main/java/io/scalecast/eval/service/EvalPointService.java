package io.scalecast.eval.service;

import io.scalecast.eval.model.EvalPoint;
import io.scalecast.eval.model.EvalPointRepository;
import io.scalecast.eval.model.MapStateRepository;
import io.scalecast.support.events.Arrival;
import io.scalecast.support.persistence.NewestRevisionUpsert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Keeps each eval observation at its newest revision and summarises a family's benchmarks. */
@ApplicationScoped
public class EvalPointService {

    private static final NewestRevisionUpsert UPSERT = new NewestRevisionUpsert("eval.eval_point",
            "eval_point_natural_key", List.of("lab", "family", "run", "step", "benchmark", "metric"),
            List.of("params", "tokens", "value", "chance", "shots", "revision", "ingested_at"));

    private final EvalPointRepository points;
    private final LossPointService losses;
    private final MapStateRepository states;

    public EvalPointService(EvalPointRepository points, LossPointService losses, MapStateRepository states) {
        this.points = points;
        this.losses = losses;
        this.states = states;
    }

    /**
     * Stores each eval observation unless an equal or newer revision is stored, and counts each family's changes
     * in one statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acceptAll(List<Arrival> arrivals) {
        boolean[] changed = UPSERT.apply(points.getEntityManager(), arrivals.stream().map(Arrival::observation)
                .map(o -> new Object[] {o.lab(), o.family(), o.run(), o.step(), o.benchmark(), o.metric(), o.params(),
                    o.tokens(), o.value(), o.chance(), o.shots(), o.revision(), Instant.parse(o.ingestedAt())})
                .toList());
        states.touchChanged(arrivals, changed);
    }

    /** What is held per benchmark and metric of a family. */
    @Transactional
    public List<BenchmarkSummary> benchmarks(String lab, String family) {
        Map<List<String>, List<EvalPoint>> groups = points.forFamily(lab, family).stream()
                .collect(Collectors.groupingBy(p -> List.of(p.benchmark, p.metric)));
        return groups.entrySet().stream()
                .map(e -> BenchmarkSummary.of(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .sorted((a, b) -> (a.benchmark() + a.metric()).compareTo(b.benchmark() + b.metric()))
                .toList();
    }

    /** The results of one benchmark of a family, each with the loss of its checkpoint when known, ready to plot. */
    @Transactional
    public List<EvalPointView> points(String lab, String family, String benchmark) {
        Map<String, Double> loss = losses.byCheckpoint(lab, family);
        return points.forFamily(lab, family).stream().filter(p -> p.benchmark.equals(benchmark))
                .map(p -> new EvalPointView(p.run, p.params, p.tokens, p.step, p.metric, p.value, p.revision,
                        loss.get(LossPointService.checkpoint(p.run, p.step))))
                .toList();
    }
}
