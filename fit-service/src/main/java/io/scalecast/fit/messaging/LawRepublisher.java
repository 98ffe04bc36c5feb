package io.scalecast.fit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.model.FitResult;
import io.scalecast.fit.model.FitResultRepository;
import io.scalecast.support.recovery.RepublishScope;
import io.scalecast.support.recovery.RepublishSink;
import io.scalecast.support.recovery.Republisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Sends every family's newest law of each kind to {@code scalecast.laws} again, as first published (version, values
 * and observed points), by itself when the topic lost them and on an operator's request.
 */
@ApplicationScoped
public class LawRepublisher implements Republisher {

    private static final int PAGE = 50;

    private final FitResultRepository results;
    private final FitConfig config;
    private final ObjectMapper mapper;

    public LawRepublisher(FitResultRepository results, FitConfig config, ObjectMapper mapper) {
        this.results = results;
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public String what() {
        return "laws";
    }

    @Override
    public String topic() {
        return config.lawsTopic();
    }

    @Override
    public boolean automatic() {
        return true;
    }

    @Override
    public void queue(RepublishScope scope, RepublishSink sink) {
        List<Long> ids = results.latestPublishedIds(scope);
        for (int i = 0; i < ids.size(); i += PAGE) {
            for (FitResult r : results.list("id in ?1", ids.subList(i, Math.min(ids.size(), i + PAGE)))) {
                FittedLaw law = read(r.payload, FittedLaw.class);
                if (r.observed != null) {
                    law = law.withObserved(read(r.observed, FittedLaw.Observed.class));
                }
                sink.send(law.key(), write(law));
            }
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored law does not read as " + type.getSimpleName(), e);
        }
    }

    private String write(FittedLaw law) {
        try {
            return mapper.writeValueAsString(law);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
