package io.scalecast.fit.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The columns of a {@link FitPoint} a whole-curve fit reads: the run's size, the step, its loss and learning rate. */
@RegisterForReflection
public record CurvePointRow(String run, double params, long step, double value, Double learningRate) {
}
