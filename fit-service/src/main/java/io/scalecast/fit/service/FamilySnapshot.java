package io.scalecast.fit.service;

import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.event.FittedLaw;
import java.time.Instant;
import java.util.List;

/**
 * What a refit reads in one transaction: the family's loss points, the data and configuration versions they belong
 * to, the settings in force and, when the family borrows, the donor family's current law.
 *
 * @param stateId the family_state row
 * @param lab the tenant
 * @param family the family
 * @param dataVersion the data version the points belong to
 * @param configVersion the configuration version the settings belong to
 * @param settings the family's settings
 * @param points the loss points of the settings' metric
 * @param newestIngestedAt ingest time of the newest point, or null when there are none
 * @param oldestNewIngestedAt ingest time of the oldest point ingested after the last published law's newest, or
 *     null when there is none
 * @param donor the law of the family it borrows from, or null (no borrowing, or the donor has no law yet)
 */
public record FamilySnapshot(long stateId, String lab, String family, long dataVersion, long configVersion,
                             FamilySettings settings, List<CheckpointPoint> points, Instant newestIngestedAt,
                             Instant oldestNewIngestedAt, FittedLaw donor) {
}
