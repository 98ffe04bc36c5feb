package io.scalecast.predict.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether this instance has read the topics it answers from, the loss laws, the downstream maps and the run forecasts,
 * up to where they ended when it started: readiness waits for all three.
 */
@ApplicationScoped
public class CatchUp {

    private final TopicCatchUp laws;
    private final TopicCatchUp maps;
    private final TopicCatchUp forecasts;

    @Inject
    public CatchUp(@ConfigProperty(name = "mp.messaging.incoming.laws.topic") String lawsTopic,
                   @ConfigProperty(name = "mp.messaging.incoming.downstream-laws.topic") String mapsTopic,
                   @ConfigProperty(name = "mp.messaging.incoming.forecasts.topic") String forecastsTopic,
                   @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.laws = new TopicCatchUp(lawsTopic, kafka);
        this.maps = new TopicCatchUp(mapsTopic, kafka);
        this.forecasts = new TopicCatchUp(forecastsTopic, kafka);
    }

    void onStart(@Observes StartupEvent event) {
        laws.start();
        maps.start();
        forecasts.start();
    }

    /** The laws topic's progress. */
    public TopicCatchUp laws() {
        return laws;
    }

    /** The downstream maps topic's progress. */
    public TopicCatchUp maps() {
        return maps;
    }

    /** The run forecasts topic's progress. */
    public TopicCatchUp forecasts() {
        return forecasts;
    }

    /** Whether every topic was read to their end at start-up; once true it stays true. */
    public boolean caughtUp() {
        // Each is asked every time, so each can latch on its own.
        boolean lawsRead = laws.caughtUp();
        boolean mapsRead = maps.caughtUp();
        return forecasts.caughtUp() && lawsRead && mapsRead;
    }

    /** Per topic and partition, offsets read and the end at start-up, for the health check. */
    public Map<String, String> progress() {
        Map<String, String> out = new LinkedHashMap<>();
        for (TopicCatchUp t : new TopicCatchUp[] {laws, maps, forecasts}) {
            t.progress().forEach((partition, progress) -> out.put(t.topic() + " " + partition, progress));
        }
        return out;
    }
}
