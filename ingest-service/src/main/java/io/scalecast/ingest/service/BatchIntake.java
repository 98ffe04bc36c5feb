package io.scalecast.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalecast.auth.Caller;
import io.scalecast.contracts.event.InvalidEventException;
import io.scalecast.contracts.event.Observation;
import io.scalecast.ingest.config.IngestConfig;
import io.scalecast.ingest.messaging.EventPublisher;
import io.scalecast.ingest.service.FamilyLimitService.Point;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Admits a batch of events sent over HTTP (a REST batch or an MLflow log call) all or nothing: every item valid, of
 * a lab the key may write into and within its family's limits, before any is published to the input topic Kafka
 * producers use, keyed {@code lab/family}.
 */
@ApplicationScoped
public class BatchIntake {

    private final EventParser parser;
    private final EventPublisher publisher;
    private final FamilyLimitService limits;
    private final IngestConfig config;

    public BatchIntake(EventParser parser, EventPublisher publisher, FamilyLimitService limits, IngestConfig config) {
        this.parser = parser;
        this.publisher = publisher;
        this.limits = limits;
        this.config = config;
    }

    /** Checkpoint events, validated and ready to publish. */
    public Prepared checkpoints(List<JsonNode> items, Caller caller) {
        return prepare(Observation.CHECKPOINT, items, caller, node -> Point.of(parser.checkpoint(node)));
    }

    /** Eval events, validated and ready to publish. */
    public Prepared evals(List<JsonNode> items, Caller caller) {
        return prepare(Observation.EVAL, items, caller, node -> Point.of(parser.eval(node)));
    }

    /** Publishes a prepared batch and waits until the broker has acknowledged every event. */
    public int publish(Prepared batch) {
        if (batch.records().isEmpty()) {
            return 0;
        }
        if (Observation.CHECKPOINT.equals(batch.kind())) {
            publisher.publishCheckpoints(batch.records(), config.publishTimeoutSeconds());
        } else {
            publisher.publishEvals(batch.records(), config.publishTimeoutSeconds());
        }
        return batch.records().size();
    }

    /**
     * Validates every item, its lab and its family's limits first, so that one bad item publishes nothing; an item
     * that names no lab is the key's lab's, as for queries.
     */
    private Prepared prepare(String kind, List<JsonNode> items, Caller caller, Function<JsonNode, Point> validItem) {
        List<Map.Entry<String, String>> records = new ArrayList<>(items.size());
        List<Point> points = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode node = items.get(i);
            if (!caller.anyLab() && node.isObject() && !node.hasNonNull("lab")) {
                ((ObjectNode) node).put("lab", caller.lab());
            }
            Point item;
            try {
                item = validItem.apply(node);
            } catch (InvalidEventException e) {
                throw BatchRefusals.invalid(i, e);
            }
            if (!caller.actsFor(item.lab())) {
                throw BatchRefusals.wrongLab(i, item.lab(), caller.lab());
            }
            records.add(Map.entry(item.lab() + "/" + item.family(), parser.write(node)));
            points.add(item);
        }
        limits.checkBatch(kind, points).ifPresent(r -> {
            throw BatchRefusals.overLimit(r.index(), r.violation());
        });
        return new Prepared(kind, records);
    }

    /**
     * A validated batch.
     *
     * @param kind {@link Observation#CHECKPOINT} or {@link Observation#EVAL}
     * @param records (key, JSON) pairs in the order given
     */
    public record Prepared(String kind, List<Map.Entry<String, String>> records) {
    }
}
