package io.scalecast.fit.service;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.fit.FitDiagnostics;
import io.scalecast.core.fit.Identifiability;
import java.time.Instant;
import java.util.ArrayList;
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

    /** The watermark of a law fitted to {@code fitted}, a subset of this snapshot's points. */
    public FittedLaw.Watermark watermark(FamilyData fitted) {
        return new FittedLaw.Watermark(dataVersion, points.size(), fitted.size(), fitted.runs(), fitted.sizes(),
                fitted.maxParams(),
                fitted.maxTokens(), text(newestIngestedAt), text(oldestNewIngestedAt));
    }

    /**
     * The seed of the family's bootstrap for a law: fixed per family, so that a refit on the same data draws the same
     * runs, and salted per law so that two laws' bootstraps draw independently.
     */
    public long seed(long salt) {
        return (lab + "/" + family).hashCode() * salt;
    }

    /**
     * A fit's diagnostics as published, with how it searched and the warnings of its fit ({@code Identifiability})
     * and, when it loses to its baseline, of its back-test.
     */
    public static FittedLaw.Diagnostics diagnostics(FitDiagnostics d, String search, String searchReason,
                                                    List<String> warnings, FittedLaw.Backtest backtest) {
        List<String> all = new ArrayList<>(warnings);
        if (backtest != null) {
            Identifiability.backtest(backtest.are(), backtest.bestLossBaseline()).ifPresent(all::add);
        }
        return new FittedLaw.Diagnostics(d.starts(), d.convergedStarts(), d.bestStartHits(), d.iterations(),
                d.converged(), d.r2(), d.rmseLog(), d.millis(), d.unusableStarts(), d.atBound(), search, searchReason,
                all);
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
