package io.scalecast.fit.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scalecast.contracts.event.RunForecast;
import io.scalecast.core.fit.ForecastWatch;
import io.scalecast.fit.config.FitConfig;
import io.scalecast.fit.model.FitPoint;
import io.scalecast.fit.model.FitPointRepository;
import io.scalecast.fit.model.RunForecastRepository;
import io.scalecast.fit.model.RunForecastRow;
import io.scalecast.support.dirty.PartitionOwnership;
import io.scalecast.support.worker.WorkerLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Raises a {@code silent} incident for each run of this instance's families that has not reached its planned end and
 * sent no checkpoint for five of its usual gaps ({@link ForecastWatch#silent}), every {@code silence-check}; the
 * incident closes when the run reports again ({@link AlertService#check}).
 */
@ApplicationScoped
public class SilenceWatch {

    private static final Logger LOG = Logger.getLogger(SilenceWatch.class);
    /** Checkpoints whose arrivals give a run's cadence. */
    private static final int ARRIVALS = 21;

    private final RunForecastRepository forecasts;
    private final FitPointRepository points;
    private final FamilyConfigService configs;
    private final AlertService alerts;
    private final PartitionOwnership ownership;
    private final StoredJson json;
    private final FitConfig config;
    private final WorkerLoop loop;

    public SilenceWatch(RunForecastRepository forecasts, FitPointRepository points, FamilyConfigService configs,
                        AlertService alerts, PartitionOwnership ownership, StoredJson json, FitConfig config) {
        this.forecasts = forecasts;
        this.points = points;
        this.configs = configs;
        this.alerts = alerts;
        this.ownership = ownership;
        this.json = json;
        this.config = config;
        this.loop = new WorkerLoop("silence-watch", this::scan, config.silenceCheck().toMillis());
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop(1000);
    }

    /** One pass over the runs that can fall silent; a failure is logged by the loop and the next pass tries again. */
    private void scan() {
        List<RunForecastRow> candidates = QuarkusTransaction.requiringNew()
                .call(() -> forecasts.unfinished(ownership.owned()));
        candidates.forEach(row -> QuarkusTransaction.requiringNew().run(() -> judge(row)));
    }

    private void judge(RunForecastRow row) {
        String metric = configs.settings(row.lab, row.family).metric();
        List<FitPoint> latest = points.latest(row.lab, row.family, row.run, metric, ARRIVALS);
        long[] arrivals = latest.stream().mapToLong(p -> p.ingestedAt.toEpochMilli()).sorted().toArray();
        long now = System.currentTimeMillis();
        if (latest.isEmpty() || !ForecastWatch.silent(arrivals, now, config.silenceFloor().toMillis())) {
            return;
        }
        FitPoint last = latest.get(0);
        RunForecast f = json.read(row.payload, RunForecast.class);
        Duration quiet = Duration.ofMillis(now - arrivals[arrivals.length - 1]);
        String message = String.format(Locale.ROOT, "no checkpoint since step %d, %d s ago, before the planned end"
                + " at step %d", last.step, quiet.toSeconds(), row.endStep);
        if (alerts.raise(alerts.silent(f, last.step, last.value, message))) {
            LOG.infof("%s/%s/%s is silent: %s", row.lab, row.family, row.run, message);
        }
    }
}
