package io.scalecast.core.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalecast.core.schedule.DropBlocks;
import io.scalecast.core.schedule.LossCurve;
import io.scalecast.core.schedule.MultiPowerData;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiPowerLawTest {

    /** The repository's fitted parameters of its 25M model (src/config.py, PARAMS["25"]). */
    static final MultiPowerLaw REPOSITORY_25M = MultiPowerLaw.fromVector(new double[] {3.04045406, 0.52468604,
        0.50786857, 363.78751622, 2.06560812, 0.58279013, 0.64142257});

    /**
     * At the repository's own parameters the law, summed exactly, gives the mean relative error its evaluation
     * logged for each held-out curve (logs/25.log, "prede"): the same law, the same rates, the same data.
     */
    @Test
    void theRepositorysParametersGiveItsLoggedErrors() {
        Map<String, Double> logged = Map.of("constant_72000", 0.00046889913094910995,
                "cosine_72000", 0.002239722609597285, "wsd_20000_24000", 0.000998797970943345,
                "wsdld_20000_24000", 0.0009152438097478043, "wsdcon_3", 0.0012851551383490619);
        logged.forEach((name, prede) -> {
            LossCurve c = MultiPowerData.curve(25, name);
            double[] exact = REPOSITORY_25M.losses(c.rates(), c.steps(),
                    DropBlocks.of(c.rates(), c.steps(), Integer.MAX_VALUE, 0));
            assertThat(c.relativeErrors(exact)[0]).as(name).isCloseTo(prede, within(1e-9));
        });
    }

    /** The grouped loss-drop sum stays within 1e-6 of the exact one on every schedule of the data. */
    @Test
    void groupedDropSumsMatchTheExactSum() {
        for (String name : MultiPowerData.TEST) {
            LossCurve c = MultiPowerData.curve(25, name);
            double[] exact = REPOSITORY_25M.losses(c.rates(), c.steps(),
                    DropBlocks.of(c.rates(), c.steps(), Integer.MAX_VALUE, 0));
            DropBlocks grouped = DropBlocks.of(c.rates(), c.steps());
            double[] fast = REPOSITORY_25M.losses(c.rates(), c.steps(), grouped);
            for (int i = 0; i < exact.length; i++) {
                assertThat(fast[i] / exact[i] - 1).as(name + " step " + c.steps()[i]).isCloseTo(0, within(1e-6));
            }
            assertThat(grouped.end(c.size() - 1)).as(name + " blocks").isLessThan(c.size() * 300);
        }
    }
}
