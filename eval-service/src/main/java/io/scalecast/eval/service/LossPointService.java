package io.scalecast.eval.service;

import io.scalecast.eval.config.EvalConfig;
import io.scalecast.eval.model.LossPointRepository;
import io.scalecast.eval.model.MapStateRepository;
import io.scalecast.support.events.Arrival;
import io.scalecast.support.persistence.NewestRevisionUpsert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps the loss of each checkpoint at its newest revision, to pair evaluation results with. */
@ApplicationScoped
public class LossPointService {

    private static final NewestRevisionUpsert UPSERT = new NewestRevisionUpsert("eval.loss_point",
            "loss_point_natural_key", List.of("lab", "family", "run", "step", "metric"),
            List.of("value", "revision", "ingested_at"));

    private final LossPointRepository losses;
    private final EvalConfig config;
    private final MapStateRepository states;

    public LossPointService(LossPointRepository losses, EvalConfig config, MapStateRepository states) {
        this.losses = losses;
        this.config = config;
        this.states = states;
    }

    /**
     * Stores each checkpoint observation of the loss metric unless an equal or newer revision is stored, and counts
     * each family's changes in one statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acceptAll(List<Arrival> arrivals) {
        List<Arrival> used = arrivals.stream().filter(a -> config.lossMetric().equals(a.observation().metric()))
                .toList();
        boolean[] changed = UPSERT.apply(losses.getEntityManager(), used.stream().map(Arrival::observation)
                .map(o -> new Object[] {o.lab(), o.family(), o.run(), o.step(), o.metric(), o.value(), o.revision(),
                    Instant.parse(o.ingestedAt())}).toList());
        states.touchChanged(used, changed);
    }

    /** A family's losses by checkpoint ({@code run/step}), at the checkpoints that have an evaluation result. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Double> byCheckpoint(String lab, String family) {
        Map<String, Double> out = new HashMap<>();
        losses.forEvaluatedCheckpoints(lab, family, config.lossMetric())
                .forEach(p -> out.put(checkpoint(p.run, p.step), p.value));
        return out;
    }

    /** The key of a checkpoint in {@link #byCheckpoint}. */
    public static String checkpoint(String run, long step) {
        return run + "/" + step;
    }
}
