package io.scalecast.core.fit;

import io.scalecast.core.law.TissueLaw;
import io.scalecast.core.schedule.AnnealingAreas;
import io.scalecast.core.schedule.LossCurve;
import java.util.Arrays;
import java.util.List;

/**
 * The summed Huber objective on log residuals of Tissue et al.'s law over curves fitted jointly, with its exact
 * gradient, in the search vector [ln L0, ln A, α, ln C] (science.md section 2.3). A prediction ≤ 0 is +∞.
 */
final class TissueObjective implements Objective {

    private final double[] s1;
    private final double[] lnS1;
    private final double[] s2;
    private final double[] lnL;
    private final double delta;

    TissueObjective(List<LossCurve> curves, double lambda, boolean warmupAtPeak, double delta) {
        int n = curves.stream().mapToInt(LossCurve::size).sum();
        s1 = new double[n];
        lnS1 = new double[n];
        s2 = new double[n];
        lnL = new double[n];
        int i = 0;
        TissueLaw convention = new TissueLaw(0, 0, 0, 0, lambda, warmupAtPeak);
        for (LossCurve curve : curves) {
            AnnealingAreas areas = convention.areas(curve.rates());
            for (int p = 0; p < curve.size(); p++, i++) {
                s1[i] = areas.forward(curve.steps()[p]);
                lnS1[i] = Math.log(s1[i]);
                s2[i] = areas.annealing(curve.steps()[p]);
                lnL[i] = Math.log(curve.loss()[p]);
            }
        }
        this.delta = delta;
    }

    @Override
    public double valueAndGradient(double[] v, double[] g) {
        double l0 = Math.exp(v[0]);
        double a = Math.exp(v[1]);
        double c = Math.exp(v[3]);
        Arrays.fill(g, 0);
        double j = 0;
        for (int i = 0; i < lnL.length; i++) {
            double power = a * Math.exp(-v[2] * lnS1[i]);
            double pred = l0 + power - c * s2[i];
            if (!(pred > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double r = Math.log(pred) - lnL[i];
            j += Huber.value(r, delta);
            double psi = Huber.derivative(r, delta) / pred;
            g[0] += psi * l0;
            g[1] += psi * power;
            g[2] -= psi * power * lnS1[i];
            g[3] -= psi * c * s2[i];
        }
        return j;
    }
}
