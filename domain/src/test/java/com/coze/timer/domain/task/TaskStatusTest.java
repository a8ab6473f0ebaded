package com.coze.timer.domain.task;

import static com.coze.timer.domain.task.TaskStatus.COMPLETED;
import static com.coze.timer.domain.task.TaskStatus.FAILED;
import static com.coze.timer.domain.task.TaskStatus.PAUSED;
import static com.coze.timer.domain.task.TaskStatus.PENDING;
import static com.coze.timer.domain.task.TaskStatus.RUNNING;
import static com.coze.timer.domain.task.TaskStatus.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskStatusTest {

    /** The whole transition table, written out independently of the code under test. */
    private static final Map<TaskStatus, Set<TaskStatus>> LEGAL = Map.of(
            PENDING, EnumSet.of(RUNNING, PAUSED, COMPLETED, FAILED, STOPPED),
            RUNNING, EnumSet.of(RUNNING, PAUSED, COMPLETED, FAILED, STOPPED),
            PAUSED, EnumSet.of(PENDING, RUNNING, COMPLETED, FAILED, STOPPED),
            COMPLETED, EnumSet.noneOf(TaskStatus.class),
            FAILED, EnumSet.noneOf(TaskStatus.class),
            STOPPED, EnumSet.noneOf(TaskStatus.class));

    static Stream<Arguments> everyPairOfStates() {
        return Stream.of(TaskStatus.values()).flatMap(from -> Stream.of(TaskStatus.values())
                .map(to -> Arguments.of(from, to, LEGAL.get(from).contains(to))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPairOfStates")
    void everyMoveIsAllowedExactlyWhenTheTableSaysSo(TaskStatus from, TaskStatus to, boolean legal) {
        assertThat(from.canMoveTo(to)).isEqualTo(legal);
        assertThat(from.successors().contains(to)).isEqualTo(legal);
    }

    @Test
    void thereAreSixStates() {
        assertThat(TaskStatus.values()).containsExactly(PENDING, RUNNING, COMPLETED, FAILED, STOPPED, PAUSED);
    }

    @Test
    void onlyPendingAndRunningTasksFireOnTheirSchedule() {
        assertThat(EnumSet.allOf(TaskStatus.class).stream().filter(TaskStatus::firesOnSchedule))
                .containsExactlyInAnyOrderElementsOf(TaskStatus.firingOnSchedule()).containsExactlyInAnyOrder(PENDING, RUNNING);
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"COMPLETED", "FAILED", "STOPPED"})
    void givenAFinalState_thenItAcceptsNoMove(TaskStatus status) {
        assertThat(status.isFinal()).isTrue();
        assertThat(status.successors()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"PENDING", "RUNNING", "PAUSED"})
    void givenAnActiveState_thenItIsNotFinal(TaskStatus status) {
        assertThat(status.isFinal()).isFalse();
    }

    @Test
    void aPendingTaskCannotBecomePendingAgain() {
        assertThat(PENDING.canMoveTo(PENDING)).isFalse();
        assertThat(RUNNING.canMoveTo(PENDING)).isFalse();
    }

    @Test
    void successorsAreACopyThatCallersCannotUseToChangeTheTable() {
        PENDING.successors().clear();

        assertThat(PENDING.canMoveTo(RUNNING)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void everyStateIsParsedFromItsApiName(TaskStatus status) {
        assertThat(TaskStatus.fromWire(status.wire(), "status")).isEqualTo(status);
        assertThat(status.wire()).isEqualTo(status.name().toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "RUNNING", "cancelled", "done"})
    void givenAnUnknownStateName_thenItIsRefusedOnTheGivenField(String name) {
        assertThatThrownBy(() -> TaskStatus.fromWire(name, "status"))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("status"));
    }
}
