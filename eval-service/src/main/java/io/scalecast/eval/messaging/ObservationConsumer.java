package io.scalecast.eval.messaging;

import io.scalecast.contracts.event.Observation;
import io.scalecast.eval.service.EvalPointService;
import io.scalecast.eval.service.LossPointService;
import io.scalecast.support.events.Arrival;
import io.scalecast.support.events.ObservationReader;
import io.scalecast.support.messaging.RecordHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code scalecast.observations}, keeping the eval ones and the checkpoint losses they are paired with; a bad
 * record goes to the DLQ with the reason.
 */
@ApplicationScoped
public class ObservationConsumer {

    private final ObservationReader reader;
    private final EvalPointService evals;
    private final LossPointService losses;
    private final RecordHandler records;

    public ObservationConsumer(ObservationReader reader, EvalPointService evals, LossPointService losses,
                               RecordHandler records) {
        this.reader = reader;
        this.evals = evals;
        this.losses = losses;
        this.records = records;
    }

    @Incoming("observations")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return records.handleAll(batch, rs -> {
            List<Arrival> arrivals = new ArrayList<>(rs.size());
            for (KafkaRecord<String, String> r : rs) {
                arrivals.add(reader.arrival(r));
            }
            Map<Boolean, List<Arrival>> byKind = arrivals.stream()
                    .collect(Collectors.partitioningBy(a -> Observation.EVAL.equals(a.observation().kind())));
            evals.acceptAll(byKind.get(true));
            losses.acceptAll(byKind.get(false));
        });
    }
}
