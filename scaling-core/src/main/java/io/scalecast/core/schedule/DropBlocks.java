package io.scalecast.core.schedule;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The learning-rate drops before each observed step of a schedule, grouped for the Multi-Power Law's loss-drop sum
 * LD(t) = Σ_{k=1..t} (η_k − η_{k−1})·(1 − (1 + C·η_k^−γ·Σ_{τ=k..t} η_τ)^−β) (Luo et al. 2025, as their code sums it).
 *
 * <p>The sum has a term per step before t: 10^4 terms at each of hundreds of points, for each evaluation of a fit.
 * Its summand is smooth in k away from t, so the steps within {@code exactSteps} of t keep a term each and older
 * steps are grouped into blocks no wider than {@code relativeWidth} times their distance from t; a block's term is
 * its summed drop at the drop-weighted mean of the area and of ln η, which is exact to first order. Blocks never
 * mix rises with drops nor rates more than 10% apart (a warm-up from 0), and steps without a change add nothing. The grouping depends only on the schedule, not on
 * the law's parameters, so it is built once per fit.
 */
public final class DropBlocks {

    /** Steps nearest t that keep their own term. */
    public static final int EXACT_STEPS = 16;
    /** A block's widest extent as a fraction of its distance from t. */
    public static final double RELATIVE_WIDTH = 0.07;
    /** The most a block's rates may differ, as a ratio: η^−γ is far from linear where the rate changes fast. */
    static final double MAX_RATIO = 1.1;

    /** How many recent groupings {@link #of(LearningRates, int[])} keeps. */
    static final int RECENT_SIZE = 32;
    /**
     * Recent default groupings by schedule (its identity) and steps: a bootstrap refits resamples of the same curves a
     * hundred times, and grouping a curve cost a fifth of each refit. Bounded, since a service fits for months.
     */
    private static final Map<Key, DropBlocks> RECENT = Collections.synchronizedMap(
            new LinkedHashMap<>(RECENT_SIZE, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, DropBlocks> eldest) {
                    return size() > RECENT_SIZE;
                }
            });

    private final int[] first;
    private final double[] drop;
    private final double[] area;
    private final double[] lnEta;

    private DropBlocks(int[] first, double[] drop, double[] area, double[] lnEta) {
        this.first = first;
        this.drop = drop;
        this.area = area;
        this.lnEta = lnEta;
    }

    /** The blocks of every step in {@code steps}, with the default grouping; recent groupings are reused. */
    public static DropBlocks of(LearningRates rates, int[] steps) {
        Key key = new Key(rates, steps.clone());
        DropBlocks blocks = RECENT.get(key);
        if (blocks == null) {
            blocks = of(rates, steps, EXACT_STEPS, RELATIVE_WIDTH);
            RECENT.put(key, blocks);
        }
        return blocks;
    }

    /**
     * @param rates the rate of every step
     * @param steps the steps at which LD is wanted
     * @param exactSteps steps nearest each t summed term by term (use a value beyond every t for the exact sum)
     * @param relativeWidth a block's widest extent as a fraction of its distance from t
     */
    public static DropBlocks of(LearningRates rates, int[] steps, int exactSteps, double relativeWidth) {
        double[] prefix = new double[rates.lastStep() + 2];
        for (int k = 0; k <= rates.lastStep(); k++) {
            prefix[k + 1] = prefix[k] + rates.at(k);
        }
        Builder b = new Builder(steps.length);
        for (int i = 0; i < steps.length; i++) {
            b.first[i] = b.size;
            b.point(rates, prefix, steps[i], exactSteps, relativeWidth);
        }
        b.first[steps.length] = b.size;
        return new DropBlocks(b.first, Arrays.copyOf(b.drop, b.size), Arrays.copyOf(b.area, b.size),
                Arrays.copyOf(b.lnEta, b.size));
    }

    /** Index of point {@code i}'s first block. */
    public int first(int i) {
        return first[i];
    }

    /** Index past point {@code i}'s last block. */
    public int end(int i) {
        return first[i + 1];
    }

    /** The block's summed rate change Σ (η_k − η_{k−1}). */
    public double drop(int block) {
        return drop[block];
    }

    /** The block's area Σ_{τ=k..t} η_τ at its drop-weighted mean k. */
    public double area(int block) {
        return area[block];
    }

    /** The block's drop-weighted mean of ln η_k; −∞ when the rate falls to 0 there. */
    public double lnEta(int block) {
        return lnEta[block];
    }

    /** A schedule, by identity (comparing 10^4 rates would cost as much as grouping them), and its steps. */
    private record Key(LearningRates rates, int[] steps) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.rates == rates && Arrays.equals(k.steps, steps);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(rates) + Arrays.hashCode(steps);
        }
    }

    /** Growable parallel arrays of blocks. */
    private static final class Builder {
        private final int[] first;
        private double[] drop = new double[1024];
        private double[] area = new double[1024];
        private double[] lnEta = new double[1024];
        private int size;
        private double sumDrop;
        private double sumArea;
        private double sumLnEta;
        private int sign;
        private double blockEta;

        Builder(int points) {
            first = new int[points + 1];
        }

        void point(LearningRates rates, double[] prefix, int t, int exactSteps, double relativeWidth) {
            int blockTop = t;
            for (int k = t; k >= 1; k--) {
                int distance = t - blockTop;
                int width = distance < exactSteps ? 1 : Math.max(1, (int) (relativeWidth * distance));
                double gap = rates.at(k) - rates.at(k - 1);
                int s = (int) Math.signum(gap);
                boolean zeroRate = rates.at(k) == 0;
                boolean steep = s != 0 && sign != 0 && !(rates.at(k) <= MAX_RATIO * blockEta
                        && blockEta <= MAX_RATIO * rates.at(k));
                if (blockTop - k + 1 > width || (s != 0 && sign != 0 && s != sign) || zeroRate || steep) {
                    flush();
                    blockTop = k;
                }
                if (s == 0) {
                    continue;
                }
                if (sign == 0) {
                    blockEta = rates.at(k);
                }
                sign = s;
                double a = prefix[t + 1] - prefix[k];
                sumDrop += gap;
                sumArea += gap * a;
                sumLnEta += zeroRate ? Double.NEGATIVE_INFINITY : gap * Math.log(rates.at(k));
                if (zeroRate) {
                    flush();
                    blockTop = k - 1;
                }
            }
            flush();
        }

        private void flush() {
            if (sign != 0) {
                if (size == drop.length) {
                    drop = Arrays.copyOf(drop, 2 * size);
                    area = Arrays.copyOf(area, 2 * size);
                    lnEta = Arrays.copyOf(lnEta, 2 * size);
                }
                drop[size] = sumDrop;
                area[size] = sumArea / sumDrop;
                lnEta[size] = Double.isInfinite(sumLnEta) ? Double.NEGATIVE_INFINITY : sumLnEta / sumDrop;
                size++;
            }
            sumDrop = 0;
            sumArea = 0;
            sumLnEta = 0;
            sign = 0;
        }
    }
}
