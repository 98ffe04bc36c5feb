package io.scalecast.fit.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * The columns of a {@link FitPoint} a refit reads, as a read-only projection: a refit reads every point of its
 * family on each refit, and managed entities would cost a dirty check of each at commit.
 */
@RegisterForReflection
public record PointRow(String run, double params, double tokens, double value, Instant ingestedAt) {
}
