package io.scalecast.eval.service;

import io.scalecast.core.event.Observation;
import io.scalecast.eval.model.EvalPoint;
import io.scalecast.eval.model.EvalPointRepository;
import io.scalecast.eval.model.MapStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Keeps each eval observation at its newest revision and summarises a family's benchmarks. */
@ApplicationScoped
public class EvalPointService {

    private final EvalPointRepository points;
    private final LossPointService losses;
    private final MapStateRepository states;

    public EvalPointService(EvalPointRepository points, LossPointService losses, MapStateRepository states) {
        this.points = points;
        this.losses = losses;
        this.states = states;
    }

    /** Stores the observation unless an equal or newer revision is stored; returns whether it changed anything. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean accept(Observation o) {
        EvalPoint p = points.findByKey(o.lab(), o.family(), o.run(), o.step(), o.benchmark(), o.metric())
                .orElse(null);
        if (p != null && p.revision >= o.revision()) {
            return false;
        }
        if (p == null) {
            p = new EvalPoint();
            p.lab = o.lab();
            p.family = o.family();
            p.run = o.run();
            p.step = o.step();
            p.benchmark = o.benchmark();
            p.metric = o.metric();
        }
        p.params = o.params();
        p.tokens = o.tokens();
        p.value = o.value();
        p.chance = o.chance();
        p.shots = o.shots();
        p.revision = o.revision();
        p.ingestedAt = Instant.parse(o.ingestedAt());
        if (p.id == null) {
            points.persist(p);
        }
        states.touch(o.lab(), o.family());
        return true;
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
