package io.scalecast.core.law;

/**
 * Accuracy of a multiple-choice benchmark against loss with chance as its floor (science.md section 4.3; the
 * sigmoidal shape of Ruan et al. 2024): acc(L) = c + (u − c)·σ(−k·(L − L_mid)), with c ≤ acc ≤ u ≤ 1.
 *
 * @param chance the chance level c, known from the benchmark (1 / choices)
 * @param ceiling the upper level u
 * @param steepness k
 * @param midpoint L_mid, the loss halfway between chance and ceiling
 */
public record SigmoidAccuracyLaw(double chance, double ceiling, double steepness, double midpoint) {

    /** The predicted accuracy at loss L. */
    public double accuracy(double loss) {
        return chance + (ceiling - chance) / (1 + Math.exp(steepness * (loss - midpoint)));
    }
}
