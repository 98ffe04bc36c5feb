package io.scalecast.core.fit;

import java.util.Arrays;

/**
 * Limited-memory BFGS with a strong-Wolfe line search (Nocedal and Wright, Algorithms 7.4, 3.5 and 3.6).
 *
 * <p>Hipparchus has no quasi-Newton minimiser; the scaling-law objectives are small, smooth and cheap, so this
 * plain implementation with primitive arrays is both enough and fast. Instances are immutable and thread-safe.
 */
public final class Lbfgs {

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH_STEPS = 40;
    /** The probe's forward-difference step, relative to the coordinate (at least 1). */
    private static final double PROBE_STEP = 1e-4;

    private final int memory;
    private final int maxIterations;
    private final double gradientTolerance;
    private final double relativeTolerance;

    /**
     * @param memory number of correction pairs kept
     * @param maxIterations iteration limit
     * @param gradientTolerance stop when the gradient's max-norm is below this
     * @param relativeTolerance stop when the objective's relative decrease in one iteration is below this
     */
    public Lbfgs(int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.relativeTolerance = relativeTolerance;
    }

    /** The defaults of science.md section 2.2: memory 10, gradient below 1e-10 or relative change below 1e-12. */
    public static Lbfgs defaults() {
        return new Lbfgs(10, 1000, 1e-10, 1e-12);
    }

    /** Minimises {@code f} from {@code start}; the start array is not modified. */
    public LbfgsResult minimize(Objective f, double[] start) {
        return new Run(f, start).solve(false);
    }

    /**
     * Minimises {@code f} from a start near its minimum, as a bootstrap refit or a warm refit does: the curvature at
     * the start is probed first, one gradient per coordinate, and kept as the first correction pairs. Started with no
     * pairs, L-BFGS spends its first iterations on steepest-descent steps learning the curvature that the point fit
     * had already found; probed, a Multi-Power Law refit takes half the evaluations to the same tolerance.
     */
    public LbfgsResult minimizeNear(Objective f, double[] start) {
        return new Run(f, start).solve(true);
    }

    /** The mutable state of one minimisation. */
    private final class Run {
        private final Objective f;
        private final int n;
        private final double[][] s;
        private final double[][] y;
        private final double[] rho;
        private final double[] alphaBuf;
        private double[] x;
        private double[] g;
        private double fx;
        private int evaluations;
        private int stored;
        private int newest = -1;

        Run(Objective f, double[] start) {
            this.f = f;
            this.n = start.length;
            this.s = new double[memory][n];
            this.y = new double[memory][n];
            this.rho = new double[memory];
            this.alphaBuf = new double[memory];
            this.x = start.clone();
            this.g = new double[n];
        }

        LbfgsResult solve(boolean probe) {
            fx = eval(x, g);
            if (!Double.isFinite(fx)) {
                return new LbfgsResult(x, fx, 0, evaluations, false);
            }
            if (probe) {
                probeCurvature();
            }
            double[] direction = new double[n];
            for (int iter = 1; iter <= maxIterations; iter++) {
                if (maxAbs(g) < gradientTolerance) {
                    return new LbfgsResult(x, fx, iter - 1, evaluations, true);
                }
                searchDirection(direction);
                double slope = dot(direction, g);
                if (slope >= 0) {
                    // The quasi-Newton model lost positive definiteness: restart from steepest descent.
                    stored = 0;
                    for (int i = 0; i < n; i++) {
                        direction[i] = -g[i];
                    }
                    slope = dot(direction, g);
                }
                double initialStep = stored == 0 ? Math.min(1.0, 1.0 / Math.max(1e-300, norm(g))) : 1.0;
                LineSearch ls = lineSearch(direction, slope, initialStep);
                if (ls == null) {
                    return new LbfgsResult(x, fx, iter, evaluations, maxAbs(g) < Math.sqrt(gradientTolerance));
                }
                double previous = fx;
                remember(ls);
                if (Math.abs(previous - fx) <= relativeTolerance * Math.max(Math.abs(previous), Math.abs(fx))) {
                    return new LbfgsResult(x, fx, iter, evaluations, true);
                }
            }
            return new LbfgsResult(x, fx, maxIterations, evaluations, false);
        }

        private double eval(double[] point, double[] grad) {
            evaluations++;
            return f.valueAndGradient(point, grad);
        }

        /**
         * One correction pair per coordinate k from a forward difference of the gradient, s = h·e_k, y = g(x + s) −
         * g(x), keeping those of positive curvature (the last {@code memory} when there are more coordinates). Pairs
         * along the probed Hessian's eigenvectors would make the first step Newton's, but on the Multi-Power Law that
         * step overshoots along its flat valleys and the bootstrap test took 25% longer than with these pairs.
         */
        private void probeCurvature() {
            double[] gk = new double[n];
            for (int k = 0; k < n; k++) {
                double h = PROBE_STEP * Math.max(1, Math.abs(x[k]));
                double[] xk = x.clone();
                xk[k] += h;
                if (!Double.isFinite(eval(xk, gk))) {
                    continue;
                }
                double sy = h * (gk[k] - g[k]);
                if (sy > 1e-300 && Double.isFinite(sy)) {
                    int slot = (newest + 1) % memory;
                    Arrays.fill(s[slot], 0);
                    s[slot][k] = h;
                    for (int i = 0; i < n; i++) {
                        y[slot][i] = gk[i] - g[i];
                    }
                    rho[slot] = 1.0 / sy;
                    newest = slot;
                    stored = Math.min(stored + 1, memory);
                }
            }
        }

        /** Two-loop recursion: direction = -H·g. */
        private void searchDirection(double[] d) {
            for (int i = 0; i < n; i++) {
                d[i] = -g[i];
            }
            int idx = newest;
            for (int k = 0; k < stored; k++) {
                alphaBuf[idx] = rho[idx] * dot(s[idx], d);
                axpy(-alphaBuf[idx], y[idx], d);
                idx = (idx - 1 + memory) % memory;
            }
            if (stored > 0) {
                double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
                for (int i = 0; i < n; i++) {
                    d[i] *= gamma;
                }
            }
            idx = (newest - stored + 1 + memory) % memory;
            for (int k = 0; k < stored; k++) {
                double beta = rho[idx] * dot(y[idx], d);
                axpy(alphaBuf[idx] - beta, s[idx], d);
                idx = (idx + 1) % memory;
            }
        }

        private void remember(LineSearch ls) {
            int slot = (newest + 1) % memory;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                s[slot][i] = ls.x[i] - x[i];
                y[slot][i] = ls.g[i] - g[i];
                sy += s[slot][i] * y[slot][i];
            }
            x = ls.x;
            g = ls.g;
            fx = ls.f;
            // Skip pairs without positive curvature; they would break the inverse-Hessian model.
            if (sy > 1e-300) {
                rho[slot] = 1.0 / sy;
                newest = slot;
                stored = Math.min(stored + 1, memory);
            }
        }

        /** Strong-Wolfe line search; null when no acceptable step was found. */
        private LineSearch lineSearch(double[] d, double slope0, double step) {
            double prevStep = 0;
            double prevF = fx;
            double prevSlope = slope0;
            for (int i = 0; i < MAX_LINE_SEARCH_STEPS; i++) {
                LineSearch trial = trial(d, step);
                if (!Double.isFinite(trial.f) || trial.f > fx + C1 * step * slope0 || (i > 0 && trial.f >= prevF)) {
                    return zoom(d, slope0, prevStep, prevF, prevSlope, step, trial.f, trial.slope);
                }
                if (Math.abs(trial.slope) <= -C2 * slope0) {
                    return trial;
                }
                if (trial.slope >= 0) {
                    return zoom(d, slope0, step, trial.f, trial.slope, prevStep, prevF, prevSlope);
                }
                prevStep = step;
                prevF = trial.f;
                prevSlope = trial.slope;
                step *= 2;
            }
            return null;
        }

        private LineSearch zoom(double[] d, double slope0, double lo, double fLo, double slopeLo,
                                double hi, double fHi, double slopeHi) {
            for (int i = 0; i < MAX_LINE_SEARCH_STEPS; i++) {
                double step = interpolate(lo, fLo, slopeLo, hi, fHi, slopeHi);
                LineSearch trial = trial(d, step);
                if (!Double.isFinite(trial.f) || trial.f > fx + C1 * step * slope0 || trial.f >= fLo) {
                    hi = step;
                    fHi = trial.f;
                    slopeHi = trial.slope;
                } else {
                    if (Math.abs(trial.slope) <= -C2 * slope0) {
                        return trial;
                    }
                    if (trial.slope * (hi - lo) >= 0) {
                        hi = lo;
                        fHi = fLo;
                        slopeHi = slopeLo;
                    }
                    lo = step;
                    fLo = trial.f;
                    slopeLo = trial.slope;
                }
                if (Math.abs(hi - lo) < 1e-16 * Math.max(1.0, Math.abs(lo))) {
                    break;
                }
            }
            // The bracket collapsed: accept the best point if it still decreases the objective.
            if (lo > 0 && fLo < fx) {
                return trial(d, lo);
            }
            return null;
        }

        /** Minimiser of the cubic through both ends, kept safely inside the bracket; bisection otherwise. */
        private double interpolate(double lo, double fLo, double slopeLo, double hi, double fHi, double slopeHi) {
            double mid = 0.5 * (lo + hi);
            if (!Double.isFinite(fHi) || !Double.isFinite(slopeHi)) {
                return lo + 0.1 * (hi - lo);
            }
            double d1 = slopeLo + slopeHi - 3 * (fLo - fHi) / (lo - hi);
            double disc = d1 * d1 - slopeLo * slopeHi;
            if (disc < 0) {
                return mid;
            }
            double d2 = Math.signum(hi - lo) * Math.sqrt(disc);
            double step = hi - (hi - lo) * (slopeHi + d2 - d1) / (slopeHi - slopeLo + 2 * d2);
            double min = Math.min(lo, hi);
            double max = Math.max(lo, hi);
            double margin = 0.1 * (max - min);
            if (!Double.isFinite(step) || step < min + margin || step > max - margin) {
                return mid;
            }
            return step;
        }

        private LineSearch trial(double[] d, double step) {
            double[] xt = new double[n];
            for (int i = 0; i < n; i++) {
                xt[i] = x[i] + step * d[i];
            }
            double[] gt = new double[n];
            double ft = eval(xt, gt);
            return new LineSearch(xt, gt, ft, dot(gt, d));
        }
    }

    /** A trial point of the line search. */
    private record LineSearch(double[] x, double[] g, double f, double slope) {
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
