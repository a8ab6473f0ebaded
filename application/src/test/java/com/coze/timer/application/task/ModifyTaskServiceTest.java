package com.coze.timer.application.task;

import static com.coze.timer.application.fakes.Results.rejectionOf;
import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static com.coze.timer.application.fakes.TaskStates.firedOnce;
import static com.coze.timer.application.fakes.TaskPatchBuilder.aPatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.RecordingScheduleChanges;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.schedule.CronSchedule;
import com.coze.timer.domain.schedule.IntervalSchedule;
import com.coze.timer.domain.schedule.ScheduleType;
import com.coze.timer.domain.stop.StopCondition;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.HttpMethod;
import com.coze.timer.domain.task.Signing;
import com.coze.timer.domain.task.Task;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModifyTaskServiceTest {

    private static final Caller OWNER = new Caller(1001, false);

    private final ManualClock clock = ManualClock.at("2026-04-22T10:05:00Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RecordingScheduleChanges changes = new RecordingScheduleChanges();

    private ModifyTaskService service(TaskPolicy policy) {
        return new ModifyTaskService(store, changes, policy, clock);
    }

    private final ModifyTaskService service = service(TaskPolicy.DEFAULT);

    @Test
    void modifyRecomputesTheNextFireWhenTheScheduleChanges() {
        Task task = store.put(aTask().interval(20).build());

        Task modified = service.modify(OWNER, task.id().toString(), aPatch().intervalSeconds(60).build()).orElseThrow();

        assertThat(modified.schedule()).isEqualTo(new IntervalSchedule(Duration.ofSeconds(60), Optional.empty()));
        assertThat(modified.nextRunTime()).contains(Instant.parse("2026-04-22T10:06:00Z"));
        assertThat(modified.updatedAt()).isEqualTo(clock.instant());
        assertThat(store.find(task.id())).contains(modified);
        assertThat(changes.scheduled()).containsExactly(modified);
    }

    @Test
    void modifyKeepsTheNextFireWhenOnlyTheCallbackChanges() {
        Task task = store.put(aTask().interval(20).build());

        Task modified = service.modify(OWNER, task.id().toString(), aPatch().endpoint("https://other.example.com/hook")
                .method(HttpMethod.PUT).headers(Map.of("X-Trace", "1")).build()).orElseThrow();

        assertThat(modified.nextRunTime()).isEqualTo(task.nextRunTime());
        assertThat(modified.callback().endpoint()).isEqualTo(URI.create("https://other.example.com/hook"));
        assertThat(modified.callback().method()).isEqualTo(HttpMethod.PUT);
        assertThat(modified.callback().headers()).containsExactly(Map.entry("X-Trace", "1"));
    }

    @Test
    void aNewBodyReplacesTheOldAndNullRemovesIt() {
        Task task = store.put(aTask().body("{\"data\":\"example\"}").build());

        Task replaced = service.modify(OWNER, task.id().toString(), aPatch().body("[1,2]").build()).orElseThrow();
        assertThat(replaced.callback().body()).contains("[1,2]");

        Task removed = service.modify(OWNER, task.id().toString(), aPatch().body("null").build()).orElseThrow();
        assertThat(removed.callback().body()).isEmpty();
    }

    @Test
    void theStopConditionIsReplaced() {
        Task task = store.put(aTask().maxCount(300).build());
        StopCondition newStop = new StopCondition(Optional.of(5L), List.of());

        Task modified = service.modify(OWNER, task.id().toString(), aPatch().stopCondition(newStop).build()).orElseThrow();

        assertThat(modified.stopCondition()).isEqualTo(newStop);
    }

    @Test
    void aTimeZoneAloneKeepsTheCronExpression() {
        Task task = store.put(aTask().cron("0 0 12 * * ?", "UTC").build());

        Task modified = service.modify(OWNER, task.id().toString(), aPatch().timeZone("Asia/Shanghai").build()).orElseThrow();

        assertThat(modified.schedule()).isEqualTo(new CronSchedule("0 0 12 * * ?", ZoneId.of("Asia/Shanghai"), Optional.empty()));
        assertThat(modified.nextRunTime()).contains(Instant.parse("2026-04-23T04:00:00Z"));
    }

    @Test
    void switchingFromCronToIntervalLeavesTheCronFieldsBehind() {
        Task task = store.put(aTask().cron("0 0 12 * * ?", "Asia/Shanghai").build());

        Task modified = service.modify(OWNER, task.id().toString(),
                aPatch().type(ScheduleType.INTERVAL).intervalSeconds(30).build()).orElseThrow();

        assertThat(modified.schedule().type()).isEqualTo(ScheduleType.INTERVAL);
        assertThat(modified.nextRunTime()).contains(Instant.parse("2026-04-22T10:05:30Z"));
    }

    @Test
    void changingTheTypeNeedsTheNewTypesFields() {
        Task task = store.put(aTask().interval(20).build());

        Rejection rejection = rejectionOf(service.modify(OWNER, task.id().toString(), aPatch().type(ScheduleType.CRON).build()));

        assertThat(rejection.code()).isEqualTo(Rejection.Code.INVALID_ARGUMENT);
        assertThat(rejection.field()).isEqualTo("cron_expression");
        assertThat(store.find(task.id())).contains(task);
        assertThat(changes.scheduled()).isEmpty();
    }

    @Test
    void changingTheIntervalKeepsAFutureStartTime() {
        Task task = store.put(aTask().build());
        service.modify(OWNER, task.id().toString(), aPatch().startTime("2026-05-01T00:00:00Z").build()).orElseThrow();

        Task modified = service.modify(OWNER, task.id().toString(), aPatch().intervalSeconds(60).build()).orElseThrow();

        assertThat(modified.nextRunTime()).contains(Instant.parse("2026-05-01T00:00:00Z"));
    }

    @Test
    void aRetryChangeReplacesOnlyTheFieldsItNamesAndKeepsTheSecret() {
        Task task = store.put(aTask().build());
        Task created = store.put(task.modify(task.callback().withDelivery(new Delivery(3, 1_000, 30_000, 30_000))
                .withSigning(Signing.generate()), task.schedule(), task.stopCondition(), clock.instant()).orElseThrow());

        Task modified = service.modify(OWNER, task.id().toString(), aPatch().delivery(new Delivery.Choice(Optional.of(0L),
                Optional.empty(), Optional.empty(), Optional.of(60_000L))).build()).orElseThrow();

        assertThat(modified.callback().delivery()).contains(new Delivery(0, 1_000, 30_000, 60_000));
        assertThat(modified.callback().signing()).isEqualTo(created.callback().signing());
    }

    @Test
    void aRetryChangeOfATaskWithoutSettingsStartsFromTheServiceSettings() {
        Task task = store.put(aTask().build());
        TaskPolicy policy = new TaskPolicy(false, 10, new Delivery(5, 200, 2_000, 10_000));

        Task modified = service(policy).modify(OWNER, task.id().toString(), aPatch().delivery(new Delivery.Choice(Optional.empty(),
                Optional.of(500L), Optional.empty(), Optional.empty())).build()).orElseThrow();

        assertThat(modified.callback().delivery()).contains(new Delivery(5, 500, 2_000, 10_000));
    }

    @Test
    void rotatingTheSecretKeepsTheOldOneForTheOverlapAndTellsTheEngine() {
        Task task = store.put(aTask().build());
        Signing old = Signing.generate();
        store.put(task.modify(task.callback().withSigning(old), task.schedule(), task.stopCondition(), clock.instant()).orElseThrow());

        Task rotated = service.rotateSigningSecret(OWNER, task.id().toString()).orElseThrow();

        assertThat(rotated.callback().signing().previous()).isEqualTo(old.current());
        assertThat(rotated.callback().signing().current()).isNotEqualTo(old.current());
        assertThat(rotated.callback().signing().previousUntil()).contains(clock.instant().plus(Signing.OVERLAP));
        assertThat(rotated.nextRunTime()).isEqualTo(task.nextRunTime());
        assertThat(store.find(task.id())).contains(rotated);
        assertThat(changes.scheduled()).containsExactly(rotated);
    }

    @Test
    void rotatingTheSecretOfAnEndedOrAnotherUsersTaskIsRefused() {
        Task ended = store.put(aTask().build().cancel(clock.instant()).orElseThrow());
        Task others = store.put(aTask().ownedBy(2002).build());

        assertThat(rejectionOf(service.rotateSigningSecret(OWNER, ended.id().toString())).code()).isEqualTo(Rejection.Code.CONFLICT);
        assertThat(rejectionOf(service.rotateSigningSecret(OWNER, others.id().toString())).code())
                .isEqualTo(Rejection.Code.NOT_FOUND);
    }

    @Test
    void modifyOfAnEndedTaskIsAConflict() {
        Task task = store.put(aTask().build().cancel(clock.instant()).orElseThrow());

        Rejection rejection = rejectionOf(service.modify(OWNER, task.id().toString(), aPatch().intervalSeconds(5).build()));

        assertThat(rejection.code()).isEqualTo(Rejection.Code.CONFLICT);
    }

    @Test
    void modifyToALoopbackTargetIsRefusedUnlessAllowed() {
        Task task = store.put(aTask().build());

        Rejection rejection = rejectionOf(service.modify(OWNER, task.id().toString(), aPatch().endpoint("http://127.0.0.1/x").build()));
        assertThat(rejection.field()).isEqualTo("http_endpoint");
        assertThat(store.find(task.id())).contains(task);

        assertThat(service(new TaskPolicy(true, 10)).modify(OWNER, task.id().toString(),
                aPatch().endpoint("http://127.0.0.1/x").build()).isOk()).isTrue();
    }

    @Test
    void modifyRetriesAfterLosingARaceToTheEngine() {
        Task task = store.put(aTask().interval(20).build());
        store.interfereWithNextUpdates(1, stored -> firedOnce(stored, clock.instant()));

        Task modified = service.modify(OWNER, task.id().toString(), aPatch().endpoint("https://b.example.com/").build()).orElseThrow();

        assertThat(modified.status()).as("the engine's change is kept").isEqualTo(com.coze.timer.domain.task.TaskStatus.RUNNING);
        assertThat(modified.callback().endpoint().getHost()).isEqualTo("b.example.com");
        assertThat(store.updateAttempts()).isEqualTo(2);
    }

    @Test
    void anotherUsersTaskCannotBeModified() {
        Task task = store.put(aTask().ownedBy(2002).build());

        assertThat(rejectionOf(service.modify(OWNER, task.id().toString(), aPatch().intervalSeconds(5).build())).code())
                .isEqualTo(Rejection.Code.NOT_FOUND);
    }
}
