package io.scalecast.support.health;

import io.scalecast.support.recovery.TopicRecoveryService;
import io.scalecast.support.recovery.TopicRecoveryService.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every topic this service owns has been compared with the database at least once (and refilled if it
 * had lost the rows), so a service starting on a new broker takes traffic only after its state is queued again.
 */
@Readiness
@ApplicationScoped
public class TopicRecoveryHealthCheck implements HealthCheck {

    private final TopicRecoveryService recovery;

    public TopicRecoveryHealthCheck(TopicRecoveryService recovery) {
        this.recovery = recovery;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("topics recovered").up();
        for (Map.Entry<String, Optional<Status>> e : recovery.status().entrySet()) {
            Status s = e.getValue().orElse(null);
            if (s == null || !s.ok()) {
                response.down();
            }
            response.withData(e.getKey(), describe(s));
        }
        return response.build();
    }

    private static String describe(Status s) {
        if (s == null) {
            return "not checked yet";
        }
        String state = !s.ok() ? "not checked yet"
                : s.identity() + "; " + s.republished() + " records sent again " + s.recoveredAt();
        return s.error() == null ? state : state + "; latest check failed: " + s.error();
    }
}
