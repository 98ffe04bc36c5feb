package io.scalecast.predict.service;

import io.scalecast.contracts.event.DownstreamLaw;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The current loss-to-error maps, rebuilt from the compacted downstream-laws topic at every start: per key the
 * highest version wins.
 */
@ApplicationScoped
public class DownstreamStore {

    private final PerLab<DownstreamLaw> maps = new PerLab<>();

    /** Applies a map unless a version at least as new is held. */
    public void apply(DownstreamLaw map) {
        maps.merge(map.key(), map, (old, fresh) -> old.version() >= fresh.version() ? old : fresh);
    }

    /** Forgets a key (a tombstone on the compacted topic). */
    public void remove(String key) {
        maps.remove(key);
    }

    /** Every map of a lab, in no order. */
    public List<DownstreamLaw> lab(String lab) {
        return List.copyOf(maps.lab(lab));
    }

    /** Every map of a family, in no order. */
    public List<DownstreamLaw> family(String lab, String family) {
        return lab(lab).stream().filter(m -> m.family().equals(family)).toList();
    }

    /** The map of a family's benchmark. */
    public Optional<DownstreamLaw> map(String lab, String family, String benchmark) {
        return maps.get(lab + "/" + family + "/" + benchmark);
    }
}
