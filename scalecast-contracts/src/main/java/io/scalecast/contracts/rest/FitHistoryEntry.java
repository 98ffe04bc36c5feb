package io.scalecast.contracts.rest;

import io.scalecast.contracts.event.FittedLaw;
import java.util.Map;

/**
 * One fit of a family's history as fit-service answers it and predict-service passes it on to the dashboard: what
 * was fitted when, and for a published law the figures a history plot needs (kept for every version, long after the
 * law's full payload is dropped).
 *
 * @param law the law kind
 * @param version the law version
 * @param dataVersion the family data version it saw
 * @param status ok, skipped or failed
 * @param reason why it was skipped or failed, or null
 * @param objective the objective at the optimum, or null
 * @param fittedAt when, ISO-8601
 * @param fittedBy the fit-service instance that ran it (process@host)
 * @param search full (the multi-start grid) or warm (from the previous version), null when nothing was fitted
 * @param searchReason why the full search ran, or null
 * @param figures the published law's figures; null for a skipped or failed fit, and for versions published before
 *     the figures were kept whose payload was already dropped
 */
public record FitHistoryEntry(String law, long version, long dataVersion, String status, String reason,
                              Double objective, String fittedAt, String fittedBy, String search, String searchReason,
                              Figures figures) {

    /** The most fits one page of a history carries: a streaming family gets a version about every second. */
    public static final int MAX_PAGE = 1000;

    /**
     * What a published version said.
     *
     * @param params the parameters by name
     * @param intervals their 95% intervals by name, empty without a bootstrap
     * @param watermark the data the fit saw
     * @param backtestAre the back-test's mean absolute relative error, or null without a back-test
     */
    public record Figures(Map<String, Double> params, Map<String, FittedLaw.Range> intervals,
                          FittedLaw.Watermark watermark, Double backtestAre) {

        /** The figures of a published law. */
        public static Figures of(FittedLaw law) {
            return new Figures(law.params(), law.intervals(), law.watermark(),
                    law.backtest() == null ? null : law.backtest().are());
        }
    }
}
