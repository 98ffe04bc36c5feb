package io.scalecast.core.data;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Hitchhiker's guide rule for early checkpoints (Choshen et al. 2024, section 6.1): drop every checkpoint
 * before 10B tokens; for a run that sees fewer than 30B tokens in all, drop its first 10% of tokens instead, so
 * that small runs keep most of their curve.
 *
 * @param absoluteTokens checkpoints before this many tokens are dropped from long runs
 * @param shortRunTokens runs that end below this many tokens count as short
 * @param shortRunFraction the fraction of a short run's tokens that is dropped
 */
public record TokenCut(double absoluteTokens, double shortRunTokens, double shortRunFraction) {

    /** The paper's defaults: 10B tokens, or the first 10% of runs shorter than 30B tokens. */
    public static final TokenCut HITCHHIKER = new TokenCut(1e10, 3e10, 0.10);

    /** Keeps every checkpoint. */
    public static final TokenCut NONE = new TokenCut(0, 0, 0);

    /** The largest token count accepted as a cut. */
    static final double MAX_TOKENS = 1e16;

    /**
     * The rule a user names: {@code hitchhiker}, {@code none}, or a token count in [0, 1e16) below which every
     * checkpoint is dropped.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static TokenCut parse(String spelling) {
        if ("hitchhiker".equals(spelling)) {
            return HITCHHIKER;
        }
        if ("none".equals(spelling)) {
            return NONE;
        }
        try {
            double tokens = Double.parseDouble(spelling);
            if (tokens >= 0 && tokens < MAX_TOKENS) {
                return new TokenCut(tokens, 0, 0);
            }
        } catch (NumberFormatException | NullPointerException e) {
            // Reported below with the accepted forms.
        }
        throw new IllegalArgumentException("must be hitchhiker, none or a token count in [0, 1e16), was '" + spelling
                + "'");
    }

    /** The checkpoints that survive the cut, in their original order. */
    public List<CheckpointPoint> apply(List<CheckpointPoint> points) {
        Map<String, Double> lastTokens = points.stream().collect(
                Collectors.toMap(CheckpointPoint::run, CheckpointPoint::tokens, Math::max));
        return points.stream().filter(p -> p.tokens() >= threshold(lastTokens.get(p.run()))).toList();
    }

    /** The token count below which a run ending at {@code runTokens} loses its checkpoints. */
    public double threshold(double runTokens) {
        return runTokens < shortRunTokens ? shortRunFraction * runTokens : absoluteTokens;
    }

    /** A readable statement of the rule, stored with each fit. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "drop tokens < %.3g (runs ending below %.3g tokens: first %.0f%%)",
                absoluteTokens, shortRunTokens, 100 * shortRunFraction);
    }
}
