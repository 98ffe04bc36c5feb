package io.scalecast.fit.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One fit in a family's history: the published law as JSON, or the reason it could not be fitted. */
@Entity
@Table(name = "fit_result")
public class FitResult {

    /** A law was fitted and published. */
    public static final String OK = "ok";
    /** The data could not support a fit; nothing was published. */
    public static final String SKIPPED = "skipped";
    /** The fit failed; the previous law stays in force. */
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String lab;
    public String family;
    public String law;
    public long version;

    @Column(name = "data_version")
    public long dataVersion;

    public String status;
    public String reason;
    public Double objective;
    public String payload;

    /**
     * The published law's figures as JSON (FitHistoryEntry.Figures), kept for every version for the law's history;
     * null when nothing was published.
     */
    public String figures;

    /** The observed points the law was published with, kept for the newest published version only; or null. */
    public String observed;

    @Column(name = "fitted_at")
    public Instant fittedAt;

    /** The instance (process@host) that ran the fit. */
    @Column(name = "fitted_by")
    public String fittedBy;

    /** Ingest time of the newest point the fit included; null for fits that were not published. */
    @Column(name = "newest_ingested_at")
    public Instant newestIngestedAt;

    /** How the fit searched: full or warm (see FittedLaw.Diagnostics); null when nothing was fitted. */
    public String search;

    /** Why the full search ran, or null. */
    @Column(name = "search_reason")
    public String searchReason;
}
