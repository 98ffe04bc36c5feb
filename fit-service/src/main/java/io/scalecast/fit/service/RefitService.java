package io.scalecast.fit.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.contracts.rest.FitHistoryEntry;
import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.law.LawKind;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.model.FamilyState;
import io.scalecast.fit.model.FamilyStateRepository;
import io.scalecast.fit.model.FitPointRepository;
import io.scalecast.fit.model.FitResult;
import io.scalecast.fit.model.FitResultRepository;
import io.scalecast.fit.model.PointRow;
import io.scalecast.support.dirty.DebounceLoop;
import io.scalecast.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.jboss.logging.Logger;

/**
 * Refits one family: reads its points in one transaction, fits each law (every {@link LawFitter}: Chinchilla, the
 * power law in compute, the over-training law) outside any transaction, then stores the results and queues the laws
 * on the outbox in a second one, and marks the family clean only if no data arrived meanwhile; then forecasts the
 * family's runs under their learning-rate schedules ({@link ForecastService}).
 */
@ApplicationScoped
public class RefitService {

    private static final Logger LOG = Logger.getLogger(RefitService.class);

    private final FitPointRepository points;
    private final FamilyStateRepository families;
    private final FitResultRepository results;
    /** Every law, in {@link LawKind} order: the Chinchilla law first, as readers of the laws topic expect. */
    private final List<LawFitter> fitters;
    private final Outbox outbox;
    private final StoredJson json;
    private final FitConfig config;
    private final FamilyConfigService configs;
    private final MeterRegistry metrics;
    private final WarmStartRegistry warmStarts;
    private final ForecastService runForecasts;
    private final SearchBudget searches;
    /** The last parsed law of each donor family, by lab/family. */
    private final Map<String, FittedLaw> donors = new ConcurrentHashMap<>();

    public RefitService(FitPointRepository points, FamilyStateRepository families, FitResultRepository results,
                        Instance<LawFitter> fitters, Outbox outbox, StoredJson json, FitConfig config,
                        FamilyConfigService configs, MeterRegistry metrics, WarmStartRegistry warmStarts,
                        ForecastService runForecasts, SearchBudget searches) {
        this.searches = searches;
        this.points = points;
        this.families = families;
        this.results = results;
        this.fitters = fitters.stream().sorted(Comparator.comparing(LawFitter::kind)).toList();
        this.outbox = outbox;
        this.json = json;
        this.config = config;
        this.configs = configs;
        this.metrics = metrics;
        this.warmStarts = warmStarts;
        this.runForecasts = runForecasts;
    }

    /**
     * Refits the family of the given state row: when its data or configuration changed, every law its data supports,
     * recording each outcome (published, skipped with the reason, or failed) and marking the family clean in one
     * transaction; then its runs' forecasts. A changed plan or target alone changes no law, so it only reforecasts.
     */
    public void refit(FamilyState state) {
        Optional<Due> read = QuarkusTransaction.requiringNew().call(() -> read(state));
        if (read.isEmpty()) {
            return;
        }
        Due due = read.get();
        FamilySnapshot snapshot = due.laws();
        List<Outcome> outcomes = snapshot == null ? List.of()
                : fitters.stream().map(f -> outcome(snapshot, f)).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            if (snapshot != null) {
                outcomes.forEach(o -> record(snapshot, o));
                families.lawsFitted(due.stateId(), due.dataVersion(), due.configVersion());
            }
            families.markClean(due.stateId(), due.dataVersion(), due.configVersion(), due.runsVersion());
        });
        runForecasts.refit(due.lab(), due.family(), due.settings());
    }

    /**
     * What a refit found due: the versions it read and the settings in force, with the snapshot the laws are fitted
     * to, or null when only the family's runs (a plan or the target) changed since its laws were fitted.
     */
    private record Due(long stateId, String lab, String family, long dataVersion, long configVersion,
                       long runsVersion, FamilySettings settings, FamilySnapshot laws) {
    }

    private Outcome outcome(FamilySnapshot snapshot, LawFitter fitter) {
        LawFitter.Attempt attempt = fitter.prepare(snapshot);
        if (attempt.skipped() != null) {
            searches.owes(fitter.kind(), snapshot.lab(), snapshot.family(), null);
            return Outcome.skipped(fitter.kind().wireName(), attempt.skipped());
        }
        return attempt(snapshot, fitter.kind(), attempt.fit());
    }

    /**
     * Fits one law as its next version, timed; a failure is an outcome too: the previous law stays in force, and the
     * family's warm state of the law is forgotten so that its next refit runs the full search (none is owed till then).
     */
    private Outcome attempt(FamilySnapshot snapshot, LawKind law, LongFunction<FittedLaw> fit) {
        String kind = law.wireName();
        try {
            long version = QuarkusTransaction.requiringNew()
                    .call(() -> results.nextVersion(snapshot.lab(), snapshot.family(), kind));
            return Outcome.fitted(metrics.timer("scalecast.fit.duration", "law", kind)
                    .record(() -> fit.apply(version)));
        } catch (RuntimeException e) {
            // Its next refit runs the full search anyway, when data or configuration change, not on every idle poll.
            warmStarts.forget(law, snapshot.lab(), snapshot.family());
            searches.owes(law, snapshot.lab(), snapshot.family(), null);
            LOG.warnf(e, "%s fit of %s/%s failed; the previous law stays in force", kind, snapshot.lab(),
                    snapshot.family());
            return Outcome.failed(kind, e);
        }
    }

    /**
     * What one law's refit came to: exactly one of a law to publish, a reason it was not fitted, or a failure.
     *
     * @param kind the law kind
     */
    private record Outcome(String kind, FittedLaw law, String skipped, RuntimeException failure) {

        static Outcome fitted(FittedLaw law) {
            return new Outcome(law.law(), law, null, null);
        }

        static Outcome skipped(String kind, String reason) {
            return new Outcome(kind, null, reason, null);
        }

        static Outcome failed(String kind, RuntimeException e) {
            return new Outcome(kind, null, null, e);
        }
    }

    private void record(FamilySnapshot snapshot, Outcome o) {
        if (o.law() != null) {
            publish(snapshot, o.law());
        } else if (o.skipped() != null) {
            skip(snapshot, o.kind(), o.skipped());
        } else {
            fail(snapshot, o.kind(), o.failure());
        }
    }

    /**
     * What is due in the family, or empty when another refit made it clean since the loop found it due and it owes
     * no full search: a family that owes one refits its laws on the same data.
     */
    private Optional<Due> read(FamilyState state) {
        FamilyState current = families.findById(state.id);
        boolean owes = searches.owes(current.lab, current.family);
        if (!current.dirty && !owes) {
            return Optional.empty();
        }
        FamilySettings settings = configs.settings(current.lab, current.family);
        FamilySnapshot laws = current.lawsDue() || owes ? snapshot(current, settings) : null;
        return Optional.of(new Due(current.id, current.lab, current.family, current.dataVersion,
                current.configVersion, current.runsVersion, settings, laws));
    }

    private FamilySnapshot snapshot(FamilyState current, FamilySettings settings) {
        List<PointRow> rows = points.forFamily(current.lab, current.family, settings.metric()).stream()
                .filter(p -> !settings.excludeRuns().contains(p.run())).toList();
        List<CheckpointPoint> pts = rows.stream().map(p -> new CheckpointPoint(p.run(), p.params(), p.tokens(),
                p.value())).toList();
        Instant newest = rows.stream().map(PointRow::ingestedAt).max(Comparator.naturalOrder()).orElse(null);
        FittedLaw donor = settings.borrowFrom() == null ? null : donor(current.lab, settings.borrowFrom());
        Instant previous = results.latestPublishedSummary(current.lab, current.family, LawKind.CHINCHILLA.wireName())
                .map(FitResultRepository.Published::newestIngestedAt).orElse(Instant.MIN);
        Instant oldestNew = rows.stream().map(PointRow::ingestedAt).filter(t -> t.isAfter(previous))
                .min(Comparator.naturalOrder()).orElse(null);
        return new FamilySnapshot(current.id, current.lab, current.family, current.dataVersion,
                current.configVersion, settings, pts, newest, oldestNew, donor);
    }

    private void publish(FamilySnapshot snapshot, FittedLaw law) {
        FitResult r = result(snapshot, law.law(), FitResult.OK, null);
        r.version = law.version();
        r.objective = law.objective();
        r.payload = json.write(law.withoutObserved());
        r.figures = json.write(FitHistoryEntry.Figures.of(law));
        r.observed = law.observed() == null ? null : json.write(law.observed());
        r.newestIngestedAt = snapshot.newestIngestedAt();
        r.search = law.diagnostics().search();
        r.searchReason = law.diagnostics().searchReason();
        results.persist(r);
        results.dropPayloadsBefore(snapshot.lab(), snapshot.family(), law.law(),
                law.version() - config.payloadsKept() + 1);
        if (law.observed() != null) {
            results.dropObservedBefore(snapshot.lab(), snapshot.family(), law.law(), law.version());
        }
        outbox.publish(config.lawsTopic(), law.key(), law);
    }

    /** Records why a law of the family is not fitted, once per distinct reason, so the history answers "why not?". */
    private void skip(FamilySnapshot snapshot, String kind, String reason) {
        Optional<FitResult> last = results.latest(snapshot.lab(), snapshot.family(), kind);
        if (last.isEmpty() || !FitResult.SKIPPED.equals(last.get().status) || !reason.equals(last.get().reason)) {
            FitResult r = result(snapshot, kind, FitResult.SKIPPED, reason);
            r.version = results.nextVersion(snapshot.lab(), snapshot.family(), kind);
            results.persist(r);
        }
        LOG.debugf("not fitting %s of %s/%s: %s", kind, snapshot.lab(), snapshot.family(), reason);
    }

    private void fail(FamilySnapshot snapshot, String kind, RuntimeException e) {
        FitResult r = result(snapshot, kind, FitResult.FAILED, String.valueOf(e.getMessage()));
        r.version = results.nextVersion(snapshot.lab(), snapshot.family(), kind);
        results.persist(r);
    }

    private static FitResult result(FamilySnapshot snapshot, String kind, String status, String reason) {
        FitResult r = new FitResult();
        r.lab = snapshot.lab();
        r.family = snapshot.family();
        r.law = kind;
        r.dataVersion = snapshot.dataVersion();
        r.status = status;
        r.reason = reason;
        r.fittedAt = Instant.now();
        r.fittedBy = DebounceLoop.INSTANCE;
        return r;
    }

    /**
     * The donor family's latest Chinchilla law, parsed once per version: every refit of a borrowing family reads it,
     * and its stored law carries the bootstrap draws.
     */
    private FittedLaw donor(String lab, String family) {
        Optional<FitResultRepository.Published> latest = results.latestPublishedSummary(lab, family,
                LawKind.CHINCHILLA.wireName());
        if (latest.isEmpty()) {
            return null;
        }
        String key = lab + "/" + family;
        FittedLaw cached = donors.get(key);
        if (cached != null && cached.version() == latest.get().version()) {
            return cached;
        }
        FittedLaw parsed = results.latestPublished(lab, family, LawKind.CHINCHILLA.wireName())
                .map(r -> json.read(r.payload, FittedLaw.class)).orElse(null);
        if (parsed != null) {
            donors.put(key, parsed);
        }
        return parsed;
    }
}
