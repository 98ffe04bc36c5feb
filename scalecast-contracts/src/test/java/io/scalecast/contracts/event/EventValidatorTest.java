package io.scalecast.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventValidatorTest {

    private static final CheckpointEvent VALID = new CheckpointEvent(1, "lab-a", "family.1", "run 1", 1e8, 2e9, 100L,
            null, 3.2, 3e-4, null, "2026-11-23T10:00:00Z");

    @Test
    void acceptsAValidCheckpointAndFillsDefaults() {
        assertThat(EventValidator.validate(VALID)).isEmpty();
        assertThat(VALID.metricOrDefault()).isEqualTo("loss");
        assertThat(VALID.flopsOrDefault()).isEqualTo(6 * 1e8 * 2e9);
    }

    static Stream<Arguments> badCheckpoints() {
        return Stream.of(
                bad("schemaVersion", e -> with(e, 2, e.lab(), e.tokens(), e.value(), e.step(), e.time())),
                bad("schemaVersion", e -> with(e, null, e.lab(), e.tokens(), e.value(), e.step(), e.time())),
                bad("lab", e -> with(e, 1, "Lab A", e.tokens(), e.value(), e.step(), e.time())),
                bad("lab", e -> with(e, 1, null, e.tokens(), e.value(), e.step(), e.time())),
                bad("tokens", e -> with(e, 1, e.lab(), -5.0, e.value(), e.step(), e.time())),
                bad("tokens", e -> with(e, 1, e.lab(), Double.POSITIVE_INFINITY, e.value(), e.step(), e.time())),
                bad("value", e -> with(e, 1, e.lab(), e.tokens(), Double.NaN, e.step(), e.time())),
                bad("value", e -> with(e, 1, e.lab(), e.tokens(), 0.0, e.step(), e.time())),
                bad("step", e -> with(e, 1, e.lab(), e.tokens(), e.value(), -1L, e.time())),
                bad("time", e -> with(e, 1, e.lab(), e.tokens(), e.value(), e.step(), "yesterday")));
    }

    @ParameterizedTest
    @MethodSource("badCheckpoints")
    void namesTheBadFieldOfACheckpoint(String field, UnaryOperator<CheckpointEvent> change) {
        List<Violation> violations = EventValidator.validate(change.apply(VALID));

        assertThat(violations).extracting(Violation::field).containsExactly(field);
    }

    @Test
    void reportsEveryViolationInTheExceptionMessage() {
        CheckpointEvent empty = new CheckpointEvent(null, null, null, null, null, null, null, null, null, null, null,
                null);

        assertThatThrownBy(() -> EventValidator.require(empty))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("schemaVersion: is required")
                .hasMessageContaining("family: is required")
                .hasMessageContaining("params: is required")
                .hasMessageContaining("value: is required");
    }

    @Test
    void checksEvalRanges() {
        EvalEvent ok = new EvalEvent(1, "lab", "fam", "r1", 1e8, 2e9, 10L, "arc_easy", "accuracy", 0.55, 0.25, 0,
                null);
        EvalEvent bad = new EvalEvent(1, "lab", "fam", "r1", 1e8, 2e9, 10L, "arc_easy", "accuracy", 1.5, 1.0, -1,
                null);

        assertThat(EventValidator.validate(ok)).isEmpty();
        assertThat(EventValidator.validate(bad)).extracting(Violation::field)
                .containsExactly("value", "chance", "shots");
    }

    private static Arguments bad(String field, UnaryOperator<CheckpointEvent> change) {
        return Arguments.of(field, change);
    }

    private static CheckpointEvent with(CheckpointEvent e, Integer version, String lab, Double tokens, Double value,
                                        Long step, String time) {
        return new CheckpointEvent(version, lab, e.family(), e.run(), e.params(), tokens, step, e.metric(), value,
                e.learningRate(), e.flops(), time);
    }
}
