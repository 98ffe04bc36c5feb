package io.scalecast.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCutTest {

    @Test
    void dropsTheFirstTenBillionTokensOfLongRuns() {
        List<CheckpointPoint> points = List.of(new CheckpointPoint("big", 1e9, 5e9, 3.5),
                new CheckpointPoint("big", 1e9, 1e10, 3.2), new CheckpointPoint("big", 1e9, 5e10, 2.9));

        assertThat(TokenCut.HITCHHIKER.apply(points)).extracting(CheckpointPoint::tokens).containsExactly(1e10, 5e10);
    }

    @Test
    void dropsTheFirstTenPercentOfShortRuns() {
        List<CheckpointPoint> points = List.of(new CheckpointPoint("small", 1e7, 1e8, 5.0),
                new CheckpointPoint("small", 1e7, 2e8, 4.5), new CheckpointPoint("small", 1e7, 2e9, 4.0));

        assertThat(TokenCut.HITCHHIKER.apply(points)).extracting(CheckpointPoint::tokens).containsExactly(2e8, 2e9);
        assertThat(TokenCut.NONE.apply(points)).hasSize(3);
    }

    @Test
    void familyDataCountsRunsAndExtremes() {
        FamilyData data = FamilyData.of(List.of(new CheckpointPoint("a", 1e7, 1e8, 5.0),
                new CheckpointPoint("b", 3e7, 4e8, 4.5), new CheckpointPoint("a", 1e7, 2e8, 4.8)));

        assertThat(data.runs()).isEqualTo(2);
        assertThat(data.maxParams()).isEqualTo(3e7);
        assertThat(data.maxTokens()).isEqualTo(4e8);
        assertThat(data.size()).isEqualTo(3);
    }

    @Test
    void parsesTheRulesUsersNameAndRefusesOthersSayingWhatIsAccepted() {
        assertThat(TokenCut.parse("hitchhiker")).isEqualTo(TokenCut.HITCHHIKER);
        assertThat(TokenCut.parse("none")).isEqualTo(TokenCut.NONE);
        assertThat(TokenCut.parse("5e9")).isEqualTo(new TokenCut(5e9, 0, 0));
        assertThat(TokenCut.parse("0")).isEqualTo(TokenCut.NONE);
        for (String bad : new String[] {"-1", "1e17", "NaN", "lots", ""}) {
            assertThatThrownBy(() -> TokenCut.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("must be hitchhiker, none or a token count in [0, 1e16), was '" + bad + "'");
        }
        assertThatThrownBy(() -> TokenCut.parse(null)).hasMessageContaining("was 'null'");
    }
}
