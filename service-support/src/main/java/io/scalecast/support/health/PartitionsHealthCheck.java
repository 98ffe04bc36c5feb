package io.scalecast.support.health;

import io.quarkus.arc.properties.IfBuildProperty;
import io.scalecast.support.dirty.PartitionOwnership;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports which observations partitions, and so which families, this instance refits (fit-service, eval-service).
 * Always up: an instance without a partition (more instances than partitions) is idle, not broken.
 */
@IfBuildProperty(name = PartitionOwnership.ENABLED, stringValue = "true")
@Readiness
@ApplicationScoped
public class PartitionsHealthCheck implements HealthCheck {

    private final PartitionOwnership ownership;

    public PartitionsHealthCheck(PartitionOwnership ownership) {
        this.ownership = ownership;
    }

    @Override
    public HealthCheckResponse call() {
        String owned = ownership.owned().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        return HealthCheckResponse.named("observations partitions").up().withData("owned", owned).build();
    }
}
