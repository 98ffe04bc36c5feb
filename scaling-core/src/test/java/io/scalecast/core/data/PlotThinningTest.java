package io.scalecast.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlotThinningTest {

    @Test
    void thinsEachRunInProportionAndKeepsItsEnds() {
        List<CheckpointPoint> points = new ArrayList<>();
        for (int k = 1; k <= 900; k++) {
            points.add(new CheckpointPoint("big", 1e9, 1e7 * k, 3.0 - k * 1e-3));
        }
        for (int k = 1; k <= 100; k++) {
            points.add(new CheckpointPoint("small", 1e8, 1e7 * k, 3.5 - k * 1e-3));
        }

        List<CheckpointPoint> kept = PlotThinning.thin(points, 100);

        assertThat(kept).hasSize(100);
        assertThat(kept.stream().filter(p -> p.run().equals("big"))).hasSize(90);
        assertThat(kept).contains(points.get(0), points.get(899), points.get(900), points.get(999));
        assertThat(PlotThinning.thin(points, 5000)).isSameAs(points);
        assertThatThrownBy(() -> PlotThinning.thin(points, 0)).hasMessageContaining("max");
    }
}
