package io.scalecast.auth.health;

import io.scalecast.auth.KeyTable;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every API key that existed at start has been read, so no instance refuses a valid key. */
@Readiness
@ApplicationScoped
public class KeyTableReadiness implements HealthCheck {

    private final KeyTable table;

    public KeyTableReadiness(KeyTable table) {
        this.table = table;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("api keys read").status(table.caughtUp())
                .withData("keys", table.size()).build();
    }
}
