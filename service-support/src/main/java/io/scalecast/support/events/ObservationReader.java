package io.scalecast.support.events;

import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.Observation;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads {@code scalecast.observations} records, refusing what this build cannot trust, with the reason. */
@ApplicationScoped
public class ObservationReader {

    private final RecordReader reader;

    public ObservationReader(RecordReader reader) {
        this.reader = reader;
    }

    /** Parses an observation; an {@link io.scalecast.contracts.event.InvalidEventException} names what is wrong. */
    public Observation read(String payload) {
        return reader.read(payload, Observation.class, ObservationReader::check);
    }

    /** Parses a record's observation with the partition it arrived on. */
    public Arrival arrival(KafkaRecord<String, String> record) {
        return new Arrival(read(record.getPayload()), record.getPartition());
    }

    private static Observation check(Observation o) {
        if (o.schemaVersion() != EventValidator.SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion: unsupported version " + o.schemaVersion());
        }
        if (o.kind() == null || o.lab() == null || o.family() == null || o.run() == null || o.metric() == null) {
            throw new IllegalArgumentException("kind, lab, family, run and metric are required");
        }
        if (o.ingestedAt() == null) {
            throw new IllegalArgumentException("ingestedAt: is required");
        }
        return o;
    }
}
