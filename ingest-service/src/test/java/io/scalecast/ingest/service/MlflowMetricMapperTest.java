package io.scalecast.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalecast.ingest.service.MlflowMetricMapper.Mapped;
import io.scalecast.ingest.service.MlflowMetricMapper.Metric;
import io.scalecast.ingest.service.MlflowMetricMapper.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlflowMetricMapperTest {

    private static final Target TARGET = new Target("lab", "fam", "r1");
    private static final MlflowNames NAMES = new MlflowNames(List.of("num_params", "n_params"),
            List.of("tokens_per_step"), List.of("tokens"), List.of("loss", "train_loss"), List.of("lr"), "eval/");

    @Test
    void readsParameterCountsAsLabsWriteThem() {
        assertThat(MlflowMetricMapper.quantity("124000000")).isEqualTo(1.24e8);
        assertThat(MlflowMetricMapper.quantity("1.24e8")).isEqualTo(1.24e8);
        assertThat(MlflowMetricMapper.quantity("124M")).isEqualTo(1.24e8);
        assertThat(MlflowMetricMapper.quantity("1.3B")).isEqualTo(1.3e9);
        assertThat(MlflowMetricMapper.quantity("7k")).isEqualTo(7e3);
        assertThat(MlflowMetricMapper.quantity("124_000_000")).isEqualTo(1.24e8);
        assertThat(MlflowMetricMapper.quantity("big")).isNull();
        assertThat(MlflowMetricMapper.quantity("12 GB")).isNull();
    }

    @Test
    void aTokensMetricOfTheSameStepWinsOverTokensPerStep() {
        Mapped m = MlflowMetricMapper.map(TARGET, Map.of("n_params", "1e8", "tokens_per_step", "1000"), List.of(
                new Metric("train_loss", 3.0, null, 10), new Metric("tokens", 12_345.0, null, 10),
                new Metric("loss", 2.9, null, 20), new Metric("lr", 1e-4, null, 20)), NAMES);

        assertThat(m.checkpoints()).hasSize(2);
        assertThat(m.checkpoints().get(0).get("tokens").asDouble()).isEqualTo(12_345.0);
        assertThat(m.checkpoints().get(0).has("learningRate")).isFalse();
        assertThat(m.checkpoints().get(1).get("tokens").asDouble()).isEqualTo(20_000.0);
        assertThat(m.checkpoints().get(1).get("learningRate").asDouble()).isEqualTo(1e-4);
        assertThat(m.checkpoints()).allSatisfy(e -> assertThat(e.get("metric").asText()).isEqualTo("loss"));
        assertThat(m.ignored()).isZero();
    }

    @Test
    void skipsWhatIsNoPointOfALawAndCountsIt() {
        Mapped m = MlflowMetricMapper.map(TARGET, Map.of("num_params", "1e8", "tokens_per_step", "1000"), List.of(
                new Metric("loss", 10.8, null, 0), new Metric("grad_norm", 1.0, null, 5),
                new Metric("eval/arc_easy/acc_norm", 0.3, null, 5)), NAMES);

        assertThat(m.checkpoints()).isEmpty();
        assertThat(m.evals()).singleElement().satisfies(e -> {
            assertThat(e.get("benchmark").asText()).isEqualTo("arc_easy");
            assertThat(e.get("metric").asText()).isEqualTo("acc_norm");
        });
        assertThat(m.evalSources()).containsExactly("metric 'eval/arc_easy/acc_norm' at step 5");
        assertThat(m.ignored()).isEqualTo(2);
    }

    @Test
    void refusesALossWithoutNOrTokensNamingTheParameters() {
        assertThatThrownBy(() -> MlflowMetricMapper.map(TARGET, Map.of("tokens_per_step", "1000"),
                List.of(new Metric("loss", 3.0, null, 10)), NAMES))
                .isInstanceOf(MlflowException.class).hasMessageContaining("[num_params, n_params]");
        assertThatThrownBy(() -> MlflowMetricMapper.map(TARGET, Map.of("num_params", "1e8"),
                List.of(new Metric("loss", 3.0, null, 10)), NAMES))
                .isInstanceOf(MlflowException.class).hasMessageContaining("[tokens_per_step]")
                .hasMessageContaining("[tokens]");
    }
}
