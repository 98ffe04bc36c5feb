package io.scalecast.predict.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.contracts.event.RunForecast;
import io.scalecast.predict.service.ForecastStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code scalecast.forecasts} from the beginning at every start, so that each instance holds every run's
 * newest forecast; a record that is not a forecast this build can answer from goes to the DLQ with the reason.
 */
@ApplicationScoped
public class ForecastConsumer {

    private final ObjectMapper mapper;
    private final ForecastStore store;
    private final CatchUp catchUp;

    public ForecastConsumer(ObjectMapper mapper, ForecastStore store, CatchUp catchUp) {
        this.mapper = mapper;
        this.store = store;
        this.catchUp = catchUp;
    }

    @Incoming("forecasts")
    public void consume(ConsumerRecord<String, String> record) throws JsonProcessingException {
        try {
            apply(record);
        } finally {
            // Counted once handled, bad records included (they go to the DLQ), for the readiness check.
            catchUp.forecasts().passed(record.partition(), record.offset());
        }
    }

    private void apply(ConsumerRecord<String, String> record) throws JsonProcessingException {
        if (record.value() == null) {
            store.remove(record.key());
            return;
        }
        RunForecast forecast = mapper.readValue(record.value(), RunForecast.class);
        if (forecast.schemaVersion() != 1 || !RunForecast.ANNEALING.equals(forecast.law())) {
            throw new IllegalArgumentException("schemaVersion/law: this build reads version 1 of the "
                    + RunForecast.ANNEALING + " law, got version " + forecast.schemaVersion() + " of "
                    + forecast.law());
        }
        store.apply(forecast);
    }
}
