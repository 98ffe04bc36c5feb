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
 * Whether this instance has read both topics it answers from, the loss laws and the downstream maps, up to where they
 * ended when it started: readiness waits for both.
 */
@ApplicationScoped
public class CatchUp {

    private final TopicCatchUp laws;
    private final TopicCatchUp maps;

    @Inject
    public CatchUp(@ConfigProperty(name = "mp.messaging.incoming.laws.topic") String lawsTopic,
                   @ConfigProperty(name = "mp.messaging.incoming.downstream-laws.topic") String mapsTopic,
                   @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.laws = new TopicCatchUp(lawsTopic, kafka);
        this.maps = new TopicCatchUp(mapsTopic, kafka);
    }

    void onStart(@Observes StartupEvent event) {
        laws.start();
        maps.start();
    }

    /** The laws topic's progress. */
    public TopicCatchUp laws() {
        return laws;
    }

    /** The downstream maps topic's progress. */
    public TopicCatchUp maps() {
        return maps;
    }

    /** Whether both topics were read to their end at start-up; once true it stays true. */
    public boolean caughtUp() {
        // Both are asked every time, so each can latch on its own.
        boolean lawsRead = laws.caughtUp();
        return maps.caughtUp() && lawsRead;
    }

    /** Per topic and partition, offsets read and the end at start-up, for the health check. */
    public Map<String, String> progress() {
        Map<String, String> out = new LinkedHashMap<>();
        for (TopicCatchUp t : new TopicCatchUp[] {laws, maps}) {
            t.progress().forEach((partition, progress) -> out.put(t.topic() + " " + partition, progress));
        }
        return out;
    }
}
