package io.scalecast.core.fit;

import io.scalecast.core.law.ChinchillaLaw;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fits the Chinchilla law as Epoch's reanalysis does: summed Huber on log residuals, many starts, lowest objective
 * among the converged starts with usable parameters wins (science.md section 2). Any parameter can be pinned.
 */
public final class ChinchillaFitter {

    /** The largest exponent α or β accepted as a law. */
    public static final double MAX_EXPONENT = 3.0;
    /** ln of the largest A, B or E that is still finite in double precision, with margin. */
    private static final double MAX_LOG_SCALE = 700;

    /** Objectives within this fraction of the best count as equally good (a flat valley's floor). */
    public static final double VALLEY = 1e-4;

    /** Optima of the subsample search refined on all points (see {@link #searchingOn}). */
    static final int REFINED_LEADERS = 8;

    /** Above this many points the leaders are refined on a subsample of this many before the last descent. */
    static final int REFINING_POINTS = 25_000;

    /** Refined optima that descend on every point of a family of more than {@link #REFINING_POINTS}. */
    static final int POLISHED_LEADERS = 2;

    private final List<double[]> starts;
    private final double delta;
    private final Lbfgs optimizer;
    private final int searchPoints;
    private final int screenTo;

    /**
     * @param starts starting vectors [a, b, e, α, β]; duplicates are removed
     * @param delta the Huber threshold
     * @param optimizer the local minimiser
     */
    public ChinchillaFitter(List<double[]> starts, double delta, Lbfgs optimizer) {
        this(starts, delta, optimizer, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    private ChinchillaFitter(List<double[]> starts, double delta, Lbfgs optimizer, int searchPoints, int screenTo) {
        this.starts = StartGrid.distinct(starts);
        this.delta = delta;
        this.optimizer = Objects.requireNonNull(optimizer);
        this.searchPoints = searchPoints;
        this.screenTo = screenTo;
    }

    /**
     * A fitter that runs its many starts on an even subsample of at most {@code points} points when the data has
     * more, and refines the best optima found there on every point. The cost of a start grows with the points while
     * checkpoints of one run add little new information, so on long families this finds the same optimum several
     * times faster; with fewer points it is the plain search.
     */
    public ChinchillaFitter searchingOn(int points) {
        if (points < ChinchillaLaw.PARAMETERS) {
            throw new IllegalArgumentException("a search needs at least 5 points, was " + points);
        }
        return new ChinchillaFitter(starts, delta, optimizer, points, screenTo);
    }

    /**
     * A fitter that runs L-BFGS only from the {@code keep} starts with the lowest objective, evaluated once at each
     * start (on the search's subsample when there is one). Most starts of a wide grid lie far from any optimum and
     * cost a long descent each; on every dataset checked (Epoch's 240 points, the Datablations families, synthetic
     * families) the best tenth of the grid reaches the same optimum as all of it, ten times faster
     * ({@code ChinchillaFitterTest}).
     */
    public ChinchillaFitter screening(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("a screened search keeps at least 1 start, was " + keep);
        }
        return new ChinchillaFitter(starts, delta, optimizer, searchPoints, keep);
    }

    /** Epoch's setup: the 4,500-start grid, δ = 1e-3, L-BFGS to tight tolerances. */
    public static ChinchillaFitter epoch() {
        return new ChinchillaFitter(StartGrid.chinchilla(), Huber.DEFAULT_DELTA, Lbfgs.defaults());
    }

    /**
     * A fitter with the same threshold and optimiser that searches from {@code previous} only: the warm start of a
     * refit after the data grew a little (see {@link SearchPolicy} for when that is not enough).
     */
    public ChinchillaFitter warmFrom(ChinchillaLaw previous) {
        return new ChinchillaFitter(List.of(previous.toLogVector()), delta, optimizer, searchPoints, screenTo);
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
        MultiStart.Outcome o;
        if (loss.length > searchPoints && projected.size() > REFINED_LEADERS) {
            Objective sample = subsample(params, tokens, loss, weight, pins, searchPoints);
            MultiStart.Outcome coarse = search(sample, screened(sample, projected), pins);
            List<double[]> leaders = coarse.leaders(REFINED_LEADERS);
            long evaluations = coarse.evaluations();
            if (loss.length > REFINING_POINTS) {
                // On long families the leaders are refined on an even subsample of 25,000 points first, and only the
                // best ones descend on every point: each evaluation there costs a pass over all of them.
                MultiStart.Outcome middle = search(subsample(params, tokens, loss, weight, pins, REFINING_POINTS),
                        leaders, pins);
                leaders = middle.leaders(POLISHED_LEADERS);
                evaluations += middle.evaluations();
            }
            MultiStart.Outcome fine = search(objective, leaders, pins);
            o = new MultiStart.Outcome(fine.best(), coarse.starts(), coarse.converged(), coarse.bestHits(),
                    evaluations + fine.evaluations(), coarse.unusable(), fine.ranked());
        } else {
            o = search(objective, screened(objective, projected), pins);
        }
        ChinchillaLaw law = ChinchillaLaw.fromLogVector(pins.expand(o.best().x()));
        FitDiagnostics diagnostics = new FitDiagnostics(loss.length, o.starts(), o.converged(), o.bestHits(),
                o.best().iterations(), o.evaluations(), o.best().converged(), r2(i -> law.loss(params[i], tokens[i]), loss),
                rmseLog(i -> law.loss(params[i], tokens[i]), loss), (System.nanoTime() - t0) / 1_000_000,
                o.unusable(), FitDiagnostics.atBound(freeExponents(law, pins)));
        return new ChinchillaFit(law, o.best().value(), delta, pins.values(), pins.form(), pins.free(), pins.priors(),
                diagnostics, o.near(VALLEY).stream().map(r -> ChinchillaLaw.fromLogVector(pins.expand(r.x())))
                .toList());
    }

    /** The {@link #screening} subset of {@code from}: its starts of lowest objective, or all of them. */
    private List<double[]> screened(Objective objective, List<double[]> from) {
        return MultiStart.screened(objective, from, screenTo);
    }

    private MultiStart.Outcome search(Objective objective, List<double[]> from, ChinchillaPins pins) {
        return MultiStart.run(objective, from, optimizer, r -> physical(pins.expand(r.x())),
                "a law with finite parameters and exponents in [0, " + MAX_EXPONENT + "]");
    }

    /**
     * The objective on every k-th point, k the smallest stride that leaves at most {@code limit}, each weighing k
     * times its weight so the data keep their balance against any priors. Points come ordered by run and step, so a
     * stride keeps every run's curve evenly.
     */
    private Objective subsample(double[] params, double[] tokens, double[] loss, double[] weight,
                                ChinchillaPins pins, int limit) {
        int stride = (loss.length + limit - 1) / limit;
        int m = (loss.length + stride - 1) / stride;
        double[] n = new double[m];
        double[] d = new double[m];
        double[] l = new double[m];
        double[] w = new double[m];
        for (int k = 0; k < m; k++) {
            int i = k * stride;
            n[k] = params[i];
            d[k] = tokens[i];
            l[k] = loss[i];
            w[k] = stride * (weight == null ? 1 : weight[i]);
        }
        return pins.restrict(new ChinchillaObjective(n, d, l, w, delta));
    }

    /** The exponents the fit was free to move, by name. */
    private static Map<String, Double> freeExponents(ChinchillaLaw law, ChinchillaPins pins) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!pins.values().containsKey("alpha")) {
            out.put("alpha", law.alpha());
        }
        if (!pins.values().containsKey("beta")) {
            out.put("beta", law.beta());
        }
        return out;
    }

    /**
     * The constraint {@code pins} with Gaussian priors whose weight is calibrated on this data: a first fit with the
     * priors' parameters pinned at their means gives the mean absolute log residual b, and the weight is δ·b (see
     * {@link ChinchillaPins#withPriors}).
     */
    public ChinchillaPins withCalibratedPriors(double[] params, double[] tokens, double[] loss, double[] weight,
                                               ChinchillaPins pins, List<ChinchillaPins.Prior> priors) {
        if (priors.isEmpty()) {
            return pins;
        }
        ChinchillaPins first = pins.withPriors(priors, 1).atPriorMeans();
        ChinchillaLaw law = fit(params, tokens, loss, weight, first).law();
        double b = 0;
        for (int i = 0; i < loss.length; i++) {
            b += Math.abs(Math.log(law.loss(params[i], tokens[i])) - Math.log(loss[i]));
        }
        return pins.withPriors(priors, delta * Math.max(b / loss.length, delta));
    }

    /**
     * Refits from a single start, as a bootstrap resample does from the point estimate; empty when that start does
     * not reach a usable law.
     */
    public Optional<ChinchillaLaw> refine(double[] params, double[] tokens, double[] loss, double[] weight,
                                          ChinchillaPins pins, ChinchillaLaw start) {
        return refine(new ChinchillaObjective(params, tokens, loss, weight, delta), pins, start);
    }

    /** The objective of this fitter (its Huber threshold) on the points, every point weighing 1. */
    public ChinchillaObjective objective(double[] params, double[] tokens, double[] loss) {
        return new ChinchillaObjective(params, tokens, loss, null, delta);
    }

    /** One descent of {@code objective} (from {@link #objective}, perhaps reweighted) from {@code start}. */
    public Optional<ChinchillaLaw> refine(ChinchillaObjective chinchilla, ChinchillaPins pins, ChinchillaLaw start) {
        Objective objective = pins.restrict(chinchilla);
        LbfgsResult r = optimizer.minimize(objective, pins.project(start.toLogVector()));
        double[] x = pins.expand(r.x());
        return Double.isFinite(r.value()) && physical(x) ? Optional.of(ChinchillaLaw.fromLogVector(x))
                : Optional.empty();
    }

    /**
     * Whether an optimum [a, b, e, α, β] is a usable law: finite in linear space, with exponents in
     * [0, MAX_EXPONENT]. With few model sizes the unbounded optimum runs off along a ridge (α &lt; 0 with A → 0, or
     * α in the hundreds with a huge A); the Hitchhiker's repo bounds the exponents for this reason, and every
     * published exponent lies far inside this range.
     */
    static boolean physical(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return x[0] < MAX_LOG_SCALE && x[1] < MAX_LOG_SCALE && x[2] < MAX_LOG_SCALE && x[3] >= 0
                && x[3] <= MAX_EXPONENT && x[4] >= 0 && x[4] <= MAX_EXPONENT;
    }

    /** R² of a law's predictions of the loss, in linear space. */
    static double r2(java.util.function.IntToDoubleFunction predicted, double[] l) {
        double mean = 0;
        for (double v : l) {
            mean += v / l.length;
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < l.length; i++) {
            double r = l[i] - predicted.applyAsDouble(i);
            ssRes += r * r;
            ssTot += (l[i] - mean) * (l[i] - mean);
        }
        return ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
    }

    /** Root mean square of the log residuals. */
    static double rmseLog(java.util.function.IntToDoubleFunction predicted, double[] l) {
        double sum = 0;
        for (int i = 0; i < l.length; i++) {
            double r = Math.log(predicted.applyAsDouble(i)) - Math.log(l[i]);
            sum += r * r;
        }
        return Math.sqrt(sum / l.length);
    }
}
