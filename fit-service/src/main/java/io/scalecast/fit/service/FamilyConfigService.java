package io.scalecast.fit.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.fit.ChinchillaPins;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.model.FamilyConfig;
import io.scalecast.fit.model.FamilyConfigRepository;
import io.scalecast.fit.model.FamilyStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads and changes a family's fit configuration; a change makes the family due for a refit or a reforecast. */
@ApplicationScoped
public class FamilyConfigService {

    /** The most bootstrap resamples a family may ask for. */
    static final int MAX_RESAMPLES = 10_000;

    /** The most runs a family may leave out of its fits. */
    static final int MAX_EXCLUDED_RUNS = 1_000;

    private final FamilyConfigRepository configs;
    private final FamilyStateRepository families;
    private final FitConfig defaults;
    private final StoredJson json;

    public FamilyConfigService(FamilyConfigRepository configs, FamilyStateRepository families, FitConfig defaults,
                               StoredJson json) {
        this.configs = configs;
        this.families = families;
        this.defaults = defaults;
        this.json = json;
    }

    /** The settings a family is fitted with, and whether any were stored for it. */
    @Transactional
    public Stored get(String lab, String family) {
        Optional<FamilyConfig> row = configs.findFamily(lab, family);
        return new Stored(row.map(this::settings).orElseGet(() -> FamilySettings.defaults(defaults)),
                row.isPresent(), row.map(r -> r.updatedAt.toString()).orElse(null));
    }

    /** The settings of a family inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public FamilySettings settings(String lab, String family) {
        return configs.findFamily(lab, family).map(this::settings).orElseGet(() -> FamilySettings.defaults(defaults));
    }

    /**
     * Validates and stores a family's settings (absent fields take the defaults) and marks the family for a refit.
     *
     * @throws RefusedException naming the first bad field
     */
    @Transactional
    public Stored put(String lab, String family, FamilySettings wanted) {
        FamilySettings s = validate(family, wanted);
        FamilySettings before = settings(lab, family);
        FamilyConfig row = configs.findFamily(lab, family).orElseGet(FamilyConfig::new);
        row.lab = lab;
        row.family = family;
        row.metric = s.metric();
        row.tokenCut = s.tokenCut();
        row.pinned = json.write(s.pinned());
        row.borrowFrom = s.borrowFrom();
        row.borrowMode = s.borrowMode();
        row.bootstrapResamples = s.bootstrapResamples();
        row.excludeRuns = json.write(new TreeSet<>(s.excludeRuns()));
        row.targetLoss = s.targetLoss();
        row.updatedAt = Instant.now();
        if (row.id == null) {
            configs.persist(row);
        }
        touch(lab, family, before, s);
        return new Stored(s, true, row.updatedAt.toString());
    }

    /**
     * A configuration change: the family is due again, whatever fit is running now; a change of the target alone
     * concerns its runs' forecasts, not its laws.
     */
    private void touch(String lab, String family, FamilySettings before, FamilySettings after) {
        if (before.withTargetLoss(after.targetLoss()).equals(after)) {
            families.touchRuns(lab, family);
        } else {
            families.touchConfig(lab, family);
        }
    }

    private FamilySettings validate(String family, FamilySettings w) {
        FamilySettings d = FamilySettings.defaults(defaults);
        String metric = w.metric() == null ? d.metric() : w.metric();
        if (!EventValidator.METRIC.matcher(metric).matches()) {
            throw RefusedException.badField("metric", "must match " + EventValidator.METRIC.pattern() + ", was '"
                    + metric + "'");
        }
        String cut = w.tokenCut() == null ? d.tokenCut() : tokenCut(w.tokenCut());
        Map<String, Double> pinned = w.pinned() == null ? Map.of() : w.pinned();
        if (!pinned.isEmpty()) {
            try {
                ChinchillaPins.of(pinned);
            } catch (IllegalArgumentException e) {
                throw RefusedException.badField("pinned", e.getMessage());
            }
        }
        String mode = borrow(family, w.borrowFrom(), w.borrowMode(), pinned);
        int resamples = w.bootstrapResamples() < 0 ? d.bootstrapResamples() : w.bootstrapResamples();
        if (resamples > MAX_RESAMPLES) {
            throw RefusedException.badField("bootstrapResamples", "must lie in [0, " + MAX_RESAMPLES + "], was "
                    + resamples);
        }
        if (w.targetLoss() != null && !(w.targetLoss() > 0 && Double.isFinite(w.targetLoss()))) {
            throw RefusedException.badField("targetLoss", "must be a positive loss, was " + w.targetLoss());
        }
        return new FamilySettings(metric, cut, pinned, w.borrowFrom(), mode, resamples, excluded(w.excludeRuns()),
                w.targetLoss());
    }

    private static Set<String> excluded(Set<String> runs) {
        if (runs.size() > MAX_EXCLUDED_RUNS) {
            throw RefusedException.badField("excludeRuns", "may name at most " + MAX_EXCLUDED_RUNS + " runs, has "
                    + runs.size());
        }
        for (String r : runs) {
            EventValidator.runProblem(r).ifPresent(why -> {
                throw RefusedException.badField("excludeRuns", "run '" + r + "' " + why);
            });
        }
        return runs;
    }

    private static String tokenCut(String cut) {
        try {
            TokenCut.parse(cut);
            return cut;
        } catch (IllegalArgumentException e) {
            throw RefusedException.badField("tokenCut", e.getMessage());
        }
    }

    private static String borrow(String family, String from, String mode, Map<String, Double> pinned) {
        if (from == null) {
            if (mode != null) {
                throw RefusedException.badField("borrow.family", "is required with borrow.mode");
            }
            return null;
        }
        if (!EventValidator.NAME.matcher(from).matches() || from.equals(family)) {
            throw RefusedException.badField("borrow.family", "must name another family of the lab, was '" + from + "'");
        }
        String m = mode == null ? FamilySettings.PIN : mode;
        if (!m.equals(FamilySettings.PIN) && !m.equals(FamilySettings.PRIOR)) {
            throw RefusedException.badField("borrow.mode", "must be pin or prior, was '" + m + "'");
        }
        if (pinned.containsKey("A") || pinned.containsKey("alpha")) {
            throw RefusedException.badField("pinned",
                    "A and alpha come from the borrowed family; pin only B, E or beta");
        }
        return m;
    }

    private FamilySettings settings(FamilyConfig row) {
        return new FamilySettings(row.metric, row.tokenCut, json.read(row.pinned, new TypeReference<>() { }, Map.of()),
                row.borrowFrom, row.borrowMode, row.bootstrapResamples,
                json.read(row.excludeRuns, new TypeReference<Set<String>>() { }, Set.of()), row.targetLoss);
    }

    /**
     * A family's settings as served.
     *
     * @param settings the settings in force
     * @param stored whether the family has its own settings (false: the service defaults)
     * @param updatedAt when they were last changed, or null
     */
    public record Stored(FamilySettings settings, boolean stored, String updatedAt) {
    }
}
