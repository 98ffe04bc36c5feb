package io.scalecast.predict.health;

import io.scalecast.predict.messaging.CatchUp;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the laws and downstream maps topics have been read to where they ended at start-up, so a restarted
 * or added instance takes no traffic while it would still answer 404 for families or maps it has not read yet.
 */
@Readiness
@ApplicationScoped
public class LawsCaughtUpHealthCheck implements HealthCheck {

    private final CatchUp catchUp;

    public LawsCaughtUpHealthCheck(CatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("laws read").status(catchUp.caughtUp());
        catchUp.progress().forEach(b::withData);
        return b.build();
    }
}
