package com.coze.timer.application.delivery;

import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.fakes.InMemoryDeadLetters;
import com.coze.timer.application.fakes.InMemoryExecutionLog;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.Results;
import com.coze.timer.application.fakes.ScriptedCallbackSender;
import com.coze.timer.application.fakes.TaskBuilder;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.execution.DeadLetter;
import com.coze.timer.domain.schedule.IntervalSchedule;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskId;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Redrives one at a time, each tried with the task's delivery settings as they are now. */
class RedriveDeadLetterServiceTest {

    private static final Caller ADMIN = new Caller(0, true);
    private static final Delivery OWN = new Delivery(1, 100, 100, 1_000);

    private final ManualClock clock = ManualClock.at("2026-04-22T10:00:00Z");
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    private final InMemoryTaskStore tasks = new InMemoryTaskStore();
    private final ScriptedCallbackSender sender = new ScriptedCallbackSender();
    private final RedriveDeadLetterService redrives = new RedriveDeadLetterService(deadLetters, sender, tasks,
            new InMemoryExecutionLog(), clock, Delivery.CONTRACT);

    @Test
    void aSecondRedriveWhileTheFirstIsInFlightIsAConflictAndSendsNothing() {
        DeadLetter deadLetter = deadLetterOf(stored(OWN));

        assertThat(redrives.redrive(ADMIN, deadLetter.deadLetterId()).isOk()).isTrue();
        Rejection second = Results.rejectionOf(redrives.redrive(ADMIN, deadLetter.deadLetterId()));

        assertThat(second.code()).isEqualTo(Rejection.Code.CONFLICT);
        assertThat(second.message()).isEqualTo("dead letter " + deadLetter.deadLetterId() + ": a redrive is already in progress");
        assertThat(sender.calls()).hasSize(1);
        sender.last().respond(503, "down", clock.instant());
        assertThat(redrives.redrive(ADMIN, deadLetter.deadLetterId()).isOk()).as("free once the first ended").isTrue();
        assertThat(sender.calls()).hasSize(2);
    }

    @Test
    void aRedriveWhoseInstanceDiedCanBeStartedAgainAfterTheLongestItsSendingCouldTake() {
        DeadLetter deadLetter = deadLetterOf(stored(OWN));
        redrives.redrive(ADMIN, deadLetter.deadLetterId()); // never answered, as if its instance died

        clock.advance(OWN.longestSend().plusMinutes(1).minusMillis(1));
        assertThat(Results.rejectionOf(redrives.redrive(ADMIN, deadLetter.deadLetterId())).code()).isEqualTo(Rejection.Code.CONFLICT);
        clock.advance(Duration.ofMillis(1));
        assertThat(redrives.redrive(ADMIN, deadLetter.deadLetterId()).isOk()).isTrue();
    }

    @Test
    void aRedriveCarriesTheTasksDeliverySettingsAndADeletedTasksTheSenders() {
        Task task = stored(OWN);
        DeadLetter deadLetter = deadLetterOf(task);

        redrives.redrive(ADMIN, deadLetter.deadLetterId());
        assertThat(sender.last().request().callback().delivery()).contains(OWN);
        assertThat(sender.last().request().executionId()).isEqualTo(deadLetter.executionId());
        sender.last().respond(503, "down", clock.instant());

        tasks.delete(task.id());
        redrives.redrive(ADMIN, deadLetter.deadLetterId());
        assertThat(sender.last().request().callback().delivery()).as("the sender's settings").isEmpty();
        assertThat(sender.last().request().callback().endpoint()).isEqualTo(deadLetter.request().endpoint());
    }

    private Task stored(Delivery delivery) {
        TaskBuilder builder = aTask();
        Task task = Task.create(TaskId.random(), 1001, new IntervalSchedule(Duration.ofSeconds(20), Optional.empty()),
                builder.callback().withDelivery(delivery), builder.stopCondition(), clock.instant());
        tasks.insert(task);
        return task;
    }

    /** A dead letter as the database reads it back: the request without delivery settings. */
    private DeadLetter deadLetterOf(Task task) {
        DeadLetter deadLetter = new DeadLetter(java.util.UUID.randomUUID().toString(), task.id(), task.userId(), "exec-1",
                clock.instant(), clock.instant(), 2, OptionalInt.of(503), Optional.of("HTTP 503"), aTask().callback());
        deadLetters.add(deadLetter);
        return deadLetter;
    }
}
