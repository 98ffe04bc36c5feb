package io.scalecast.eval.model;

import io.scalecast.support.dirty.DirtyFamily;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Whether a family has eval or loss data its maps have not seen, and since when: the map loop's input. */
@Entity
@Table(name = "map_state")
public class MapState extends DirtyFamily {
}
