package io.scalecast.support.events;

import io.scalecast.contracts.event.Observation;

/**
 * An observation with the partition of {@code scalecast.observations} it arrived on, which says which instance of a
 * service that scales out by partition refits its family.
 *
 * @param observation the observation
 * @param partition its partition
 */
public record Arrival(Observation observation, int partition) {
}
