package io.scalecast.eval.model;

import io.scalecast.support.dirty.DirtyFamilyRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** The map state of each family. */
@ApplicationScoped
public class MapStateRepository extends DirtyFamilyRepository<MapState> {

    @Override
    protected MapState newRow() {
        return new MapState();
    }
}
