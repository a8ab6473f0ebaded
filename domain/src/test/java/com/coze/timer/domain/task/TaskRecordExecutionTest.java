package com.coze.timer.domain.task;

import static com.coze.timer.domain.stop.ResponseDocuments.aResponseWith;
import static com.coze.timer.domain.task.TaskBuilder.CREATED_AT;
import static com.coze.timer.domain.task.TaskBuilder.aTask;
import static com.coze.timer.domain.task.TaskTest.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.stop.ResponseDocument;
import com.coze.timer.domain.stop.StopPolicy.ExecutionFacts;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskRecordExecutionTest {

    private static final int MAX_FAILURES = 3;
    private static final String EXECUTION_ID = "exec-1";
    private static final Instant NOW = CREATED_AT.plusSeconds(20);
    private static final ExecutionFacts NO_RESPONSE = new ExecutionFacts(0, false, ResponseDocument.EMPTY);
    private static final ExecutionFacts EMPTY_RESPONSE = new ExecutionFacts(0, true, ResponseDocument.EMPTY);

    private static ExecutionFacts respondedWith(ResponseDocument response) {
        return new ExecutionFacts(0, true, response);
    }

    private static Task claimed(Task task) {
        Instant at = task.nextRunTime().orElseThrow();
        return task.claimNextFire(EXECUTION_ID, at.plusSeconds(60), at).orElseThrow();
    }

    private static Task succeeded(Task task, ExecutionFacts facts) {
        return task.recordExecution(EXECUTION_ID, true, facts, MAX_FAILURES, NOW).orElseThrow();
    }

    private static Task succeeded(Task task) {
        return succeeded(task, EMPTY_RESPONSE);
    }

    private static Task failed(Task task) {
        return task.recordExecution(EXECUTION_ID, false, NO_RESPONSE, MAX_FAILURES, NOW).orElseThrow();
    }

    @Test
    void givenMaxCountThree_thenTheTaskCompletesExactlyAtTheThirdExecution() {
        Task task = aTask().interval(20).maxCount(3).running().build();

        Task afterFirst = succeeded(task);
        Task afterSecond = succeeded(afterFirst);
        Task afterThird = succeeded(afterSecond);

        assertThat(afterFirst.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(afterSecond.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(afterSecond.executionCount()).isEqualTo(2);
        assertThat(afterThird.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(afterThird.executionCount()).isEqualTo(3);
        assertThat(afterThird.nextRunTime()).isEmpty();
    }

    @Test
    void givenMaxCountReached_thenTaskCompletesEvenIfTheLastExecutionFailed() {
        Task task = aTask().interval(20).maxCount(3).running().executionCount(2).build();

        assertThat(failed(task).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void givenMaxCountOne_thenTheFirstExecutionCompletesThePendingTask() {
        Task task = aTask().interval(20).maxCount(1).build();

        assertThat(succeeded(task).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void theExecutionCountIsTheTasksOwnNotTheOneTheCallerPassed() {
        Task task = aTask().interval(20).maxCount(3).running().build();

        Task recorded = succeeded(task, new ExecutionFacts(99, true, ResponseDocument.EMPTY));

        assertThat(recorded.executionCount()).isEqualTo(1);
        assertThat(recorded.status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void givenTheSeedsFinshCondition_whenTheResponseSaysFinshTrue_thenTheTaskCompletes() {
        Task task = aTask().interval(20).stopWhen("finsh", "true").running().build();

        Task recorded = succeeded(task, respondedWith(aResponseWith("/finsh", "true")));

        assertThat(recorded.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(recorded.nextRunTime()).isEmpty();
    }

    @Test
    void givenTheSeedsFinshCondition_whenTheResponseSaysFinshFalse_thenTheTaskKeepsRunning() {
        Task task = aTask().interval(20).stopWhen("finsh", "true").running().build();

        Task recorded = succeeded(task, respondedWith(aResponseWith("/finsh", "false")));

        assertThat(recorded.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(recorded.nextRunTime()).isPresent();
    }

    @Test
    void givenTheSeedsFinshCondition_whenTheResponseSaysTheStringTrue_thenTheTaskKeepsRunning() {
        Task task = aTask().interval(20).stopWhen("finsh", "true").running().build();

        Task recorded = succeeded(task, respondedWith(aResponseWith("/finsh", "\"true\"")));

        assertThat(recorded.status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void givenTheSeedsFinshCondition_whenThereWasNoResponse_thenTheTaskKeepsRunning() {
        Task task = aTask().interval(20).stopWhen("finsh", "true").running().build();

        Task recorded = task.recordExecution(EXECUTION_ID, false, new ExecutionFacts(0, false, aResponseWith("/finsh", "true")),
                MAX_FAILURES, NOW).orElseThrow();

        assertThat(recorded.status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void givenAJsonPointerCondition_whenTheNestedFieldMatches_thenTheTaskCompletes() {
        Task task = aTask().interval(20).stopWhen("/data/done", "true").running().build();

        Task recorded = succeeded(task, respondedWith(aResponseWith("/data/done", "true")));

        assertThat(recorded.status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void givenAJsonPointerCondition_whenOnlyATopLevelFieldOfThatNameMatches_thenTheTaskKeepsRunning() {
        Task task = aTask().interval(20).stopWhen("/data/done", "true").running().build();

        Task recorded = succeeded(task, respondedWith(aResponseWith("/done", "true")));

        assertThat(recorded.status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void givenAKeyWithASlashThatIsNotAPointer_thenItIsMatchedAsOneEscapedTopLevelField() {
        Task task = aTask().interval(20).stopWhen("a/b", "1").running().build();

        assertThat(succeeded(task, respondedWith(aResponseWith("/a/b", "1"))).status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(succeeded(task, respondedWith(aResponseWith("/a~1b", "1"))).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void givenAKeyWithATildeThatIsNotAPointer_thenItIsMatchedAsOneEscapedTopLevelField() {
        Task task = aTask().interval(20).stopWhen("a~b", "\"yes\"").running().build();

        assertThat(succeeded(task, respondedWith(aResponseWith("/a~b", "\"yes\""))).status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(succeeded(task, respondedWith(aResponseWith("/a~0b", "\"yes\""))).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void givenSeveralConditions_thenAnyOneMetCompletesTheTask() {
        Task task = aTask().interval(20).maxCount(100).stopWhen("finsh", "true").stopWhen("/data/done", "true").running().build();

        Task recorded = succeeded(task, respondedWith(aResponseWith(Map.of("/finsh", "false", "/data/done", "true"))));

        assertThat(recorded.status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void givenAOnceTask_whenItsExecutionSucceeds_thenItCompletes() {
        Task fired = claimed(aTask().once().build());

        Task recorded = succeeded(fired);

        assertThat(recorded.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(recorded.executionCount()).isEqualTo(1);
        assertThat(recorded.nextRunTime()).isEmpty();
        assertThat(recorded.pendingFire()).isEmpty();
    }

    @Test
    void givenAOnceTask_whenItsExecutionFails_thenItFails() {
        Task fired = claimed(aTask().once().build());

        Task recorded = failed(fired);

        assertThat(recorded.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(recorded.consecutiveFailures()).isEqualTo(1);
        assertThat(recorded.nextRunTime()).isEmpty();
    }

    @Test
    void givenAPendingOnceTask_whenItsExecutionIsRecordedStraightAway_thenItCompletes() {
        assertThat(succeeded(aTask().once().build()).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void givenAPendingRecurringTask_whenItsFirstExecutionIsRecorded_thenItIsRunning() {
        Task recorded = succeeded(claimed(aTask().interval(20).build()));

        assertThat(recorded.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(recorded.executionCount()).isEqualTo(1);
        assertThat(recorded.nextRunTime()).contains(CREATED_AT.plusSeconds(40));
    }

    @Test
    void givenTheFireInFlight_whenItsExecutionIsRecorded_thenNoFireIsPendingAnyMore() {
        Task recorded = succeeded(claimed(aTask().interval(20).build()));

        assertThat(recorded.pendingFire()).isEmpty();
    }

    @Test
    void givenANewerFireInFlight_whenAnOlderExecutionIsRecorded_thenTheNewerFireStaysPending() {
        Task task = aTask().interval(20).running().pendingFire("exec-2", CREATED_AT.plusSeconds(20)).build();

        Task recorded = succeeded(task);

        assertThat(recorded.pendingFire().orElseThrow().executionId()).isEqualTo("exec-2");
        assertThat(recorded.executionCount()).isEqualTo(1);
    }

    @Test
    void givenARecurringTask_whenItFailsFewerTimesInARowThanAllowed_thenItKeepsRunning() {
        Task task = aTask().interval(20).running().build();

        Task twice = failed(failed(task));

        assertThat(twice.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(twice.consecutiveFailures()).isEqualTo(2);
        assertThat(twice.executionCount()).isEqualTo(2);
        assertThat(twice.nextRunTime()).isPresent();
    }

    @Test
    void givenARecurringTask_whenItFailsTheAllowedNumberOfTimesInARow_thenItFails() {
        Task task = aTask().interval(20).running().build();

        Task thrice = failed(failed(failed(task)));

        assertThat(thrice.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(thrice.nextRunTime()).isEmpty();
    }

    @Test
    void givenARecurringTask_whenASuccessComesBetweenFailures_thenTheCounterStartsAgain() {
        Task task = aTask().interval(20).running().build();

        Task afterSuccess = succeeded(failed(failed(task)));
        Task twoMoreFailures = failed(failed(afterSuccess));

        assertThat(afterSuccess.consecutiveFailures()).isZero();
        assertThat(twoMoreFailures.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(failed(twoMoreFailures).status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void givenARecurringTaskWithNoFurtherOccurrence_whenItsLastExecutionIsRecorded_thenItCompletes() {
        Task task = aTask().cron("0 0 12 22 4 ? 2026", "UTC").createdAt(Instant.parse("2026-04-22T11:00:00Z")).build();
        Task fired = claimed(task);

        assertThat(fired.nextRunTime()).isEmpty();
        assertThat(succeeded(fired).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void givenARunningRecurringTask_whenAnExecutionSucceeds_thenItKeepsItsNextRunTime() {
        Task task = aTask().interval(20).running().nextRunTime(CREATED_AT.plusSeconds(40)).build();

        Task recorded = succeeded(task);

        assertThat(recorded.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(recorded.nextRunTime()).contains(CREATED_AT.plusSeconds(40));
        assertThat(recorded.updatedAt()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"COMPLETED", "FAILED", "STOPPED"})
    void givenAFinalTask_whenAnExecutionIsRecorded_thenItIsRejectedAsAConflictAndHasNoNextRunTime(TaskStatus status) {
        Task task = aTask().interval(20).status(status).build();

        Result<Task> result = task.recordExecution(EXECUTION_ID, true, EMPTY_RESPONSE, MAX_FAILURES, NOW);

        assertThat(rejectionOf(result).code()).isEqualTo(Rejection.Code.CONFLICT);
        assertThat(task.nextRunTime()).isEmpty();
    }

    @Test
    void givenACancelledTask_whenItsInFlightExecutionIsRecorded_thenItStaysStopped() {
        Task stopped = aTask().interval(20).running().build().cancel(NOW).orElseThrow();

        assertThat(stopped.recordExecution(EXECUTION_ID, true, EMPTY_RESPONSE, MAX_FAILURES, NOW).isOk()).isFalse();
        assertThat(stopped.status()).isEqualTo(TaskStatus.STOPPED);
    }
}
