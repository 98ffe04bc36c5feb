package io.scalecast.eval.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Whether a family has eval or loss data its maps have not seen, and since when: the map loop's input. */
@Entity
@Table(name = "map_state")
public class MapState {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;

    @Column(name = "data_version")
    public long dataVersion;

    public boolean dirty;

    @Column(name = "first_dirty_at")
    public Instant firstDirtyAt;

    @Column(name = "last_change_at")
    public Instant lastChangeAt;
}
