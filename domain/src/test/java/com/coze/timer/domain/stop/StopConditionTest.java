package com.coze.timer.domain.stop;

import static com.coze.timer.domain.stop.ResponseDocuments.aResponseWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.stop.StopPolicy.ExecutionFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StopConditionTest {

    private static final FieldMatch FINSH = new FieldMatch("finsh", "true");

    private static ExecutionFacts after(long executions) {
        return new ExecutionFacts(executions, true, ResponseDocument.EMPTY);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -300, Long.MIN_VALUE})
    void givenAMaxCountBelowOne_thenItIsRefusedOnMaxCnt(long max) {
        assertThatThrownBy(() -> new StopCondition(Optional.of(max), List.of()))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("stop_condition.max_cnt"));
    }

    @Test
    void givenAMaxCountOfOne_thenItIsAccepted() {
        assertThat(new StopCondition(Optional.of(1L), List.of()).maxCount()).contains(1L);
    }

    @Test
    void givenMaxCount300_thenItIsMetAtThe300thExecutionAndNotBefore() {
        StopCondition condition = new StopCondition(Optional.of(300L), List.of());

        assertThat(condition.isMetBy(after(299))).isFalse();
        assertThat(condition.isMetBy(after(300))).isTrue();
    }

    @Test
    void givenNoCondition_thenNothingStopsTheTask() {
        assertThat(StopCondition.NONE.isEmpty()).isTrue();
        assertThat(StopCondition.NONE.policies()).isEmpty();
        assertThat(StopCondition.NONE.isMetBy(after(1_000_000))).isFalse();
    }

    @Test
    void givenNullParts_thenTheyMeanNone() {
        StopCondition condition = new StopCondition(null, null);

        assertThat(condition).isEqualTo(StopCondition.NONE);
    }

    @Test
    void givenAMaxCountAndAFieldMatch_thenThereIsOnePolicyEach() {
        StopCondition condition = new StopCondition(Optional.of(3L), List.of(FINSH));

        assertThat(condition.policies()).hasSize(2);
        assertThat(condition.isEmpty()).isFalse();
    }

    @Test
    void givenSeveralPolicies_thenAnyOneMetIsEnough() {
        StopCondition condition = new StopCondition(Optional.of(3L), List.of(FINSH));

        assertThat(condition.isMetBy(new ExecutionFacts(1, true, aResponseWith("/finsh", "true")))).isTrue();
        assertThat(condition.isMetBy(new ExecutionFacts(3, true, aResponseWith("/finsh", "false")))).isTrue();
        assertThat(condition.isMetBy(new ExecutionFacts(2, true, aResponseWith("/finsh", "false")))).isFalse();
    }

    @Test
    void theFieldMatchesAreACopyTheCallerCannotChange() {
        List<FieldMatch> matches = new ArrayList<>(List.of(FINSH));
        StopCondition condition = new StopCondition(Optional.empty(), matches);

        matches.add(new FieldMatch("/data/done", "true"));

        assertThat(condition.fieldMatches()).containsExactly(FINSH);
        assertThatThrownBy(() -> condition.fieldMatches().add(FINSH)).isInstanceOf(UnsupportedOperationException.class);
    }
}
