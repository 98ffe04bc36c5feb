import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.fit.ChinchillaFit;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.fit.ChinchillaPins;
import io.scalecast.core.fit.Interval;
import io.scalecast.core.fit.Lbfgs;
import io.scalecast.core.fit.StartGrid;
import io.scalecast.core.fit.RunBootstrap;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.plan.NextRuns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test): the next-run advice calibrated with refits. For each seed a synthetic family of a known law
 * starts with 3 small runs; two labs add runs until the 95% interval of the loss at the target, as their own refitted
 * law says (the linearised width NextRuns gives), is at most GOAL wide: one trains the geometric grid's next size at
 * 20 tokens per parameter, the other the candidate the advice ranks first (the grid's sizes at 5 to 80 tokens per
 * parameter, each trained once). Every step refits the noisy checkpoints from the 4,500-start grid. Prints per seed
 * the FLOPs each lab spent beyond the first runs and their ratio, and whether each lab's final interval covers the
 * true loss. With stop=bootstrap a lab stops on the 95% interval a 200-draw run bootstrap of its fit gives (the
 * interval predict-service serves), with stop=parametric on a 200-draw parametric bootstrap's (the fitted law's
 * losses with the fit's residual noise, refitted), rather than the linearised one; the advice always ranks by the
 * linearised shrink; with stop=robust on the 90th percentile of the linearised widths at the parametric draws' laws.
 * Usage: bench/simulate.sh next-runs [seeds, default 20] [goal, default 0.08] [law: hoffmann|epoch, default hoffmann]
 * [stop: linearised|bootstrap|parametric|robust, default linearised]; NEXT_RUNS_VALIDATE=1 adds a check run.
 */
public class NextRunsSimulation {

    static final double TARGET_N = 7e10;
    static final double TARGET_D = 1.4e12;
    static final double[] GRID = {2e7, 4e7, 8e7, 1.6e8, 3.2e8, 6.4e8, 1.28e9, 2.56e9, 5.12e9};
    static final double[] MULTIPLIERS = {5, 10, 20, 40, 80};
    static final int START = 3;
    static final int CHECKPOINTS = 8;
    static final double NOISE = 0.01;
    static final double Z = 1.959963984540054;
    static final int DRAWS = 200;
    /** The width a lab stops on (the advice always ranks by the linearised shrink). */
    enum Stop {
        LINEARISED("linearised"), BOOTSTRAP("run bootstrap's"), PARAMETRIC("parametric bootstrap's"),
        ROBUST("robust linearised");

        final String words;

        Stop(String words) {
            this.words = words;
        }
    }

    static Stop stop = Stop.LINEARISED;
    /** With NEXT_RUNS_VERBOSE=1 in the environment, each advised step's run, width and fitted law. */
    static final boolean VERBOSE = "1".equals(System.getenv("NEXT_RUNS_VERBOSE"));
    /**
     * With NEXT_RUNS_VALIDATE=1 an advised lab whose width meets the goal first trains the answer's check run
     * ({@link NextRuns#check}: twice its largest size at the target's tokens per parameter), predicted before it is
     * fitted; it stops only if the run's final loss lands in the check's interval, else it fits the run and goes on.
     */
    static final boolean VALIDATE = "1".equals(System.getenv("NEXT_RUNS_VALIDATE"));
    /** With NEXT_RUNS_DESIGN_CHECK=k, the advised design refitted on k fresh noisy families (see designCheck). */
    static final int DESIGN_CHECK = Integer.parseInt(System.getenv().getOrDefault("NEXT_RUNS_DESIGN_CHECK", "0"));

    record Outcome(double flops, double width, boolean covers, double error, int runs, boolean reached) {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        double goal = args.length > 1 ? Double.parseDouble(args[1]) : 0.08;
        ChinchillaLaw truth = args.length > 2 && args[2].equals("epoch")
                ? new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183)
                : new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);
        stop = args.length > 3 ? Stop.valueOf(args[3].toUpperCase(Locale.ROOT)) : Stop.LINEARISED;
        double trueLoss = truth.loss(TARGET_N, TARGET_D);
        System.out.printf(Locale.ROOT, "law %s, target N=%.3g D=%.3g (true loss %.4f), goal width %.3f, %d seeds,"
                + " %d checkpoints a run, %.0f%% noise, stopping on the %s width%n", truth, TARGET_N, TARGET_D,
                trueLoss, goal, seeds, CHECKPOINTS, NOISE * 100, stop.words);
        System.out.printf("%4s %12s %12s %7s %9s %9s %6s %6s %9s %9s%n", "seed", "grid_flops", "advice_flops",
                "ratio", "grid_w", "advice_w", "grid_c", "adv_c", "grid_err", "adv_err");
        List<Double> ratios = new ArrayList<>();
        int gridCovers = 0;
        int adviceCovers = 0;
        int wins = 0;
        int bothReached = 0;
        long start = System.nanoTime();
        // NEXT_RUNS_FROM=k starts at seed k, to look at one seed again (with NEXT_RUNS_VERBOSE=1).
        long from = Long.parseLong(System.getenv().getOrDefault("NEXT_RUNS_FROM", "1"));
        for (long seed = from; seed < from + seeds; seed++) {
            Outcome grid = grid(truth, seed, goal);
            Outcome advice = advice(truth, seed, goal);
            double ratio = advice.flops() / grid.flops();
            if (grid.reached() && advice.reached()) {
                bothReached++;
                ratios.add(ratio);
                wins += advice.flops() < grid.flops() ? 1 : 0;
            }
            gridCovers += grid.covers() ? 1 : 0;
            adviceCovers += advice.covers() ? 1 : 0;
            System.out.printf(Locale.ROOT, "%4d %12.3e %12.3e %7.3f %9.4f %9.4f %6s %6s %9.4f %9.4f%s%n", seed,
                    grid.flops(), advice.flops(), ratio, grid.width(), advice.width(), grid.covers(),
                    advice.covers(), grid.error(), advice.error(),
                    grid.reached() && advice.reached() ? "" : "  (goal not reached: grid " + grid.reached()
                            + ", advice " + advice.reached() + ")");
        }
        double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "advice/grid FLOP ratio over %d seeds where both reached the goal: median %.3f,"
                + " min %.3f, max %.3f; advice cheaper in %d of %d%n", r.length, r.length == 0 ? Double.NaN
                : r[r.length / 2], r.length == 0 ? Double.NaN : r[0], r.length == 0 ? Double.NaN : r[r.length - 1],
                wins, bothReached);
        System.out.printf(Locale.ROOT, "final 95%% intervals covering the true loss: grid %d of %d, advice %d of %d;"
                + " %.0f s%n", gridCovers, seeds, adviceCovers, seeds, (System.nanoTime() - start) / 1e9);
    }

    /** The grid lab: the next doubling at 20 tokens per parameter until its interval is narrow enough. */
    static Outcome grid(ChinchillaLaw truth, long seed, double goal) {
        List<double[]> runs = start();
        double flops = 0;
        State state = State.of(truth, runs, seed);
        for (int i = START; i < GRID.length && state.width() > goal; i++) {
            runs.add(new double[] {GRID[i], 20 * GRID[i]});
            flops += 6 * GRID[i] * 20 * GRID[i];
            state = State.of(truth, runs, seed);
        }
        if (DESIGN_CHECK > 0) {
            designCheck(truth, runs, state);
        }
        return state.outcome(truth, flops, goal, runs.size());
    }

    /** A run's final checkpoint's loss, as data() draws it. */
    static double finalLoss(ChinchillaLaw truth, double[] run, long seed) {
        FamilyData data = data(truth, List.of(run), seed);
        int last = 0;
        for (int i = 1; i < data.size(); i++) {
            if (data.tokens()[i] > data.tokens()[last]) {
                last = i;
            }
        }
        return data.loss()[last];
    }

    /**
     * The advised design's real sampling spread: DESIGN_CHECK fresh noisy families of the same runs from the true law,
     * each fitted from the full start grid, against the width the lab stopped on and the linearised width at the
     * true law (what the width would be without the lab's fitting error).
     */
    static void designCheck(ChinchillaLaw truth, List<double[]> runs, State state) {
        double[] logs = new double[DESIGN_CHECK];
        for (int k = 0; k < DESIGN_CHECK; k++) {
            FamilyData data = data(truth, runs, 1_000_000L + k);
            logs[k] = Math.log(fitter().fit(data.params(), data.tokens(), data.loss()).law().loss(TARGET_N, TARGET_D));
        }
        double mean = Arrays.stream(logs).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(logs).map(l -> (l - mean) * (l - mean)).sum() / (logs.length - 1));
        double trueLoss = truth.loss(TARGET_N, TARGET_D);
        FamilyData one = data(truth, runs, 1_000_000L);
        double atTruth = new NextRuns(truth, one, CHECKPOINTS, 1.0 / CHECKPOINTS).rank(TARGET_N, TARGET_D, List.of())
                .width();
        double claimed = state.width();
        System.out.printf(Locale.ROOT, "  design check over %d refits of %d runs: real sd of log-loss %.4f (bias %.4f)"
                + "; the stopped-on width's sd %.4f; the linearised width's sd at the true law %.4f%n", DESIGN_CHECK,
                runs.size(), sd, mean - Math.log(trueLoss), asinh(claimed / (2 * state.fitted().loss(TARGET_N,
                TARGET_D))) / Z, asinh(atTruth / (2 * trueLoss)) / Z);
    }

    /** The advised lab: the first-ranked untrained candidate by its own refitted law, until narrow enough. */
    static Outcome advice(ChinchillaLaw truth, long seed, double goal) {
        List<double[]> runs = start();
        double flops = 0;
        State state = State.of(truth, runs, seed);
        for (int step = 0; step < 40; step++) {
            if (state.width() <= goal) {
                if (!VALIDATE) {
                    break;
                }
                // The answer's check run, predicted before it is fitted; then trained and fitted like any run.
                NextRuns.Check check = state.plan().check(TARGET_N, TARGET_D);
                double[] run = {check.params(), check.tokens()};
                if (runs.stream().anyMatch(r -> r[0] == run[0] && r[1] == run[1])) {
                    break;
                }
                double observed = finalLoss(truth, run, seed);
                runs.add(run);
                flops += check.flops();
                state = State.of(truth, runs, seed);
                if (VERBOSE) {
                    System.out.printf(Locale.ROOT, "  check run N=%.3g D=%.3g: predicted %.4f in [%.4f, %.4f], observed"
                            + " %.4f%n", check.params(), check.tokens(), check.loss(), check.lower(), check.upper(),
                            observed);
                }
                if (check.holds(observed)) {
                    break;
                }
                continue;
            }
            List<double[]> left = untrained(runs);
            if (left.isEmpty()) {
                break;
            }
            NextRuns.Candidate best = state.plan().rank(TARGET_N, TARGET_D, left).candidates().get(0);
            runs.add(new double[] {best.params(), best.tokens()});
            flops += best.flops();
            state = State.of(truth, runs, seed);
            if (VERBOSE) {
                System.out.printf(Locale.ROOT, "  advice step %d: N=%.3g D=%.3g -> width %.4f, loss at target %.4f,"
                        + " fitted %s%n", step + 1, best.params(), best.tokens(), state.width(),
                        state.fitted().loss(TARGET_N, TARGET_D), state.fitted());
            }
        }
        return state.outcome(truth, flops, goal, runs.size());
    }

    /**
     * A lab's refitted law on its runs' noisy checkpoints, the plan from it, and the width it stops on: the
     * linearised one, or with stop=bootstrap its run bootstrap's interval at the target (null otherwise).
     */
    record State(ChinchillaLaw fitted, NextRuns plan, double width, Interval bootstrap) {

        static State of(ChinchillaLaw truth, List<double[]> runs, long seed) {
            FamilyData data = data(truth, runs, seed);
            ChinchillaFitter fitter = fitter();
            ChinchillaFit fit = fitter.fit(data.params(), data.tokens(), data.loss());
            NextRuns plan = new NextRuns(fit.law(), data, CHECKPOINTS, 1.0 / CHECKPOINTS);
            if (stop == Stop.ROBUST) {
                return new State(fit.law(), plan, robustWidth(fitter, data, fit.law(), seed), null);
            }
            if (stop == Stop.LINEARISED) {
                return new State(fit.law(), plan, plan.rank(TARGET_N, TARGET_D, List.of()).width(), null);
            }
            Interval band = stop == Stop.PARAMETRIC ? parametric(fitter, data, fit.law(), seed)
                    : new RunBootstrap(DRAWS, seed).run(fitter, data, ChinchillaPins.none(), fit.law())
                    .interval(l -> l.loss(TARGET_N, TARGET_D));
            // No usable draws: the lab cannot bound the target yet.
            return band == null ? new State(fit.law(), plan, Double.POSITIVE_INFINITY, new Interval(0, 0))
                    : new State(fit.law(), plan, band.upper() - band.lower(), band);
        }

        Outcome outcome(ChinchillaLaw truth, double flops, double goal, int runs) {
            double estimate = fitted.loss(TARGET_N, TARGET_D);
            double actual = truth.loss(TARGET_N, TARGET_D);
            boolean covers;
            if (bootstrap != null) {
                covers = bootstrap.lower() <= actual && actual <= bootstrap.upper();
            } else {
                // The interval is L·exp(±z·sd): its width w = 2·L·sinh(z·sd).
                double zsd = Double.isFinite(width) ? asinh(width / (2 * estimate)) : Double.POSITIVE_INFINITY;
                covers = Math.abs(Math.log(actual) - Math.log(estimate)) <= zsd;
            }
            return new Outcome(flops, width, covers, estimate - actual, runs, width <= goal);
        }
    }

    /**
     * The parametric bootstrap's 95% interval at the target: the fitted law's losses with Gaussian log-noise of the
     * fit's residual spread, refitted from the fit (warm), DRAWS times.
     */
    static Interval parametric(ChinchillaFitter fitter, FamilyData data, ChinchillaLaw law, long seed) {
        double[] values = parametricDraws(fitter, data, law, seed).stream()
                .mapToDouble(l -> l.loss(TARGET_N, TARGET_D)).filter(Double::isFinite).toArray();
        return values.length < DRAWS / 2 ? null : Interval.percentile(values, 0.95);
    }

    /** The fitted law refitted (warm) DRAWS times on its own losses with Gaussian log-noise of its residual spread. */
    static List<ChinchillaLaw> parametricDraws(ChinchillaFitter fitter, FamilyData data, ChinchillaLaw law,
                                               long seed) {
        int n = data.size();
        double ss = 0;
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = Math.log(law.loss(data.params()[i], data.tokens()[i]));
            double r = Math.log(data.loss()[i]) - mean[i];
            ss += r * r;
        }
        double sd = Math.sqrt(ss / Math.max(1, n - 5));
        java.util.Random random = new java.util.Random(seed);
        List<ChinchillaLaw> draws = new ArrayList<>();
        for (int k = 0; k < DRAWS; k++) {
            double[] loss = new double[n];
            for (int i = 0; i < n; i++) {
                loss[i] = Math.exp(mean[i] + sd * random.nextGaussian());
            }
            fitter.refine(fitter.objective(data.params(), data.tokens(), loss), ChinchillaPins.none(), law)
                    .ifPresent(draws::add);
        }
        return draws;
    }

    /**
     * The linearised width at the 90th percentile over the plausible laws: each parametric draw's law gives its own
     * linearised width on the same data, so a fit that happens to put loss into E cannot alone make the width narrow.
     */
    static double robustWidth(ChinchillaFitter fitter, FamilyData data, ChinchillaLaw law, long seed) {
        List<Double> widths = new ArrayList<>();
        for (ChinchillaLaw draw : parametricDraws(fitter, data, law, seed)) {
            widths.add(new NextRuns(draw, data, CHECKPOINTS, 1.0 / CHECKPOINTS).rank(TARGET_N, TARGET_D, List.of())
                    .width());
        }
        if (widths.size() < DRAWS / 2) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sorted = widths.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.floor(0.9 * (sorted.length - 1))];
    }

    /** Epoch's fitter, or with NEXT_RUNS_DELTA=x the same search with Huber threshold x (near least squares). */
    static ChinchillaFitter fitter() {
        String delta = System.getenv("NEXT_RUNS_DELTA");
        return delta == null ? ChinchillaFitter.epoch() : new ChinchillaFitter(StartGrid.chinchilla(),
                Double.parseDouble(delta), Lbfgs.defaults());
    }

    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    static List<double[]> start() {
        List<double[]> runs = new ArrayList<>();
        for (int i = 0; i < START; i++) {
            runs.add(new double[] {GRID[i], 20 * GRID[i]});
        }
        return runs;
    }

    static List<double[]> untrained(List<double[]> runs) {
        List<double[]> out = new ArrayList<>();
        for (double n : GRID) {
            for (double m : MULTIPLIERS) {
                if (runs.stream().noneMatch(r -> r[0] == n && r[1] == m * n)) {
                    out.add(new double[] {n, m * n});
                }
            }
        }
        return out;
    }

    /**
     * The runs' checkpoints: CHECKPOINTS evenly spaced a run, each run's noise drawn from its own seed, so a run's
     * points are the same whichever lab trains it.
     */
    static FamilyData data(ChinchillaLaw truth, List<double[]> runs, long seed) {
        List<CheckpointPoint> points = new ArrayList<>();
        for (double[] run : runs) {
            long runSeed = seed * 1_000_003L + Arrays.hashCode(run);
            String name = String.format(Locale.ROOT, "n%.3g-d%.3g", run[0], run[1]);
            new SyntheticFamily(truth, new double[] {run[0]}, run[1] / run[0], CHECKPOINTS, NOISE, runSeed).generate()
                    .forEach(c -> points.add(new CheckpointPoint(name, c.params(), c.tokens(), c.loss())));
        }
        return FamilyData.of(points);
    }
}
