import io.scalecast.core.data.CheckpointPoint;
import io.scalecast.core.data.FamilyData;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.fit.ChinchillaFit;
import io.scalecast.core.fit.ChinchillaFitter;
import io.scalecast.core.fit.ChinchillaPins;
import io.scalecast.core.fit.RunBootstrap;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.plan.LawComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test): the comparison's calibration and power. Per seed, three synthetic families of 12 runs
 * (20M to 640M parameters, each at 5 and 40 tokens per parameter, 8 checkpoints, 1% noise), each fitted from the 4,500-start grid
 * with a 200-resample run bootstrap: two of Hoffmann et al.'s law (the equal pair) and one whose alpha is DELTA larger
 * with A rescaled so both laws agree at 100M parameters (the different pair). Prints how often the equal pair is
 * called "cannot tell" and how often the different pair is told apart (and which way).
 * Usage: bench/simulate.sh compare [seeds, default 100] [delta, default 0.05].
 */
public class LawComparisonSimulation {

    static final ChinchillaLaw HOFFMANN = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);
    static final double[] SIZES = {2e7, 4e7, 8e7, 1.6e8, 3.2e8, 6.4e8};
    static final double[] MULTIPLIERS = {5, 40};
    static final double TARGET_N = 7e9;
    static final double TARGET_D = 1.4e11;

    record Fitted(ChinchillaLaw law, List<ChinchillaLaw> draws) {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        double delta = args.length > 1 ? Double.parseDouble(args[1]) : 0.05;
        ChinchillaLaw steeper = new ChinchillaLaw(HOFFMANN.e(), HOFFMANN.a() * Math.pow(1e8, delta), HOFFMANN.b(),
                HOFFMANN.alpha() + delta, HOFFMANN.beta());
        System.out.printf(Locale.ROOT, "target N=%.3g D=%.3g; equal laws %s; different: alpha +%.3f (%s), true loss"
                + " difference at the target %.4f; %d seeds%n", TARGET_N, TARGET_D, HOFFMANN, delta, steeper,
                steeper.loss(TARGET_N, TARGET_D) - HOFFMANN.loss(TARGET_N, TARGET_D), seeds);
        int equalCalledSame = 0;
        int detected = 0;
        int detectedRightWay = 0;
        int exponentRejections = 0;
        long start = System.nanoTime();
        for (long seed = 1; seed <= seeds; seed++) {
            Fitted a = fitted(HOFFMANN, seed * 3);
            Fitted same = fitted(HOFFMANN, seed * 3 + 1);
            Fitted other = fitted(steeper, seed * 3 + 2);
            LawComparison.Result equal = compare(a, same);
            LawComparison.Result different = compare(a, other);
            equalCalledSame += equal.verdict() == LawComparison.Verdict.CANNOT_TELL ? 1 : 0;
            boolean told = different.verdict() != LawComparison.Verdict.CANNOT_TELL;
            detected += told ? 1 : 0;
            detectedRightWay += different.verdict() == LawComparison.Verdict.SECOND_BETTER
                    || different.verdict() == LawComparison.Verdict.EXPONENTS_DIFFER ? 1 : 0;
            exponentRejections += different.exponentsP() < LawComparison.TEST_LEVEL ? 1 : 0;
            System.out.printf(Locale.ROOT, "seed %3d: equal %-14s (diff %+.4f, p %.3f, exp p %.3f); different %-16s"
                    + " (diff %+.4f [%.4f, %.4f], exp p %.3g)%n", seed, equal.verdict(), equal.difference(),
                    equal.differenceP(), equal.exponentsP(), different.verdict(), different.difference(),
                    different.interval().lower(), different.interval().upper(), different.exponentsP());
        }
        System.out.printf(Locale.ROOT, "equal laws called 'cannot tell': %d of %d (%.1f%%)%n", equalCalledSame, seeds,
                100.0 * equalCalledSame / seeds);
        System.out.printf(Locale.ROOT, "alpha +%.3f told apart: %d of %d (power %.1f%%), the steeper law named better"
                + " or the exponents found different in %d; exponent test alone rejects in %d; %.0f s%n", delta,
                detected, seeds, 100.0 * detected / seeds, detectedRightWay, exponentRejections,
                (System.nanoTime() - start) / 1e9);
    }

    static LawComparison.Result compare(Fitted a, Fitted b) {
        return LawComparison.compare("a", a.law(), a.draws(), "b", b.law(), b.draws(), TARGET_N, TARGET_D);
    }

    static Fitted fitted(ChinchillaLaw truth, long seed) {
        // Each size at 5 and 40 tokens per parameter: runs of one multiplier cannot tell alpha's term from beta's.
        List<CheckpointPoint> points = new ArrayList<>();
        for (double multiplier : MULTIPLIERS) {
            new SyntheticFamily(truth, SIZES, multiplier, 8, 0.01, seed * 100 + (long) multiplier).generate()
                    .forEach(c -> points.add(new CheckpointPoint(c.run() + "-m" + (int) multiplier, c.params(),
                            c.tokens(), c.loss())));
        }
        FamilyData data = FamilyData.of(points);
        ChinchillaFitter fitter = ChinchillaFitter.epoch();
        ChinchillaFit fit = fitter.fit(data.params(), data.tokens(), data.loss());
        return new Fitted(fit.law(), new RunBootstrap(200, seed).run(fitter, data, ChinchillaPins.none(), fit.law())
                .laws());
    }
}
