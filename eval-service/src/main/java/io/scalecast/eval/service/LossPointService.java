package io.scalecast.eval.service;

import io.scalecast.core.event.Observation;
import io.scalecast.eval.config.EvalConfig;
import io.scalecast.eval.model.LossPoint;
import io.scalecast.eval.model.LossPointRepository;
import io.scalecast.eval.model.MapStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Keeps the loss of each checkpoint at its newest revision, to pair evaluation results with. */
@ApplicationScoped
public class LossPointService {

    private final LossPointRepository losses;
    private final EvalConfig config;
    private final MapStateRepository states;

    public LossPointService(LossPointRepository losses, EvalConfig config, MapStateRepository states) {
        this.losses = losses;
        this.config = config;
        this.states = states;
    }

    /** Stores a checkpoint observation of the loss metric unless an equal or newer revision is stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean accept(Observation o) {
        if (!config.lossMetric().equals(o.metric())) {
            return false;
        }
        LossPoint p = losses.findByKey(o.lab(), o.family(), o.run(), o.step(), o.metric()).orElse(null);
        if (p != null && p.revision >= o.revision()) {
            return false;
        }
        if (p == null) {
            p = new LossPoint();
            p.lab = o.lab();
            p.family = o.family();
            p.run = o.run();
            p.step = o.step();
            p.metric = o.metric();
        }
        p.value = o.value();
        p.revision = o.revision();
        p.ingestedAt = Instant.parse(o.ingestedAt());
        if (p.id == null) {
            losses.persist(p);
        }
        states.touch(o.lab(), o.family());
        return true;
    }

    /** A family's losses by checkpoint ({@code run/step}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Double> byCheckpoint(String lab, String family) {
        Map<String, Double> out = new HashMap<>();
        losses.forFamily(lab, family, config.lossMetric()).forEach(p -> out.put(checkpoint(p.run, p.step), p.value));
        return out;
    }

    /** The key of a checkpoint in {@link #byCheckpoint}. */
    public static String checkpoint(String run, long step) {
        return run + "/" + step;
    }
}
