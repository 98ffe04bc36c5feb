package io.scalecast.predict.service;

import io.scalecast.contracts.event.FittedLaw;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The current laws, rebuilt from the compacted laws topic at every start: per key the highest version wins, so
 * a redelivered or reordered older version never replaces a newer one.
 */
@ApplicationScoped
public class LawStore {

    private final PerLab<FittedLaw> laws = new PerLab<>();

    /** Applies a law; returns whether it replaced what was held. */
    public boolean apply(FittedLaw law) {
        return laws.merge(law.key(), law, (old, fresh) -> old.version() >= fresh.version() ? old : fresh) == law;
    }

    /** Forgets a key (a tombstone on the compacted topic). */
    public void remove(String key) {
        laws.remove(key);
    }

    /** Every law of a lab's family, by law kind. */
    public List<FittedLaw> family(String lab, String family) {
        return laws.lab(lab).stream().filter(l -> l.family().equals(family))
                .sorted(Comparator.comparing(FittedLaw::law)).toList();
    }

    /** One law of a family. */
    public Optional<FittedLaw> law(String lab, String family, String kind) {
        return laws.get(lab + "/" + family + "/" + kind);
    }

    /** Every law of a lab. */
    public List<FittedLaw> lab(String lab) {
        return laws.lab(lab).stream()
                .sorted(Comparator.comparing(FittedLaw::family).thenComparing(FittedLaw::law)).toList();
    }

    /** Number of laws held. */
    public int size() {
        return laws.size();
    }
}
