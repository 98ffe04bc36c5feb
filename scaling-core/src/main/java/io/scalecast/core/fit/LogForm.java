package io.scalecast.core.fit;

import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.PowerLaw;
import java.util.function.Function;

/**
 * A law as the vector its fitter searches in (logs of the positive parameters), so that machinery generic over
 * laws, such as {@link RollingBootstrap}, can move a law by an offset in the space where its fits are made.
 *
 * @param <L> the law
 * @param toVector the law's search vector
 * @param fromVector the law of a search vector
 */
public record LogForm<L>(Function<L, double[]> toVector, Function<double[], L> fromVector) {

    /** The Chinchilla law's (ln A, ln B, ln E, α, β). */
    public static final LogForm<ChinchillaLaw> CHINCHILLA = new LogForm<>(ChinchillaLaw::toLogVector,
            ChinchillaLaw::fromLogVector);

    /** The power law's (ln A, ln E, α). */
    public static final LogForm<PowerLaw> POWER = new LogForm<>(PowerLaw::toLogVector, PowerLaw::fromLogVector);

    /** The law {@code offset} away from {@code law} in the search space. */
    public L shifted(L law, double[] offset) {
        double[] v = toVector.apply(law).clone();
        for (int k = 0; k < v.length; k++) {
            v[k] += offset[k];
        }
        return fromVector.apply(v);
    }

    /** The offset of {@code law} from {@code centre} in the search space. */
    public double[] offset(L law, L centre) {
        double[] v = toVector.apply(law).clone();
        double[] c = toVector.apply(centre);
        for (int k = 0; k < v.length; k++) {
            v[k] -= c[k];
        }
        return v;
    }
}
