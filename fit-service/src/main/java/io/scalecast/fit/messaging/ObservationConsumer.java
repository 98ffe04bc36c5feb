package io.scalecast.fit.messaging;

import io.scalecast.contracts.event.Observation;
import io.scalecast.fit.service.ObservationLag;
import io.scalecast.fit.service.PointService;
import io.scalecast.support.events.Arrival;
import io.scalecast.support.events.ObservationReader;
import io.scalecast.support.messaging.RecordHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code scalecast.observations}, keeping the checkpoint ones with the partition they came on; a record
 * that is not an observation goes to the DLQ with the reason.
 */
@ApplicationScoped
public class ObservationConsumer {

    private final ObservationReader reader;
    private final PointService points;
    private final RecordHandler records;
    private final ObservationLag lag;

    public ObservationConsumer(ObservationReader reader, PointService points, RecordHandler records,
                               ObservationLag lag) {
        this.reader = reader;
        this.points = points;
        this.records = records;
        this.lag = lag;
    }

    @Incoming("observations")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        batch.getRecords().stream().map(KafkaRecord::getTimestamp).max(Comparator.naturalOrder())
                .ifPresent(lag::batch);
        return records.handleAll(batch, rs -> points.acceptAll(arrivals(rs)));
    }

    /** The checkpoint observations of the records; throws on the first record that is not an observation. */
    private List<Arrival> arrivals(List<KafkaRecord<String, String>> rs) {
        List<Arrival> out = new ArrayList<>(rs.size());
        for (KafkaRecord<String, String> r : rs) {
            Arrival a = reader.arrival(r);
            if (Observation.CHECKPOINT.equals(a.observation().kind())) {
                out.add(a);
            }
        }
        return out;
    }
}
