package io.scalecast.ingest.messaging;

import io.scalecast.support.messaging.AckedSend;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes REST batches to the same input topics Kafka producers use, keyed {@code lab/family}, and waits for the
 * broker's acknowledgement so that a 202 means the events are durable.
 */
@ApplicationScoped
public class EventPublisher {

    private final Emitter<String> checkpoints;
    private final Emitter<String> evals;
    private final Emitter<String> runs;

    public EventPublisher(
            @Channel("checkpoints-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20000)
            Emitter<String> checkpoints,
            @Channel("evals-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20000)
            Emitter<String> evals,
            @Channel("runs-out") Emitter<String> runs) {
        this.checkpoints = checkpoints;
        this.evals = evals;
        this.runs = runs;
    }

    /** Sends keyed JSON records to the checkpoints topic and waits for every acknowledgement. */
    public void publishCheckpoints(List<Map.Entry<String, String>> records, int timeoutSeconds) {
        publish(checkpoints, records, timeoutSeconds);
    }

    /** Sends keyed JSON records to the evals topic and waits for every acknowledgement. */
    public void publishEvals(List<Map.Entry<String, String>> records, int timeoutSeconds) {
        publish(evals, records, timeoutSeconds);
    }

    /** Sends one keyed JSON run plan to the runs topic and waits for its acknowledgement. */
    public void publishPlan(String key, String json, int timeoutSeconds) {
        publish(runs, List.of(Map.entry(key, json)), timeoutSeconds);
    }

    private static void publish(Emitter<String> emitter, List<Map.Entry<String, String>> records, int timeout) {
        AckedSend.awaitAll(records.stream().map(r -> AckedSend.send(emitter, null, r.getKey(), r.getValue()))
                .toList(), timeout);
    }
}
