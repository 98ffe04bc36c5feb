package io.scalecast.core.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChinchillaLawTest {

    private static final double C = 5.76e23;

    @Test
    void hoffmannRoundedParametersGiveThePublishedAllocationAndLoss() {
        ChinchillaLaw law = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);
        ChinchillaLaw.Allocation opt = law.computeOptimal(C);

        assertThat(opt.paramsExponent()).isCloseTo(0.4516, within(1e-4));
        assertThat(opt.params()).isCloseTo(3.219e10, within(3.219e10 * 1e-3));
        assertThat(opt.tokens()).isCloseTo(2.982e12, within(2.982e12 * 1e-3));
        assertThat(opt.tokens() / opt.params()).isCloseTo(92.65, within(0.05));
        assertThat(law.loss(70e9, 1.4e12)).isCloseTo(1.9366, within(1e-4));
    }

    @Test
    void hoffmannUnroundedParametersGiveThePublishedAllocationAndLoss() {
        ChinchillaLaw law = new ChinchillaLaw(Math.exp(0.5267228), Math.exp(6.0073404), Math.exp(6.0179186),
                0.33917084, 0.2849083);
        ChinchillaLaw.Allocation opt = law.computeOptimal(C);

        assertThat(opt.paramsExponent()).isCloseTo(0.4565, within(1e-4));
        assertThat(opt.params()).isCloseTo(4.036e10, within(4.036e10 * 1e-3));
        assertThat(opt.tokens()).isCloseTo(2.379e12, within(2.379e12 * 1e-3));
        assertThat(opt.tokens() / opt.params()).isCloseTo(58.93, within(0.05));
        assertThat(law.loss(70e9, 1.4e12)).isCloseTo(1.9208, within(1e-4));
    }

    @Test
    void epochPaperParametersGiveThePublishedAllocationAndLoss() {
        ChinchillaLaw law = new ChinchillaLaw(1.8172, 482.01, 2085.43, 0.3478, 0.3658);
        ChinchillaLaw.Allocation opt = law.computeOptimal(C);

        assertThat(opt.paramsExponent()).isCloseTo(0.5126, within(1e-4));
        assertThat(opt.params()).isCloseTo(7.225e10, within(7.225e10 * 1e-3));
        assertThat(opt.tokens()).isCloseTo(1.329e12, within(1.329e12 * 1e-3));
        assertThat(opt.tokens() / opt.params()).isCloseTo(18.39, within(0.05));
        assertThat(law.loss(70e9, 1.4e12)).isCloseTo(1.9739, within(1e-4));
        assertThat(opt.flops()).isCloseTo(6 * opt.params() * opt.tokens(), within(C * 1e-9));
    }

    @Test
    void logVectorRoundTrips() {
        ChinchillaLaw law = new ChinchillaLaw(1.8, 450, 2000, 0.34, 0.36);
        ChinchillaLaw back = ChinchillaLaw.fromLogVector(law.toLogVector());

        assertThat(back.e()).isCloseTo(1.8, within(1e-12));
        assertThat(back.a()).isCloseTo(450, within(1e-9));
        assertThat(back.b()).isCloseTo(2000, within(1e-9));
    }
}
