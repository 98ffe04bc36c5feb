package io.scalecast.fit.service;

import io.scalecast.core.data.CheckpointPoint;
import java.time.Instant;
import java.util.List;

/**
 * What a refit reads in one transaction: the family's loss points and the data version they belong to.
 *
 * @param stateId the family_state row
 * @param lab the tenant
 * @param family the family
 * @param dataVersion the data version the points belong to
 * @param points the loss points
 * @param newestIngestedAt ingest time of the newest point, or null when there are none
 */
public record FamilySnapshot(long stateId, String lab, String family, long dataVersion, List<CheckpointPoint> points,
                             Instant newestIngestedAt) {
}
