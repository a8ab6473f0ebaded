package com.coze.timer.domain.task;

import static com.coze.timer.domain.task.TaskBuilder.CREATED_AT;
import static com.coze.timer.domain.task.TaskBuilder.ID;
import static com.coze.timer.domain.task.TaskBuilder.aCallback;
import static com.coze.timer.domain.task.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.InvalidArgument;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.Result;
import com.coze.timer.domain.schedule.CronSchedule;
import com.coze.timer.domain.schedule.IntervalSchedule;
import com.coze.timer.domain.schedule.OnceSchedule;
import com.coze.timer.domain.stop.StopCondition;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskTest {

    private static final Instant NOW = CREATED_AT;
    private static final Instant LATER = NOW.plusSeconds(65);

    @Test
    void givenANewTask_thenItIsPendingWithItsFirstFireAsNextRunTime() {
        Task task = Task.create(ID, 1001, new IntervalSchedule(Duration.ofSeconds(20), Optional.empty()), aCallback(),
                StopCondition.NONE, NOW);

        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.nextRunTime()).contains(NOW.plusSeconds(20));
        assertThat(task.executionCount()).isZero();
        assertThat(task.consecutiveFailures()).isZero();
        assertThat(task.createdAt()).isEqualTo(NOW);
        assertThat(task.updatedAt()).isEqualTo(NOW);
        assertThat(task.version()).isZero();
        assertThat(task.isFinal()).isFalse();
    }

    @Test
    void givenANewTaskCreatedWithMicroseconds_thenItsTimesAreHeldToTheMillisecond() {
        Instant precise = Instant.parse("2026-04-22T10:00:00.123456789Z");

        Task task = Task.create(ID, 1001, new OnceSchedule(Optional.empty()), aCallback(), StopCondition.NONE, precise);

        assertThat(task.createdAt()).isEqualTo(Instant.parse("2026-04-22T10:00:00.123Z"));
        assertThat(task.nextRunTime()).contains(Instant.parse("2026-04-22T10:00:00.123Z"));
    }

    @Test
    void givenACronExpressionThatNeverFiresAgain_thenCreatingTheTaskIsRefusedOnCronExpression() {
        CronSchedule past = new CronSchedule("0 0 12 * * ? 2020", ZoneOffset.UTC, Optional.empty());

        assertThatThrownBy(() -> Task.create(ID, 1001, past, aCallback(), StopCondition.NONE, NOW))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("cron_expression"));
    }

    @Test
    void givenAFinalStatusAndANextRunTime_thenTheTaskCannotExist() {
        Task pending = aTask().build();

        assertThatThrownBy(() -> new Task(ID, 1001, pending.schedule(), pending.callback(), pending.stopCondition(),
                TaskStatus.COMPLETED, 3, 0, Optional.of(NOW), NOW, NOW, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAFinalStatusAndAPendingFire_thenTheTaskCannotExist() {
        Task pending = aTask().build();

        assertThatThrownBy(() -> new Task(ID, 1001, pending.schedule(), pending.callback(), pending.stopCondition(),
                TaskStatus.STOPPED, 3, 0, Optional.empty(), NOW, NOW, 0, Optional.of(new PendingFire("exec-1", NOW, LATER)),
                TaskTags.NONE, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAPendingTask_whenItsNextFireIsClaimed_thenThatOccurrenceIsPendingAndTheNextRunTimeMovesOn() {
        Task task = aTask().interval(20).build();
        Instant scheduled = task.nextRunTime().orElseThrow();
        Instant handledAt = scheduled.plusMillis(4);

        Task claimed = task.claimNextFire("exec-1", handledAt.plusSeconds(30), handledAt).orElseThrow();

        assertThat(claimed.pendingFire()).contains(new PendingFire("exec-1", scheduled, handledAt.plusSeconds(30)));
        assertThat(claimed.nextRunTime()).contains(scheduled.plusSeconds(20));
        assertThat(claimed.status()).as("running once an execution is recorded").isEqualTo(TaskStatus.PENDING);
        assertThat(claimed.updatedAt()).isEqualTo(handledAt);
        assertThat(claimed.executionCount()).as("counted when the execution is recorded").isZero();
    }

    @Test
    void givenARunningTask_whenItsNextFireIsClaimedLate_thenItStaysOnItsGrid() {
        Task task = aTask().interval(20).running().nextRunTime(NOW.plusSeconds(40)).build();

        Task claimed = task.claimNextFire("exec-3", NOW.plusSeconds(100), NOW.plusSeconds(40).plusMillis(900)).orElseThrow();

        assertThat(claimed.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(claimed.pendingFire().orElseThrow().scheduledTime()).isEqualTo(NOW.plusSeconds(40));
        assertThat(claimed.nextRunTime()).contains(NOW.plusSeconds(60));
    }

    @Test
    void givenAMisfiredTask_whenItsFireIsClaimedAfterDowntime_thenTheMissedOccurrenceFiresOnceAndTheNextIsOnTheGrid() {
        Task task = aTask().interval(20).running().nextRunTime(NOW).build();
        Instant backUpAt = NOW.plusSeconds(3600 + 7);

        Task claimed = task.claimNextFire("exec-9", backUpAt.plusSeconds(30), backUpAt).orElseThrow();

        assertThat(claimed.pendingFire().orElseThrow().scheduledTime()).isEqualTo(NOW);
        assertThat(claimed.nextRunTime()).contains(NOW.plusSeconds(3600 + 20));
    }

    @Test
    void givenAFireDueBeforeTheSchedulerStarted_whenClaimedSlightlyLate_thenTheOccurrencesThatPassedAreSkipped() {
        Task task = aTask().interval(2).running().nextRunTime(NOW).build();
        Instant startedAt = NOW.plusSeconds(3);
        MisfireRule misfires = new MisfireRule(Duration.ofSeconds(5), startedAt);

        Task claimed = task.claimNextFire("exec-1", startedAt.plusSeconds(30), startedAt, misfires).orElseThrow();

        assertThat(claimed.pendingFire().orElseThrow().scheduledTime()).isEqualTo(NOW);
        assertThat(claimed.nextRunTime()).as("not NOW+2s, which also passed").contains(NOW.plusSeconds(4));
    }

    @Test
    void givenAOnceTask_whenItsFireIsClaimed_thenThereIsNoNextRunTime() {
        Task task = aTask().once().build();

        Task claimed = task.claimNextFire("exec-1", NOW.plusSeconds(30), NOW).orElseThrow();

        assertThat(claimed.pendingFire()).isPresent();
        assertThat(claimed.nextRunTime()).isEmpty();
    }

    @Test
    void givenAFireAlreadyInFlight_whenAnotherIsClaimed_thenItIsRejectedAsAConflict() {
        Task claimed = aTask().interval(20).build().claimNextFire("exec-1", NOW.plusSeconds(30), NOW).orElseThrow();

        Result<Task> second = claimed.claimNextFire("exec-2", NOW.plusSeconds(30), NOW.plusSeconds(20));

        assertThat(rejectionOf(second).code()).isEqualTo(Rejection.Code.CONFLICT);
    }

    @Test
    void givenAOnceTaskWhoseFireIsRecorded_whenAnotherFireIsClaimed_thenItIsRejectedAsAConflict() {
        Task task = aTask().once().running().nextRunTime(null).build();

        assertThat(rejectionOf(task.claimNextFire("exec-2", NOW.plusSeconds(30), NOW)).code()).isEqualTo(Rejection.Code.CONFLICT);
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"COMPLETED", "FAILED", "STOPPED"})
    void givenAFinalTask_whenAFireIsClaimed_thenItIsRejectedAsAConflict(TaskStatus status) {
        Result<Task> result = aTask().status(status).build().claimNextFire("exec-1", NOW.plusSeconds(30), NOW);

        assertThat(rejectionOf(result).code()).isEqualTo(Rejection.Code.CONFLICT);
    }

    @Test
    void givenAClaimWithMicroseconds_thenItsTimesAreHeldToTheMillisecond() {
        Task task = aTask().interval(20).build();

        Task claimed = task.claimNextFire("exec-1", Instant.parse("2026-04-22T10:01:00.123456Z"),
                Instant.parse("2026-04-22T10:00:20.000999Z")).orElseThrow();

        assertThat(claimed.pendingFire().orElseThrow().leaseUntil()).isEqualTo(Instant.parse("2026-04-22T10:01:00.123Z"));
        assertThat(claimed.updatedAt()).isEqualTo(Instant.parse("2026-04-22T10:00:20Z"));
    }

    @Test
    void givenAFireWhoseLeaseRanOut_whenItIsTakenOver_thenItKeepsItsExecutionIdUnderANewLease() {
        Task task = aTask().running().nextRunTime(NOW.plusSeconds(20)).pendingFire("exec-1", NOW).build();

        Task renewed = task.renewLease(NOW.plusSeconds(180), NOW.plusSeconds(90)).orElseThrow();

        assertThat(renewed.pendingFire()).contains(new PendingFire("exec-1", NOW, NOW.plusSeconds(180)));
        assertThat(renewed.nextRunTime()).contains(NOW.plusSeconds(20));
        assertThat(task.pendingFire().orElseThrow().leaseExpiredAt(NOW.plusSeconds(90))).isTrue();
        assertThat(renewed.pendingFire().orElseThrow().leaseExpiredAt(NOW.plusSeconds(90))).isFalse();
    }

    @Test
    void givenNoFireInFlight_whenALeaseIsRenewed_thenItIsRejectedAsAConflict() {
        assertThat(rejectionOf(aTask().build().renewLease(NOW.plusSeconds(60), NOW)).code()).isEqualTo(Rejection.Code.CONFLICT);
    }

    @Test
    void givenAFireInFlight_whenItIsReleasedUnfired_thenItsOccurrenceIsTheNextRunTimeAgain() {
        Task claimed = aTask().interval(20).build().claimNextFire("exec-1", NOW.plusSeconds(60), NOW.plusSeconds(20)).orElseThrow();

        Task released = claimed.releaseFire(NOW.plusSeconds(21)).orElseThrow();

        assertThat(released.pendingFire()).isEmpty();
        assertThat(released.nextRunTime()).contains(NOW.plusSeconds(20));
        assertThat(released.status()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void givenNoFireInFlight_whenAFireIsReleased_thenItIsRejectedAsAConflict() {
        assertThat(rejectionOf(aTask().build().releaseFire(NOW)).code()).isEqualTo(Rejection.Code.CONFLICT);
    }

    @Test
    void givenAFireInFlight_whenCancelled_thenTheStoppedTaskHasNoPendingFire() {
        Task task = aTask().running().pendingFire("exec-1", NOW).build();

        Task stopped = task.cancel(LATER).orElseThrow();

        assertThat(stopped.pendingFire()).isEmpty();
        assertThat(stopped.nextRunTime()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"PENDING", "RUNNING"})
    void givenAnActiveTask_whenCancelled_thenItIsStoppedWithNoNextRunTime(TaskStatus status) {
        Task stopped = aTask().status(status).build().cancel(LATER).orElseThrow();

        assertThat(stopped.status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.nextRunTime()).isEmpty();
        assertThat(stopped.updatedAt()).isEqualTo(LATER);
        assertThat(stopped.isFinal()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"COMPLETED", "FAILED", "STOPPED"})
    void givenAFinalTask_whenCancelled_thenItIsRejectedAsAConflict(TaskStatus status) {
        Result<Task> result = aTask().status(status).build().cancel(LATER);

        Rejection rejection = rejectionOf(result);
        assertThat(rejection.code()).isEqualTo(Rejection.Code.CONFLICT);
        assertThat(rejection.code().wire()).isEqualTo("conflict");
        assertThat(rejection.message()).contains(status.wire());
    }

    @Test
    void givenAPendingTask_whenItsScheduleChanges_thenTheNextRunTimeIsRecomputedFromNow() {
        Task task = aTask().interval(20).build();
        IntervalSchedule everyMinute = new IntervalSchedule(Duration.ofSeconds(60), Optional.empty());

        Task modified = task.modify(task.callback(), everyMinute, task.stopCondition(), LATER).orElseThrow();

        assertThat(modified.schedule()).isEqualTo(everyMinute);
        assertThat(modified.nextRunTime()).contains(LATER.plusSeconds(60));
        assertThat(modified.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(modified.updatedAt()).isEqualTo(LATER);
        assertThat(modified.createdAt()).isEqualTo(task.createdAt());
    }

    @Test
    void givenARunningTask_whenOnlyItsCallbackChanges_thenTheNextRunTimeIsKept() {
        Task task = aTask().interval(20).running().nextRunTime(NOW.plusSeconds(40)).executionCount(2).build();
        Callback other = new Callback(URI.create("https://api.example.com/other"), HttpMethod.PUT, Map.of(), Optional.empty());

        Task modified = task.modify(other, task.schedule(), task.stopCondition(), LATER).orElseThrow();

        assertThat(modified.callback()).isEqualTo(other);
        assertThat(modified.nextRunTime()).contains(NOW.plusSeconds(40));
        assertThat(modified.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(modified.executionCount()).isEqualTo(2);
    }

    @Test
    void givenARunningTask_whenItsStopConditionChanges_thenTheNewOneApplies() {
        Task task = aTask().running().build();
        StopCondition maxFive = new StopCondition(Optional.of(5L), List.of());

        Task modified = task.modify(task.callback(), task.schedule(), maxFive, LATER).orElseThrow();

        assertThat(modified.stopCondition()).isEqualTo(maxFive);
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"COMPLETED", "FAILED", "STOPPED"})
    void givenAFinalTask_whenModified_thenItIsRejectedAsAConflict(TaskStatus status) {
        Task task = aTask().status(status).build();

        Result<Task> result = task.modify(task.callback(), task.schedule(), task.stopCondition(), LATER);

        assertThat(rejectionOf(result).code()).isEqualTo(Rejection.Code.CONFLICT);
    }

    @Test
    void givenANewScheduleThatNeverFires_thenTheModificationIsRefusedOnCronExpression() {
        Task task = aTask().build();
        CronSchedule past = new CronSchedule("0 0 12 * * ? 2020", ZoneOffset.UTC, Optional.empty());

        assertThatThrownBy(() -> task.modify(task.callback(), past, task.stopCondition(), LATER))
                .isInstanceOfSatisfying(InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("cron_expression"));
    }

    @Test
    void givenAFireInFlight_whenTheScheduleChanges_thenTheNextRunTimeIsTheNewSchedulesFirstFire() {
        Task task = aTask().interval(20).running().nextRunTime(NOW.plusSeconds(20)).pendingFire("exec-1", NOW).build();
        IntervalSchedule everyMinute = new IntervalSchedule(Duration.ofSeconds(60), Optional.empty());

        Task modified = task.modify(task.callback(), everyMinute, task.stopCondition(), LATER).orElseThrow();

        assertThat(modified.nextRunTime()).contains(LATER.plusSeconds(60));
    }

    @Test
    void withVersionChangesOnlyTheVersion() {
        Task task = aTask().running().pendingFire("exec-1", NOW).build();

        Task stored = task.withVersion(7);

        assertThat(stored.version()).isEqualTo(7);
        assertThat(stored.withVersion(task.version())).isEqualTo(task);
    }

    static Rejection rejectionOf(Result<?> result) {
        assertThat(result.isOk()).as("expected a rejection, got %s", result).isFalse();
        return ((Result.Rejected<?>) result).rejection();
    }
}
