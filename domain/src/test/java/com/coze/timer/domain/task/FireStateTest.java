package com.coze.timer.domain.task;

import static com.coze.timer.domain.task.TaskBuilder.CREATED_AT;
import static com.coze.timer.domain.task.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coze.timer.domain.Result;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fire lifecycle, and the control moves (pause, resume, run) that change it. */
class FireStateTest {

    private static final Instant T0 = CREATED_AT;
    private static final Instant LEASE = T0.plusSeconds(600);

    @Test
    void aNewTaskIsIdleAndClaimableOnlyOnceItsTimeIsWithinReach() {
        Task task = aTask().interval(10).build();

        assertThat(task.fireState()).isInstanceOf(FireState.Idle.class);
        assertThat(task.fireState().isClaimableBy(T0.plusSeconds(9))).isFalse();
        assertThat(task.fireState().isClaimableBy(T0.plusSeconds(10))).isTrue();
        assertThat(task.fireState().mayFireAt(T0.plusSeconds(60))).as("an idle task has nothing to send").isFalse();
    }

    @Test
    void aClaimedFireMayGoOutOnceItsTimeHasComeAndNotBefore() {
        Task claimed = ok(aTask().interval(10).build().claimNextFire("e1", LEASE, T0.plusSeconds(6)));

        FireState state = claimed.fireState();
        assertThat(state).isEqualTo(new FireState.Claimed(claimed.pendingFire().orElseThrow()));
        assertThat(state.mayFireAt(T0.plusMillis(9_999))).isFalse();
        assertThat(state.mayFireAt(T0.plusSeconds(10))).isTrue();
        assertThat(state.isClaimableBy(T0.plusSeconds(60))).as("one claim at a time").isFalse();
    }

    @Test
    void aSentFireIsInFlightAndMayNotGoOutAgain() {
        FireState inFlight = ok(aTask().interval(10).build().claimNextFire("e1", LEASE, T0)).fireState().sent();

        assertThat(inFlight).isInstanceOf(FireState.InFlight.class);
        assertThat(inFlight.mayFireAt(T0.plusSeconds(60))).isFalse();
        assertThatThrownBy(inFlight::sent).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPausedTaskIsNeitherClaimableNorSentAndShowsNoUpcomingFire() {
        Task paused = ok(aTask().interval(10).build().pause(T0.plusSeconds(1)));

        assertThat(paused.status()).isEqualTo(TaskStatus.PAUSED);
        assertThat(paused.fireState()).isEqualTo(new FireState.Paused(paused.nextRunTime()));
        assertThat(paused.fireState().isClaimableBy(T0.plusSeconds(600))).isFalse();
        assertThat(paused.upcomingFire(T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void pausingHandsBackAClaimNotYetDueAndKeepsOneThatMayBeInFlight() {
        Task claimed = ok(aTask().interval(10).build().claimNextFire("e1", LEASE, T0.plusSeconds(6)));

        Task early = ok(claimed.pause(T0.plusSeconds(7)));
        assertThat(early.pendingFire()).isEmpty();
        assertThat(early.nextRunTime()).contains(T0.plusSeconds(10));

        Task late = ok(claimed.pause(T0.plusSeconds(10)));
        assertThat(late.pendingFire()).isEqualTo(claimed.pendingFire());
    }

    @Test
    void pausingTwiceOrAnEndedTaskIsAConflict() {
        Task paused = ok(aTask().interval(10).build().pause(T0));

        assertThat(paused.pause(T0)).isInstanceOf(Result.Rejected.class);
        assertThat(ok(paused.cancel(T0)).pause(T0)).isInstanceOf(Result.Rejected.class);
    }

    @Test
    void resumingMovesToTheFirstOccurrenceAfterNowOnTheTasksOwnGrid() {
        Task paused = ok(aTask().interval(10).build().pause(T0.plusSeconds(1)));

        Task resumed = ok(paused.resume(T0.plusSeconds(47)));

        assertThat(resumed.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(resumed.nextRunTime()).as("10, 20, 30 and 40 passed while paused").contains(T0.plusSeconds(50));
        assertThat(resumed.fireState()).isInstanceOf(FireState.Idle.class);
        assertThat(resumed.upcomingFire(T0.plusSeconds(47))).contains(T0.plusSeconds(50));
    }

    @Test
    void resumingBeforeTheNextOccurrenceKeepsIt() {
        Task paused = ok(aTask().interval(10).build().pause(T0.plusSeconds(1)));

        assertThat(ok(paused.resume(T0.plusSeconds(3))).nextRunTime()).contains(T0.plusSeconds(10));
    }

    @Test
    void resumingATaskThatIsNotPausedIsAConflict() {
        assertThat(aTask().interval(10).build().resume(T0)).isInstanceOf(Result.Rejected.class);
    }

    @Test
    void aRunClaimsAFireNowWithoutMovingTheNextRunTime() {
        Task task = aTask().interval(10).build();

        Task run = ok(task.claimRun("run-1", LEASE, T0.plusSeconds(3)));

        assertThat(run.pendingFire().orElseThrow().executionId()).isEqualTo("run-1");
        assertThat(run.fireState().mayFireAt(T0.plusSeconds(3))).isTrue();
        assertThat(run.nextRunTime()).contains(T0.plusSeconds(10));
        assertThat(run.upcomingFire(T0.plusSeconds(3))).contains(T0.plusSeconds(10));
    }

    @Test
    void aRunHandsBackAClaimNotYetDueSoThatItsOccurrenceStaysTheNext() {
        Task claimed = ok(aTask().interval(10).build().claimNextFire("e1", LEASE, T0.plusSeconds(6)));

        Task run = ok(claimed.claimRun("run-1", LEASE, T0.plusSeconds(7)));

        assertThat(run.nextRunTime()).contains(T0.plusSeconds(10));
        assertThat(run.pendingFire().orElseThrow().executionId()).isEqualTo("run-1");
    }

    @Test
    void aRunOfAPausedTaskGoesOutAndTheTaskStaysPaused() {
        Task run = ok(ok(aTask().interval(10).build().pause(T0)).claimRun("run-1", LEASE, T0.plusSeconds(1)));

        assertThat(run.status()).isEqualTo(TaskStatus.PAUSED);
        assertThat(run.fireState().mayFireAt(T0.plusSeconds(1))).isTrue();
    }

    @Test
    void aRunWhileAFireIsDueOrInFlightOrOnAnEndedTaskIsAConflict() {
        Task claimed = ok(aTask().interval(10).build().claimNextFire("e1", LEASE, T0.plusSeconds(6)));

        assertThat(claimed.claimRun("run-1", LEASE, T0.plusSeconds(10))).isInstanceOf(Result.Rejected.class);
        assertThat(ok(claimed.cancel(T0)).claimRun("run-1", LEASE, T0)).isInstanceOf(Result.Rejected.class);
    }

    @Test
    void anEndedTaskIsEndedAndIdleOrEndedStatesAreDone() {
        Task stopped = ok(aTask().interval(10).build().cancel(T0));

        assertThat(stopped.fireState()).isEqualTo(new FireState.Ended(TaskStatus.STOPPED));
        assertThat(stopped.fireState().isDone()).isTrue();
        assertThat(aTask().interval(10).build().fireState().isDone()).isTrue();
    }

    private static Task ok(Result<Task> result) {
        return ((Result.Ok<Task>) result).value();
    }
}
