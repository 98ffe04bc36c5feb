package io.scalecast.core.fit;

/** A smooth function to minimise that returns its value and writes its gradient in one pass. */
@FunctionalInterface
public interface Objective {

    /**
     * Evaluates the function at {@code x}.
     *
     * @param x the point
     * @param gradient receives the gradient at {@code x}; same length as {@code x}
     * @return the function value
     */
    double valueAndGradient(double[] x, double[] gradient);
}
