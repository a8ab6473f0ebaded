package com.coze.timer.application.task;

import static com.coze.timer.application.fakes.Results.rejectionOf;
import static com.coze.timer.application.fakes.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.application.auth.Caller;
import com.coze.timer.application.fakes.InMemoryTaskStore;
import com.coze.timer.application.fakes.ManualClock;
import com.coze.timer.application.fakes.RecordingScheduleChanges;
import com.coze.timer.application.port.in.CreateTaskCommand;
import com.coze.timer.domain.Rejection;
import com.coze.timer.domain.task.Delivery;
import com.coze.timer.domain.task.Task;
import com.coze.timer.domain.task.TaskStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateTaskServiceTest {

    private static final Caller USER = new Caller(1001, false);
    private static final Caller ADMIN = new Caller(0, true);

    private final ManualClock clock = ManualClock.at("2026-04-22T10:00:00Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RecordingScheduleChanges changes = new RecordingScheduleChanges();

    private CreateTaskService service(TaskPolicy policy) {
        return new CreateTaskService(store, store, changes, policy, clock);
    }

    @Test
    void createStoresAPendingTaskAndHandsItToTheEngine() {
        Task task = service(TaskPolicy.DEFAULT).create(aTask().interval(20).command(USER)).orElseThrow();

        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.userId()).isEqualTo(1001);
        assertThat(store.find(task.id())).contains(task);
        assertThat(changes.scheduled()).containsExactly(task);
    }

    @Test
    void aNewTaskHasItsOwnSecretAndTheServiceSettingsWhereItChoseNone() {
        TaskPolicy policy = new TaskPolicy(false, 10, new Delivery(5, 200, 2_000, 10_000));
        Delivery.Choice choice = new Delivery.Choice(Optional.of(1L), Optional.empty(), Optional.empty(), Optional.of(90_000L));
        CreateTaskCommand plain = aTask().command(USER);
        CreateTaskCommand chosen = new CreateTaskCommand(USER, plain.userId(), plain.schedule(), plain.callback(),
                plain.stopCondition(), plain.tags(), choice, plain.failureCallback());

        Task first = service(policy).create(plain).orElseThrow();
        Task second = service(policy).create(chosen).orElseThrow();

        assertThat(first.callback().delivery()).contains(new Delivery(5, 200, 2_000, 10_000));
        assertThat(second.callback().delivery()).contains(new Delivery(1, 200, 2_000, 90_000));
        assertThat(first.callback().signing().current()).hasValueSatisfying(secret -> assertThat(secret).startsWith("whsec_"));
        assertThat(second.callback().signing().current()).isNotEqualTo(first.callback().signing().current());
    }

    @Test
    void aBackoffAboveTheServicesCapIsRefusedNamingTheCap() {
        CreateTaskCommand plain = aTask().command(USER);
        CreateTaskCommand chosen = new CreateTaskCommand(USER, plain.userId(), plain.schedule(), plain.callback(),
                plain.stopCondition(), plain.tags(), new Delivery.Choice(Optional.empty(), Optional.of(60_000L), Optional.empty(),
                Optional.empty()), plain.failureCallback());

        Rejection refused = rejectionOf(service(TaskPolicy.DEFAULT).create(chosen));

        assertThat(refused.field()).isEqualTo("retry.max_backoff_ms");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void anIntervalTaskFirstFiresOneIntervalFromNow() {
        Task task = service(TaskPolicy.DEFAULT).create(aTask().interval(20).command(USER)).orElseThrow();

        assertThat(task.nextRunTime()).contains(Instant.parse("2026-04-22T10:00:20Z"));
        assertThat(task.createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void aOnceTaskInThePastFiresNow() {
        Task task = service(TaskPolicy.DEFAULT).create(aTask().once("2020-01-01T00:00:00Z").command(USER)).orElseThrow();

        assertThat(task.nextRunTime()).contains(clock.instant());
    }

    @Test
    void createForAnotherUserIsForbidden() {
        Rejection rejection = rejectionOf(service(TaskPolicy.DEFAULT).create(aTask().ownedBy(2002).command(USER)));

        assertThat(rejection.code()).isEqualTo(Rejection.Code.FORBIDDEN);
        assertThat(rejection.field()).isEqualTo("user_id");
        assertThat(store.size()).isZero();
        assertThat(changes.scheduled()).isEmpty();
    }

    @Test
    void anAdminMayCreateForAnyUser() {
        Task task = service(TaskPolicy.DEFAULT).create(aTask().ownedBy(2002).command(ADMIN)).orElseThrow();

        assertThat(task.userId()).isEqualTo(2002);
    }

    @Test
    void createBeyondTheQuotaIsRefused() {
        CreateTaskService service = service(new TaskPolicy(false, 2));
        service.create(aTask().command(USER)).orElseThrow();
        service.create(aTask().command(USER)).orElseThrow();

        Rejection rejection = rejectionOf(service.create(aTask().command(USER)));

        assertThat(rejection.code()).isEqualTo(Rejection.Code.QUOTA_EXCEEDED);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void endedTasksDoNotCountAgainstTheQuota() {
        CreateTaskService service = service(new TaskPolicy(false, 1));
        Task first = service.create(aTask().command(USER)).orElseThrow();
        store.put(first.cancel(clock.instant()).orElseThrow());

        assertThat(service.create(aTask().command(USER)).isOk()).isTrue();
    }

    @Test
    void theQuotaIsCountedPerUser() {
        CreateTaskService service = service(new TaskPolicy(false, 1));
        service.create(aTask().ownedBy(2002).command(ADMIN)).orElseThrow();

        assertThat(service.create(aTask().command(USER)).isOk()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook",
        "http://169.254.169.254/latest/meta-data", "http://10.0.0.7/hook", "http://192.168.1.1/hook"})
    void loopbackTargetIsRefusedUnlessAllowed(String endpoint) {
        Rejection refused = rejectionOf(service(TaskPolicy.DEFAULT).create(aTask().endpoint(endpoint).command(USER)));

        assertThat(refused.code()).isEqualTo(Rejection.Code.INVALID_ARGUMENT);
        assertThat(refused.field()).isEqualTo("http_endpoint");
        assertThat(store.size()).isZero();

        assertThat(service(new TaskPolicy(true, 10)).create(aTask().endpoint(endpoint).command(USER)).isOk()).isTrue();
    }

    @Test
    void aPublicTargetIsAccepted() {
        assertThat(service(TaskPolicy.DEFAULT).create(aTask().endpoint("https://8.8.8.8/hook").command(USER)).isOk()).isTrue();
    }

    @Test
    void aCronExpressionThatNeverFiresIsRefusedWithoutStoringAnything() {
        Rejection rejection = rejectionOf(service(TaskPolicy.DEFAULT)
                .create(aTask().cron("0 0 12 * * ? 2020", "UTC").command(USER)));

        assertThat(rejection.field()).isEqualTo("cron_expression");
        assertThat(store.size()).isZero();
        assertThat(changes.scheduled()).isEmpty();
    }

    @Test
    void theStopConditionIsKept() {
        Task task = service(TaskPolicy.DEFAULT).create(aTask().maxCount(300).stopWhen("finsh", "true").command(USER)).orElseThrow();

        assertThat(task.stopCondition().maxCount()).isEqualTo(Optional.of(300L));
        assertThat(task.stopCondition().fieldMatches()).hasSize(1);
    }
}
