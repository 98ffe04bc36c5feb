package io.scalecast.predict.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

class PerLabTest {

    private static final BinaryOperator<Integer> HIGHER = Math::max;

    @Test
    void holdsEachLabsValuesApartAndKeepsTheNewer() {
        PerLab<Integer> held = new PerLab<>();
        held.merge("a/fam/loss", 2, HIGHER);
        held.merge("a/fam/loss", 1, HIGHER);
        held.merge("a/other/loss", 5, HIGHER);
        held.merge("b/fam/loss", 7, HIGHER);

        assertThat(held.lab("a")).containsExactlyInAnyOrder(2, 5);
        assertThat(held.lab("b")).containsExactly(7);
        assertThat(held.lab("c")).isEmpty();
        assertThat(held.get("a/fam/loss")).contains(2);
        assertThat(held.get("c/fam/loss")).isEmpty();
        assertThat(held.size()).isEqualTo(3);

        held.remove("a/fam/loss");
        held.remove("c/fam/loss");
        assertThat(held.lab("a")).containsExactly(5);
        assertThat(held.size()).isEqualTo(2);
    }
}
