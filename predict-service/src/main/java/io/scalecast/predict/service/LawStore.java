package io.scalecast.predict.service;

import io.scalecast.contracts.event.FittedLaw;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current laws, rebuilt from the compacted laws topic at every start: per key the highest version wins, so
 * a redelivered or reordered older version never replaces a newer one.
 */
@ApplicationScoped
public class LawStore {

    private final Map<String, FittedLaw> laws = new ConcurrentHashMap<>();

    /** Applies a law; returns whether it replaced what was held. */
    public boolean apply(FittedLaw law) {
        FittedLaw[] replaced = {null};
        laws.compute(law.key(), (k, old) -> {
            if (old != null && old.version() >= law.version()) {
                return old;
            }
            replaced[0] = law;
            return law;
        });
        return replaced[0] != null;
    }

    /** Forgets a key (a tombstone on the compacted topic). */
    public void remove(String key) {
        laws.remove(key);
    }

    /** Every law of a lab's family, by law kind. */
    public List<FittedLaw> family(String lab, String family) {
        return laws.values().stream().filter(l -> l.lab().equals(lab) && l.family().equals(family))
                .sorted(Comparator.comparing(FittedLaw::law)).toList();
    }

    /** One law of a family. */
    public Optional<FittedLaw> law(String lab, String family, String kind) {
        return Optional.ofNullable(laws.get(lab + "/" + family + "/" + kind));
    }

    /** Every law of a lab. */
    public List<FittedLaw> lab(String lab) {
        return laws.values().stream().filter(l -> l.lab().equals(lab))
                .sorted(Comparator.comparing(FittedLaw::family).thenComparing(FittedLaw::law)).toList();
    }

    /** Number of laws held. */
    public int size() {
        return laws.size();
    }
}
