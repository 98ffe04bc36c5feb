package io.scalecast.core.fit;

import io.scalecast.core.law.ChinchillaLaw;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fits the Chinchilla law as Epoch's reanalysis does: summed Huber on log residuals, many starts, lowest objective
 * among the converged starts with usable parameters wins (science.md section 2). Any parameter can be pinned.
 */
public final class ChinchillaFitter {

    private static final double SAME_OPTIMUM = 1e-8;
    /** The largest exponent α or β accepted as a law. */
    public static final double MAX_EXPONENT = 3.0;
    /** ln of the largest A, B or E that is still finite in double precision, with margin. */
    private static final double MAX_LOG_SCALE = 700;

    private final List<double[]> starts;
    private final double delta;
    private final Lbfgs optimizer;

    /**
     * @param starts starting vectors [a, b, e, α, β]; duplicates are removed
     * @param delta the Huber threshold
     * @param optimizer the local minimiser
     */
    public ChinchillaFitter(List<double[]> starts, double delta, Lbfgs optimizer) {
        this.starts = StartGrid.distinct(starts);
        this.delta = delta;
        this.optimizer = Objects.requireNonNull(optimizer);
    }

    /** Epoch's setup: the 4,500-start grid, δ = 1e-3, L-BFGS to tight tolerances. */
    public static ChinchillaFitter epoch() {
        return new ChinchillaFitter(StartGrid.chinchilla(), Huber.DEFAULT_DELTA, Lbfgs.defaults());
    }

    /** The Huber threshold. */
    public double delta() {
        return delta;
    }

    /** Fits N, D, L points (all > 0) with equal weights and every parameter free. */
    public ChinchillaFit fit(double[] params, double[] tokens, double[] loss) {
        return fit(params, tokens, loss, null, ChinchillaPins.none());
    }

    /**
     * Fits N, D, L points (all > 0) from every distinct start.
     *
     * @param weight per-point weights, or null for equal weights
     * @param pins parameters held fixed; the starts are projected onto the free ones and deduplicated
     */
    public ChinchillaFit fit(double[] params, double[] tokens, double[] loss, double[] weight, ChinchillaPins pins) {
        int needed = pins.free();
        if (loss.length < needed) {
            throw new IllegalArgumentException(
                    "a Chinchilla fit with " + needed + " free parameters needs at least " + needed + " points, got "
                            + loss.length);
        }
        long t0 = System.nanoTime();
        Objective objective = pins.restrict(new ChinchillaObjective(params, tokens, loss, weight, delta));
        List<double[]> projected = StartGrid.distinct(starts.stream().map(pins::project).toList());
        List<Candidate> runs = projected.parallelStream().map(s -> {
            LbfgsResult r = optimizer.minimize(objective, s);
            return new Candidate(pins.expand(r.x()), r);
        }).toList();
        List<Candidate> usable = runs.stream().filter(Candidate::physical).toList();
        List<Candidate> converged = usable.stream().filter(c -> c.result.converged()).toList();
        List<Candidate> pool = converged.isEmpty() ? usable : converged;
        Candidate best = pool.stream().min(Comparator.comparingDouble(c -> c.result.value()))
                .orElseThrow(() -> new IllegalStateException(
                        "no start reached a law with finite parameters and exponents in [0, " + MAX_EXPONENT + "]"));
        int hits = (int) converged.stream()
                .filter(c -> c.result.value() - best.result.value() <= SAME_OPTIMUM * Math.abs(best.result.value()))
                .count();
        long evaluations = runs.stream().mapToLong(c -> c.result.evaluations()).sum();
        ChinchillaLaw law = ChinchillaLaw.fromLogVector(best.x);
        FitDiagnostics diagnostics = new FitDiagnostics(loss.length, projected.size(), converged.size(), hits,
                best.result.iterations(), evaluations, best.result.converged(), r2(law, params, tokens, loss),
                rmseLog(law, params, tokens, loss), (System.nanoTime() - t0) / 1_000_000);
        return new ChinchillaFit(law, best.result.value(), delta, pins.values(), diagnostics);
    }

    /**
     * Refits from a single start, as a bootstrap resample does from the point estimate; empty when that start does
     * not reach a usable law.
     */
    public Optional<ChinchillaLaw> refine(double[] params, double[] tokens, double[] loss, double[] weight,
                                          ChinchillaPins pins, ChinchillaLaw start) {
        Objective objective = pins.restrict(new ChinchillaObjective(params, tokens, loss, weight, delta));
        LbfgsResult r = optimizer.minimize(objective, pins.project(start.toLogVector()));
        Candidate c = new Candidate(pins.expand(r.x()), r);
        return c.physical() ? Optional.of(ChinchillaLaw.fromLogVector(c.x)) : Optional.empty();
    }

    /** Where one start ended, as a full log-space vector. */
    private record Candidate(double[] x, LbfgsResult result) {

        /**
         * Whether the optimum is a usable law: finite in linear space, with exponents in [0, MAX_EXPONENT]. With
         * few model sizes the unbounded optimum runs off along a ridge (α &lt; 0 with A → 0, or α in the hundreds
         * with a huge A); the Hitchhiker's repo bounds the exponents for this reason, and every published exponent
         * lies far inside this range.
         */
        boolean physical() {
            for (double v : x) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
            return Double.isFinite(result.value()) && x[0] < MAX_LOG_SCALE && x[1] < MAX_LOG_SCALE
                    && x[2] < MAX_LOG_SCALE && x[3] >= 0 && x[3] <= MAX_EXPONENT && x[4] >= 0
                    && x[4] <= MAX_EXPONENT;
        }
    }

    private static double r2(ChinchillaLaw law, double[] n, double[] d, double[] l) {
        double mean = 0;
        for (double v : l) {
            mean += v / l.length;
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < l.length; i++) {
            double r = l[i] - law.loss(n[i], d[i]);
            ssRes += r * r;
            ssTot += (l[i] - mean) * (l[i] - mean);
        }
        return ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
    }

    private static double rmseLog(ChinchillaLaw law, double[] n, double[] d, double[] l) {
        double sum = 0;
        for (int i = 0; i < l.length; i++) {
            double r = Math.log(law.loss(n[i], d[i])) - Math.log(l[i]);
            sum += r * r;
        }
        return Math.sqrt(sum / l.length);
    }
}
