package io.scalecast.core.data;

import io.scalecast.core.law.ChinchillaLaw;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training curves drawn from a known Chinchilla law with multiplicative Gaussian noise, for tests and demos whose
 * answer must be known exactly.
 *
 * @param law the true law
 * @param sizes N of each run
 * @param tokensPerParam each run trains to D = tokensPerParam·N
 * @param checkpoints checkpoints per run, evenly spaced in tokens
 * @param noise relative standard deviation of the loss noise, e.g. 0.01
 * @param seed the random seed
 */
public record SyntheticFamily(ChinchillaLaw law, double[] sizes, double tokensPerParam, int checkpoints, double noise,
                              long seed) {

    /** A checkpoint of a synthetic run. */
    public record Checkpoint(String run, double params, double tokens, long step, double loss) {
    }

    /** The checkpoints of every run, run by run, in step order. */
    public List<Checkpoint> generate() {
        Random random = new Random(seed);
        List<Checkpoint> out = new ArrayList<>();
        for (double n : sizes) {
            String run = runName(n);
            double finalTokens = tokensPerParam * n;
            for (int k = 1; k <= checkpoints; k++) {
                double d = finalTokens * k / checkpoints;
                double loss = law.loss(n, d) * (1 + noise * random.nextGaussian());
                out.add(new Checkpoint(run, n, d, 1000L * k, loss));
            }
        }
        return out;
    }

    /** A readable run name for a size, e.g. {@code n-1.5e+08}. */
    public static String runName(double params) {
        return String.format(java.util.Locale.ROOT, "n-%.3g", params);
    }
}
