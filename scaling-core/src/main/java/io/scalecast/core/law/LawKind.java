package io.scalecast.core.law;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The laws ScaleCast fits and publishes, by their names on the wire ({@code FittedLaw.law}), each with its
 * {@link LawCodec} and the queries it answers.
 */
public enum LawKind {

    /** Hoffmann et al.'s L(N, D) = E + A/N^α + B/D^β; draws [E, A, B, alpha, beta]. */
    CHINCHILLA("chinchilla", Answers.LOSS_IN_PARAMS_AND_TOKENS, new LawCodec<ChinchillaLaw, ChinchillaLaw>(
            List.copyOf(ChinchillaLaw.NAMED.keySet()), ChinchillaLaw::fromVector, ChinchillaLaw::toVector,
            law -> law, ChinchillaLaw.PARAMETERS, ChinchillaLaw::fromVector, ChinchillaLaw::toVector)),

    /**
     * L(C) = E + A·C^−α on the family's compute-efficient frontier; draws [E, A, alpha]. It answers only the loss at
     * a compute budget (compute-optimal's {@code frontier}).
     */
    POWER_COMPUTE("power-compute", Answers.LOSS_IN_COMPUTE, new LawCodec<PowerLaw, PowerLaw>(
            List.of("E", "A", "alpha"), v -> new PowerLaw(v[0], v[1], v[2]),
            law -> new double[] {law.e(), law.a(), law.alpha()}, law -> law, 3,
            v -> new PowerLaw(v[0], v[1], v[2]), law -> new double[] {law.e(), law.a(), law.alpha()})),

    /**
     * Gadre et al.'s L(N, M) = E + a·N^p + b·6^(p/2)·(M·N)^p, params E, a, b, p; it answers in Chinchilla form
     * (α = β = −p), in which its draws are published, so every loss query applies to it.
     */
    OVERTRAINING("overtraining", Answers.LOSS_IN_PARAMS_AND_TOKENS, new LawCodec<OvertrainingLaw, ChinchillaLaw>(
            OvertrainingLaw.NAMES, OvertrainingLaw::fromVector, OvertrainingLaw::toVector,
            OvertrainingLaw::toChinchilla, ChinchillaLaw.PARAMETERS, ChinchillaLaw::fromVector,
            ChinchillaLaw::toVector)),

    /**
     * Tissue et al.'s learning-rate annealing law of a run's loss curve, L(s) = L0 + A·S1^−α − C·S2; params and draws
     * [L0, A, alpha, C], read under the default λ and warm-up convention ({@link TissueLaw#withConvention} sets the
     * published ones). fit-service fits it per model size to forecast runs ({@code scalecast.forecasts}).
     */
    LR_ANNEALING("lr-annealing", Answers.LOSS_ALONG_A_RUN, new LawCodec<TissueLaw, TissueLaw>(
            List.of(TissueLaw.NAMES), TissueLaw::fromVector, TissueLaw::toVector, law -> law,
            TissueLaw.NAMES.length, TissueLaw::fromVector, TissueLaw::toVector)),

    /** Luo et al.'s Multi-Power Law of a run's loss curve; params and draws [L0, A, alpha, B, C, beta, gamma]. */
    MULTI_POWER("multi-power", Answers.LOSS_ALONG_A_RUN, new LawCodec<MultiPowerLaw, MultiPowerLaw>(
            List.of(MultiPowerLaw.NAMES), MultiPowerLaw::fromVector, MultiPowerLaw::toVector, law -> law,
            MultiPowerLaw.NAMES.length, MultiPowerLaw::fromVector, MultiPowerLaw::toVector));

    /** What a law's answers are a function of. */
    public enum Answers {
        /** The loss at N parameters and D tokens, in Chinchilla form: predictions, compute-optimal, curves. */
        LOSS_IN_PARAMS_AND_TOKENS,
        /** The loss at a compute budget C. */
        LOSS_IN_COMPUTE,
        /** The loss at each step of one run under its learning rates: run forecasts, what-ifs, decay planning. */
        LOSS_ALONG_A_RUN
    }

    private final String wireName;
    private final Answers answers;
    private final LawCodec<?, ?> codec;

    LawKind(String wireName, Answers answers, LawCodec<?, ?> codec) {
        this.wireName = wireName;
        this.answers = answers;
        this.codec = codec;
    }

    /** The name on the wire and in REST ({@code law=}). */
    public String wireName() {
        return wireName;
    }

    /** What the law's answers are a function of. */
    public Answers answers() {
        return answers;
    }

    /** The kind's codec, for what every kind shares (names, reading parameters); typed access below. */
    public LawCodec<?, ?> codec() {
        return codec;
    }

    /** The kind of a wire name. */
    public static Optional<LawKind> of(String wireName) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(wireName)).findFirst();
    }

    /** The wire names of the kinds answering {@code answers}, in declaration order. */
    public static List<String> answering(Answers answers) {
        return Arrays.stream(values()).filter(k -> k.answers == answers).map(LawKind::wireName).toList();
    }

    /** The codec of a kind answering the loss in N and D; its query law is the Chinchilla form. */
    @SuppressWarnings("unchecked")
    public LawCodec<?, ChinchillaLaw> inParamsAndTokens() {
        require(Answers.LOSS_IN_PARAMS_AND_TOKENS);
        return (LawCodec<?, ChinchillaLaw>) codec;
    }

    /** The codec of a kind answering the loss at a compute budget. */
    @SuppressWarnings("unchecked")
    public LawCodec<?, PowerLaw> inCompute() {
        require(Answers.LOSS_IN_COMPUTE);
        return (LawCodec<?, PowerLaw>) codec;
    }

    /** The Chinchilla law's own codec, typed for the fit side. */
    @SuppressWarnings("unchecked")
    public static LawCodec<ChinchillaLaw, ChinchillaLaw> chinchilla() {
        return (LawCodec<ChinchillaLaw, ChinchillaLaw>) CHINCHILLA.codec;
    }

    /** The power law in compute's codec, typed for the fit side. */
    @SuppressWarnings("unchecked")
    public static LawCodec<PowerLaw, PowerLaw> powerCompute() {
        return (LawCodec<PowerLaw, PowerLaw>) POWER_COMPUTE.codec;
    }

    /** The over-training law's codec, typed for the fit side. */
    @SuppressWarnings("unchecked")
    public static LawCodec<OvertrainingLaw, ChinchillaLaw> overtraining() {
        return (LawCodec<OvertrainingLaw, ChinchillaLaw>) OVERTRAINING.codec;
    }

    /** The learning-rate annealing law's codec, typed. */
    @SuppressWarnings("unchecked")
    public static LawCodec<TissueLaw, TissueLaw> annealing() {
        return (LawCodec<TissueLaw, TissueLaw>) LR_ANNEALING.codec;
    }

    /** The Multi-Power Law's codec, typed. */
    @SuppressWarnings("unchecked")
    public static LawCodec<MultiPowerLaw, MultiPowerLaw> multiPower() {
        return (LawCodec<MultiPowerLaw, MultiPowerLaw>) MULTI_POWER.codec;
    }

    private void require(Answers wanted) {
        if (answers != wanted) {
            throw new IllegalArgumentException("the " + wireName + " law answers " + answers + ", not " + wanted);
        }
    }
}
