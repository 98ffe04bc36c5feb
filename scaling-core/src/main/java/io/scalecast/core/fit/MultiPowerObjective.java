package io.scalecast.core.fit;

import io.scalecast.core.schedule.DropBlocks;
import io.scalecast.core.schedule.LossCurve;
import java.util.Arrays;
import java.util.List;

/**
 * The summed Huber objective on log residuals of the Multi-Power Law over curves fitted jointly, with its exact
 * gradient, in the search vector [ln L0, ln A, α, ln B, ln C', β, γ] where C' = C·η_ref^−γ. The loss-drop sums run
 * over each curve's {@link DropBlocks}, built once here. A prediction ≤ 0 is +∞.
 *
 * <p>Why C' and not C: over the decade of rates a schedule trains at, C and γ enter the law nearly only as C·η^−γ, so
 * in (ln C, γ) the minimum lies in a long diagonal valley that L-BFGS crosses in hundreds of small steps; measured
 * at a reference rate inside that decade the two coordinates are nearly independent.
 */
final class MultiPowerObjective implements Objective {

    private final double[] lnS1;
    private final double[] lnL;
    private final DropBlocks[] blocks;
    private final int[] curveOf;
    private final int[] pointOf;
    private final double delta;
    private final double lnRef;

    /**
     * @param curves the curves fitted jointly
     * @param delta the Huber threshold on log residuals
     * @param lnRef ln η_ref, the rate at which the search vector's C' is measured
     */
    MultiPowerObjective(List<LossCurve> curves, double delta, double lnRef) {
        int n = curves.stream().mapToInt(LossCurve::size).sum();
        lnS1 = new double[n];
        lnL = new double[n];
        curveOf = new int[n];
        pointOf = new int[n];
        blocks = new DropBlocks[curves.size()];
        int i = 0;
        for (int c = 0; c < curves.size(); c++) {
            LossCurve curve = curves.get(c);
            blocks[c] = DropBlocks.of(curve.rates(), curve.steps());
            double s1 = 0;
            int summed = 0;
            for (int p = 0; p < curve.size(); p++, i++) {
                for (; summed <= curve.steps()[p]; summed++) {
                    s1 += curve.rates().at(summed);
                }
                lnS1[i] = Math.log(s1);
                lnL[i] = Math.log(curve.loss()[p]);
                curveOf[i] = c;
                pointOf[i] = p;
            }
        }
        this.delta = delta;
        this.lnRef = lnRef;
    }

    @Override
    public double valueAndGradient(double[] v, double[] g) {
        double l0 = Math.exp(v[0]);
        double a = Math.exp(v[1]);
        double b = Math.exp(v[3]);
        double c = Math.exp(v[4]);
        double beta = v[5];
        double gamma = v[6];
        Arrays.fill(g, 0);
        double j = 0;
        double[] terms = new double[4];
        for (int i = 0; i < lnL.length; i++) {
            double power = a * Math.exp(-v[2] * lnS1[i]);
            dropTerms(blocks[curveOf[i]], pointOf[i], c, beta, gamma, lnRef, terms);
            double pred = l0 + power + b * terms[0];
            if (!(pred > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double r = Math.log(pred) - lnL[i];
            j += Huber.value(r, delta);
            double psi = Huber.derivative(r, delta) / pred;
            g[0] += psi * l0;
            g[1] += psi * power;
            g[2] -= psi * power * lnS1[i];
            g[3] += psi * b * terms[0];
            g[4] += psi * b * terms[1];
            g[5] += psi * b * terms[2];
            g[6] += psi * b * terms[3];
        }
        return j;
    }

    /**
     * LD at one point and its derivatives: out = [LD, ∂LD/∂ln C', ∂LD/∂β, ∂LD/∂γ]. With v = C'·(η/η_ref)^−γ·area
     * and u = 1 + v, a block adds drop·(1 − u^−β); ∂/∂ln C' = drop·β·u^−β−1·v, ∂/∂β = drop·u^−β·ln u and
     * ∂/∂γ = −drop·β·u^−β−1·v·ln(η/η_ref).
     */
    private static void dropTerms(DropBlocks blocks, int point, double c, double beta, double gamma, double lnRef,
                                  double[] out) {
        double ld = 0;
        double dc = 0;
        double dbeta = 0;
        double dgamma = 0;
        for (int k = blocks.first(point); k < blocks.end(point); k++) {
            double drop = blocks.drop(k);
            double lnEta = blocks.lnEta(k) - lnRef;
            if (lnEta == Double.NEGATIVE_INFINITY) {
                ld += drop;
                continue;
            }
            double vk = c * Math.exp(-gamma * lnEta) * blocks.area(k);
            // Math.log is an intrinsic and log1p is not; past 1e-3 the rounding of 1 + v costs under 1e-13.
            double lnU = vk > 1e-3 ? Math.log(1 + vk) : Math.log1p(vk);
            double uBeta = Math.exp(-beta * lnU);
            double w = drop * beta * uBeta / (1 + vk) * vk;
            ld += drop * (1 - uBeta);
            dc += w;
            dbeta += drop * uBeta * lnU;
            dgamma -= w * lnEta;
        }
        out[0] = ld;
        out[1] = dc;
        out[2] = dbeta;
        out[3] = dgamma;
    }
}
