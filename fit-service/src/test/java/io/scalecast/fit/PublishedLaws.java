package io.scalecast.fit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.testing.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

/** Reads the laws a family has on the real laws topic (Chinchilla unless a kind is named), in publication order. */
final class PublishedLaws {

    private final ObjectMapper mapper;

    PublishedLaws(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Waits up to a minute for at least {@code atLeast} laws of the family. */
    List<FittedLaw> await(String lab, String family, int atLeast) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> of(lab, family).size() >= atLeast);
        return of(lab, family);
    }

    /** Waits up to a minute for the family's first law on exactly {@code points} points. */
    FittedLaw awaitPoints(String lab, String family, int points) {
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> of(lab, family).stream().anyMatch(l -> l.watermark().points() == points));
        return of(lab, family).stream().filter(l -> l.watermark().points() == points).findFirst().orElseThrow();
    }

    List<FittedLaw> of(String lab, String family) {
        return of(lab, family, FittedLaw.CHINCHILLA);
    }

    /** The family's laws of one kind on the topic, in publication order. */
    List<FittedLaw> of(String lab, String family, String kind) {
        return KafkaTestClient.readAll("scalecast.laws", r -> (lab + "/" + family + "/" + kind).equals(r.key()),
                Duration.ofSeconds(1)).stream().map(ConsumerRecord::value).map(this::law).toList();
    }

    private FittedLaw law(String json) {
        try {
            return mapper.readValue(json, FittedLaw.class);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
