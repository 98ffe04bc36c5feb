package io.scalecast.fit.service;

import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.TokenCut;
import io.scalecast.core.event.EventValidator;
import io.scalecast.core.event.FittedLaw;
import io.scalecast.core.fit.ChinchillaFit;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.fit.FitDiagnostics;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.fit.config.FitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Fits the Chinchilla law to a family snapshot with the engine of scaling-core and shapes the published event. */
@ApplicationScoped
public class ChinchillaFitService {

    private final FitConfig config;
    private final ChinchillaFitter fitter = ChinchillaFitter.epoch();

    public ChinchillaFitService(FitConfig config) {
        this.config = config;
    }

    /** The token cut in force. */
    public TokenCut tokenCut() {
        return config.tokenCut() ? TokenCut.HITCHHIKER : TokenCut.NONE;
    }

    /** Why the snapshot cannot be fitted, or empty when it can. */
    public Optional<String> unfittable(FamilyData data) {
        if (data.runs() < config.minRuns()) {
            return Optional.of("needs at least " + config.minRuns() + " runs after the token cut, has " + data.runs());
        }
        if (data.size() < ChinchillaLaw.PARAMETERS) {
            return Optional.of("needs at least " + ChinchillaLaw.PARAMETERS + " points, has " + data.size());
        }
        return Optional.empty();
    }

    /** Fits the data and builds the event to publish as {@code version}. */
    public FittedLaw fit(FamilySnapshot snapshot, FamilyData data, long version) {
        ChinchillaFit fit = fitter.fit(data.params(), data.tokens(), data.loss());
        ChinchillaLaw law = fit.law();
        Map<String, Double> params = new LinkedHashMap<>();
        params.put("E", law.e());
        params.put("A", law.a());
        params.put("B", law.b());
        params.put("alpha", law.alpha());
        params.put("beta", law.beta());
        FitDiagnostics d = fit.diagnostics();
        FittedLaw.Watermark watermark = new FittedLaw.Watermark(snapshot.dataVersion(), snapshot.points().size(),
                data.size(), data.runs(), data.maxParams(), data.maxTokens(),
                snapshot.newestIngestedAt() == null ? null : snapshot.newestIngestedAt().toString());
        FittedLaw.Diagnostics diagnostics = new FittedLaw.Diagnostics(d.starts(), d.convergedStarts(),
                d.bestStartHits(), d.iterations(), d.converged(), d.r2(), d.rmseLog(), d.millis());
        FittedLaw.Config used = new FittedLaw.Config(config.lossMetric(), fit.delta(), tokenCut().describe(),
                "sum of Huber(ln predicted - ln observed), 4500-start grid, L-BFGS");
        return new FittedLaw(EventValidator.SCHEMA_VERSION, snapshot.lab(), snapshot.family(), FittedLaw.CHINCHILLA,
                version, watermark, params, fit.objective(), diagnostics, used, Instant.now().toString());
    }
}
