package io.scalecast.predict.health;

import io.scalecast.predict.messaging.LawsCatchUp;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the laws topic has been read to where it ended at start-up, so a restarted or added instance takes
 * no traffic while it would still answer 404 for families it has not read yet.
 */
@Readiness
@ApplicationScoped
public class LawsCaughtUpHealthCheck implements HealthCheck {

    private final LawsCatchUp catchUp;

    public LawsCaughtUpHealthCheck(LawsCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("laws read").status(catchUp.caughtUp());
        catchUp.progress().forEach(b::withData);
        return b.build();
    }
}
