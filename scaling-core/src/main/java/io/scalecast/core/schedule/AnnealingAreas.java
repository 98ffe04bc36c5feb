package io.scalecast.core.schedule;

/**
 * Tissue et al.'s forward area S1(s) = Σ_{i≤s} η_i and annealing area S2(s) = Σ_{i≤s} m_i, with the momentum
 * m_i = λ·m_{i−1} + (η_{i−1} − η_i), of every step of a schedule (science.md section 2.3).
 */
public final class AnnealingAreas {

    /** The authors' decay factor of the annealing momentum. */
    public static final double DEFAULT_LAMBDA = 0.999;

    private final double[] s1;
    private final double[] s2;

    private AnnealingAreas(double[] s1, double[] s2) {
        this.s1 = s1;
        this.s2 = s2;
    }

    /**
     * The areas of {@code rates} as given; apply {@link LearningRates#warmupAtPeak()} first for the authors' warm-up
     * convention.
     *
     * @param rates the rate of every step
     * @param lambda the momentum's decay factor, in [0, 1)
     */
    public static AnnealingAreas of(LearningRates rates, double lambda) {
        if (!(lambda >= 0 && lambda < 1)) {
            throw new IllegalArgumentException("lambda must be in [0, 1), was " + lambda);
        }
        int n = rates.lastStep() + 1;
        double[] s1 = new double[n];
        double[] s2 = new double[n];
        double momentum = 0;
        double forward = 0;
        double annealed = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                momentum = lambda * momentum + (rates.at(i - 1) - rates.at(i));
            }
            forward += rates.at(i);
            annealed += momentum;
            s1[i] = forward;
            s2[i] = annealed;
        }
        return new AnnealingAreas(s1, s2);
    }

    /** S1 at step {@code s}. */
    public double forward(int s) {
        return s1[s];
    }

    /** S2 at step {@code s}. */
    public double annealing(int s) {
        return s2[s];
    }

    /** The last step with areas. */
    public int lastStep() {
        return s1.length - 1;
    }
}
